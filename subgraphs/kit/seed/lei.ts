/**
 * ISO 17442 Legal Entity Identifier: 18 alphanumeric characters then two check digits
 * computed with ISO 7064 MOD 97-10 (letters A..Z read as 10..35, as in IBANs).
 */

const LEI_SHAPE = /^[0-9A-Z]{18}[0-9]{2}$/;

function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const ch of alphanumeric) {
    const value = Number.parseInt(ch, 36);
    // Two-digit values shift by 100, one-digit values by 10.
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}

/** The two check digits for an 18-character LEI base. */
export function leiCheckDigits(base18: string): string {
  if (!/^[0-9A-Z]{18}$/.test(base18)) {
    throw new RangeError('an LEI base is 18 upper-case alphanumeric characters');
  }
  return String(98 - mod97(`${base18}00`)).padStart(2, '0');
}

/** Whether `lei` has the LEI shape and valid check digits (the full string mod 97 is 1). */
export function isValidLei(lei: string): boolean {
  return LEI_SHAPE.test(lei) && mod97(lei) === 1;
}
