import type { PersonRecord } from '../../../core/records.js';
import type { Rng } from './createRng.js';
import { namesFor } from './partyNames.js';

const digits = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => String(rng.int(0, 9))).join('');
const pad = (value: number, width: number): string => String(value).padStart(width, '0');
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const letters = (rng: Rng, n: number, alphabet = UPPER): string =>
  Array.from({ length: n }, () => rng.pick([...alphabet])).join('');

interface BirthDate {
  year: number;
  month: number;
  day: number;
}

/**
 * National identification numbers in each country's real shape, with the real check digit
 * where the algorithm is public and short. Synthetic: they follow the rules, not a register.
 */
const ID_NUMBERS: Readonly<Record<string, (rng: Rng, birth: BirthDate) => string>> = {
  // NIR (INSEE): sex, YY, MM, département, commune, order, then key = 97 - (n mod 97).
  FR: (rng, birth) => {
    const body = `${rng.int(1, 2)}${pad(birth.year % 100, 2)}${pad(birth.month, 2)}${pad(rng.int(1, 95), 2)}${digits(rng, 3)}${digits(rng, 3)}`;
    return body + pad(97 - Number(BigInt(body) % 97n), 2);
  },
  // Personalausweis: 9 characters from the ICAO-safe alphabet, check digit weights 7-3-1.
  DE: (rng) => {
    const body =
      letters(rng, 1, 'CFGHJKLMNPRTVWXYZ') + letters(rng, 8, 'CFGHJKLMNPRTVWXYZ0123456789');
    const weights = [7, 3, 1];
    const sum = [...body].reduce(
      (acc, ch, i) => acc + Number.parseInt(ch, 36) * (weights[i % 3] as number),
      0,
    );
    return body + String(sum % 10);
  },
  // NRIC: S (born before 2000) or T, 7 digits, check letter from weights 2-7-6-5-4-3-2.
  SG: (rng, birth) => {
    const prefix = birth.year >= 2000 ? 'T' : 'S';
    const body = digits(rng, 7);
    const weights = [2, 7, 6, 5, 4, 3, 2];
    const sum = [...body].reduce(
      (acc, d, i) => acc + Number(d) * (weights[i] as number),
      prefix === 'T' ? 4 : 0,
    );
    return prefix + body + ('JZIHGFEDCBA'[sum % 11] as string);
  },
  // BSN: 9 digits passing the "elfproef" (weights 9..2 and -1, sum divisible by 11).
  NL: (rng) => {
    for (;;) {
      const body = String(rng.int(1, 9)) + digits(rng, 7);
      const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (9 - i), 0);
      const check = sum % 11;
      if (check < 10) return body + String(check);
    }
  },
  // Codice fiscale shape: 6 letters, YY, month letter, day (+40 for women), municipality, check letter.
  IT: (rng, birth) =>
    letters(rng, 6) +
    pad(birth.year % 100, 2) +
    ('ABCDEHLMPRST'[birth.month - 1] as string) +
    pad(birth.day + (rng.chance(0.5) ? 40 : 0), 2) +
    letters(rng, 1, 'ABCDEFGHILM') +
    digits(rng, 3) +
    letters(rng, 1),
  // DNI: 8 digits and the letter of n mod 23.
  ES: (rng) => {
    const n = rng.int(10_000_000, 99_999_999);
    return String(n) + ('TRWAGMYFPDXBNJZSQVHLCKE'[n % 23] as string);
  },
  // National Insurance number: two prefix letters (D, F, I, Q, U, V never used), 6 digits, A-D.
  GB: (rng) =>
    letters(rng, 1, 'ABCEGHJKLMNPRSTWXYZ') +
    letters(rng, 1, 'ABCEGHJKLMNPRSTWXYZ') +
    digits(rng, 6) +
    letters(rng, 1, 'ABCD'),
  // SSN: area 001-899 except 666, group 01-99, serial 0001-9999.
  US: (rng) => {
    let area = rng.int(1, 899);
    if (area === 666) area = 667;
    return `${pad(area, 3)}-${pad(rng.int(1, 99), 2)}-${pad(rng.int(1, 9999), 4)}`;
  },
  // Internal passport: 4-digit series (region + year of issue) and 6-digit number.
  RU: (rng) => `${pad(rng.int(1, 99), 2)}${pad(rng.int(0, 24), 2)} ${digits(rng, 6)}`,
  // Resident identity card: area code, YYYYMMDD, sequence, ISO 7064 MOD 11-2 check character.
  CN: (rng, birth) => {
    const body = `${rng.int(11, 65)}${digits(rng, 4)}${birth.year}${pad(birth.month, 2)}${pad(birth.day, 2)}${digits(rng, 3)}`;
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (weights[i] as number), 0);
    return body + ('10X98765432'[sum % 11] as string);
  },
};

const genericIdNumber = (rng: Rng): string => letters(rng, 2) + digits(rng, 7);

function birthDate(rng: Rng): BirthDate {
  const year = rng.int(1950, 2003);
  const month = rng.int(1, 12);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: rng.int(1, daysInMonth) };
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** A synthetic natural person of `country` (ISO 3166-1 alpha-2). */
export function syntheticPerson(rng: Rng, country: string): PersonRecord {
  const nationality = country.toUpperCase();
  const names = namesFor(nationality);
  const firstName = rng.pick(names.given);
  const lastName = rng.pick(names.family);
  const birth = birthDate(rng);
  const idNumber = (ID_NUMBERS[nationality] ?? genericIdNumber)(rng, birth);
  return {
    kind: 'Person',
    id: `P-${hex(rng.bytes(8))}`,
    name: names.familyFirst ? `${lastName} ${firstName}` : `${firstName} ${lastName}`,
    firstName,
    lastName,
    birthDate: `${birth.year}-${pad(birth.month, 2)}-${pad(birth.day, 2)}`,
    nationality,
    idNumber,
  };
}
