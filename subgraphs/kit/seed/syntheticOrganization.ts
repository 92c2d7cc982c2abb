import type { OrganizationRecord } from '../../../core/records.js';
import type { Rng } from './createRng.js';
import { leiCheckDigits } from '../../../core/identifiers/lei.js';

const NAME_STEMS = [
  'Atlas',
  'Borealis',
  'Cobalt',
  'Delta',
  'Everest',
  'Fjord',
  'Granite',
  'Helios',
  'Iris',
  'Juniper',
  'Kestrel',
  'Lumen',
  'Meridian',
  'Nimbus',
  'Orion',
  'Polaris',
  'Quartz',
  'Riviera',
  'Sierra',
  'Tundra',
  'Umbra',
  'Vega',
  'Willow',
  'Zenith',
];
const ACTIVITIES = [
  'Digital Assets',
  'Capital',
  'Trading',
  'Holdings',
  'Ventures',
  'Exchange',
  'Payments',
  'Consulting',
  'Logistics',
  'Technologies',
  'Investments',
  'Custody',
];

interface CountryCompanyForm {
  /** Legal form appended (or, for RU, put before the quoted name). */
  forms: readonly string[];
  registrationNumber(rng: Rng): string;
  formFirst?: boolean;
}

const digits = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => String(rng.int(0, 9))).join('');

function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Legal forms and company-register number shapes per country. */
const COMPANY_FORMS: Readonly<Record<string, CountryCompanyForm>> = {
  // SIREN: 8 digits + Luhn check digit.
  FR: {
    forms: ['SAS', 'SARL', 'SA'],
    registrationNumber: (rng) => {
      const b = digits(rng, 8);
      return b + luhnCheckDigit(b);
    },
  },
  DE: {
    forms: ['GmbH', 'AG', 'UG (haftungsbeschränkt)'],
    registrationNumber: (rng) => `HRB ${rng.int(1000, 250_000)}`,
  },
  // UEN for companies: year of registration, 5 digits, check letter.
  SG: {
    forms: ['Pte. Ltd.'],
    registrationNumber: (rng) =>
      `${rng.int(1990, 2024)}${digits(rng, 5)}${rng.pick([...'ABCDEFGHJKMNRWZ'])}`,
  },
  NL: { forms: ['B.V.', 'N.V.'], registrationNumber: (rng) => digits(rng, 8) },
  IT: { forms: ['S.r.l.', 'S.p.A.'], registrationNumber: (rng) => digits(rng, 11) },
  ES: { forms: ['S.L.', 'S.A.'], registrationNumber: (rng) => `B${digits(rng, 8)}` },
  GB: { forms: ['Ltd', 'PLC', 'LLP'], registrationNumber: (rng) => digits(rng, 8) },
  US: {
    forms: ['LLC', 'Inc.', 'Corp.'],
    registrationNumber: (rng) => `${digits(rng, 2)}-${digits(rng, 7)}`,
  },
  // OGRN: 13 digits.
  RU: { forms: ['OOO', 'AO'], registrationNumber: (rng) => `1${digits(rng, 12)}`, formFirst: true },
  // Unified social credit code: 18 characters.
  CN: {
    forms: ['Co., Ltd.'],
    registrationNumber: (rng) =>
      `91${digits(rng, 6)}${Array.from({ length: 10 }, () => rng.pick([...'0123456789ABCDEFGHJKLMNPQRTUWXY'])).join('')}`,
  },
};
const GENERIC_FORM: CountryCompanyForm = {
  forms: ['Ltd'],
  registrationNumber: (rng) => digits(rng, 9),
};

/**
 * Prefixes of LEI-issuing organisations (LOUs) seen on real LEIs; only the shape matters
 * here, the pairing with a country is not claimed.
 */
const LOU_PREFIXES = [
  '5493',
  '9695',
  '5299',
  '2138',
  '8156',
  '9598',
  '7245',
  '2549',
  '3912',
  '2594',
];
const LEI_ALPHABET = [...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

/** An LEI with valid ISO 17442 check digits: LOU prefix, `00`, 12 entity characters. */
export function syntheticLei(rng: Rng): string {
  const base =
    rng.pick(LOU_PREFIXES) +
    '00' +
    Array.from({ length: 12 }, () => rng.pick(LEI_ALPHABET)).join('');
  return base + leiCheckDigits(base);
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** A synthetic legal person registered in `country`; about 70% carry an LEI. */
export function syntheticOrganization(rng: Rng, country: string): OrganizationRecord {
  const code = country.toUpperCase();
  const form = COMPANY_FORMS[code] ?? GENERIC_FORM;
  const stem = `${rng.pick(NAME_STEMS)} ${rng.pick(ACTIVITIES)}`;
  const legalForm = rng.pick(form.forms);
  return {
    kind: 'Organization',
    id: `O-${hex(rng.bytes(8))}`,
    name: form.formFirst ? `${legalForm} "${stem}"` : `${stem} ${legalForm}`,
    lei: rng.chance(0.7) ? syntheticLei(rng) : null,
    country: code,
    registrationNumber: form.registrationNumber(rng),
  };
}
