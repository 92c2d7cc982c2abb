import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../subgraphs/kit/seed/createRng.js';
import { isLei } from '../../../../core/identifiers/lei.js';
import { syntheticOrganization } from '../../../../subgraphs/kit/seed/syntheticOrganization.js';
import { syntheticPerson } from '../../../../subgraphs/kit/seed/syntheticPerson.js';

const COUNTRIES = ['FR', 'DE', 'SG', 'NL', 'IT', 'ES', 'GB', 'US', 'RU', 'CN'];

// Shapes of national id numbers; check digits are verified separately where computed.
const ID_SHAPES: Record<string, RegExp> = {
  FR: /^[12]\d{14}$/,
  DE: /^[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{8}\d$/,
  SG: /^[ST]\d{7}[A-Z]$/,
  NL: /^\d{9}$/,
  IT: /^[A-Z]{6}\d{2}[ABCDEHLMPRST]\d{2}[A-Z]\d{3}[A-Z]$/,
  ES: /^\d{8}[A-Z]$/,
  GB: /^[A-Z]{2}\d{6}[A-D]$/,
  US: /^\d{3}-\d{2}-\d{4}$/,
  RU: /^\d{4} \d{6}$/,
  CN: /^\d{17}[\dX]$/,
};

describe('syntheticPerson', () => {
  it.each(COUNTRIES)('makes plausible %s people', (country) => {
    const rng = createRng(`person-${country}`);
    for (let i = 0; i < 50; i++) {
      const person = syntheticPerson(rng, country);
      expect(person.kind).toBe('Person');
      expect(person.id).toMatch(/^P-[0-9a-f]{16}$/);
      expect(person.nationality).toBe(country);
      expect(person.name).toContain(person.firstName as string);
      expect(person.name).toContain(person.lastName as string);
      expect(person.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const birth = new Date(`${person.birthDate}T00:00:00Z`);
      expect(birth.toISOString().slice(0, 10)).toBe(person.birthDate); // a real calendar date
      expect(birth.getUTCFullYear()).toBeGreaterThanOrEqual(1950);
      expect(birth.getUTCFullYear()).toBeLessThanOrEqual(2003);
      expect(person.idNumber).toMatch(ID_SHAPES[country] as RegExp);
    }
  });

  it('computes the check digits of FR, ES, NL and CN id numbers', () => {
    const rng = createRng('checks');
    for (let i = 0; i < 50; i++) {
      const fr = syntheticPerson(rng, 'FR').idNumber as string;
      expect(97 - Number(BigInt(fr.slice(0, 13)) % 97n)).toBe(Number(fr.slice(13)));
      const es = syntheticPerson(rng, 'ES').idNumber as string;
      expect('TRWAGMYFPDXBNJZSQVHLCKE'[Number(es.slice(0, 8)) % 23]).toBe(es[8]);
      const nl = syntheticPerson(rng, 'NL').idNumber as string;
      const elfproef = [...nl].reduce((acc, d, j) => acc + Number(d) * (j === 8 ? -1 : 9 - j), 0);
      expect(elfproef % 11).toBe(0);
      const cn = syntheticPerson(rng, 'CN');
      expect((cn.idNumber as string).slice(6, 14)).toBe(
        (cn.birthDate as string).replaceAll('-', ''),
      );
    }
  });

  it('is deterministic and falls back to generic names for other countries', () => {
    expect(syntheticPerson(createRng('same'), 'DE')).toEqual(
      syntheticPerson(createRng('same'), 'DE'),
    );
    const other = syntheticPerson(createRng('x'), 'br');
    expect(other.nationality).toBe('BR');
    expect(other.idNumber).toBeTruthy();
  });
});

describe('syntheticOrganization', () => {
  const SUFFIXES: Record<string, RegExp> = {
    FR: / (SAS|SARL|SA)$/,
    DE: / (GmbH|AG|UG \(haftungsbeschränkt\))$/,
    SG: / Pte\. Ltd\.$/,
    GB: / (Ltd|PLC|LLP)$/,
    RU: /^(OOO|AO) ".+"$/,
  };
  it.each(Object.entries(SUFFIXES))('gives %s companies their legal form', (country, shape) => {
    const rng = createRng(`org-${country}`);
    for (let i = 0; i < 20; i++) {
      const org = syntheticOrganization(rng, country);
      expect(org.kind).toBe('Organization');
      expect(org.id).toMatch(/^O-[0-9a-f]{16}$/);
      expect(org.name).toMatch(shape);
      expect(org.country).toBe(country);
      expect(org.registrationNumber).toBeTruthy();
    }
  });

  it('gives most organisations a valid LEI', () => {
    const rng = createRng('leis');
    const leis = Array.from({ length: 200 }, () => syntheticOrganization(rng, 'FR').lei);
    const present = leis.filter((lei): lei is string => lei !== null);
    expect(present.length).toBeGreaterThan(100);
    for (const lei of present) expect(isLei(lei)).toBe(true);
  });
});
