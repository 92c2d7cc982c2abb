/**
 * ISO 17442 Legal Entity Identifier: 18 upper-case alphanumeric characters, then two check
 * digits under ISO 7064 MOD 97-10 (letters read as 10..35, as in IBANs), so that the whole
 * identifier read as a number is 1 modulo 97.
 */

const LEI = /^[0-9A-Z]{18}[0-9]{2}$/;
const LEI_BASE = /^[0-9A-Z]{18}$/;

/** Whether `value` is an LEI: the ISO 17442 shape with valid check digits. */
export function isLei(value: string): boolean {
  return LEI.test(value) && mod97(value) === 1;
}

/** The two check digits completing an 18-character LEI base. */
export function leiCheckDigits(base: string): string {
  if (!LEI_BASE.test(base)) {
    throw new RangeError('an LEI base is 18 upper-case alphanumeric characters');
  }
  return String(98 - mod97(`${base}00`)).padStart(2, '0');
}

/** The remainder modulo 97 of the digits the characters stand for, read left to right. */
function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const char of alphanumeric) {
    const value = Number.parseInt(char, 36);
    // A letter stands for two digits, a digit for one.
    remainder = (remainder * (value >= 10 ? 100 : 10) + value) % 97;
  }
  return remainder;
}
