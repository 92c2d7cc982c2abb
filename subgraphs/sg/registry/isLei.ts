const LEI_PATTERN = /^[A-Z0-9]{18}[0-9]{2}$/;

/** An ISO 17442 Legal Entity Identifier: 20 characters whose ISO 7064 MOD 97-10 check holds. */
export function isLei(value: string): boolean {
  if (!LEI_PATTERN.test(value)) return false;
  let remainder = 0;
  for (const char of value) {
    const digits = char <= '9' ? char : String(char.charCodeAt(0) - 55);
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
