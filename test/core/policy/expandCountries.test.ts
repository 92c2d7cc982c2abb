import { buildSchema, isObjectType, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { applyPolicyDirectives } from '../../../core/policy/applyPolicyDirectives.js';
import {
  EU_MEMBER_STATES,
  ISO_COUNTRY_CODES,
  isCountryCode,
} from '../../../core/policy/countries.js';
import { expandCountries } from '../../../core/policy/expandCountries.js';
import type { JurisdictionPolicy } from '../../../core/policy/JurisdictionPolicy.js';
import { policySpecSdl } from '../../../core/policy/policySpec.js';
import { effectiveFieldPolicy } from '../../../core/policy/readPolicyDirectives.js';

const policy: JurisdictionPolicy = {
  jurisdiction: 'FR',
  recognisedRoles: ['INVESTIGATOR', 'PROSECUTOR'],
  acceptsEmergency: false,
  auditRetentionDays: 365,
  legalBasis: [],
  requests: { types: {}, grounds: {}, holidays: [] },
  arrangements: {
    PARTNERS: { basis: 'bilateral MLA arrangement', countries: ['NO', 'CH'] },
  },
  releasesTo: ['DOMESTIC', 'PARTNERS'],
  types: {},
};

describe('the country lists', () => {
  it('hold the 249 assigned ISO codes and the 27 EU member states among them', () => {
    expect(ISO_COUNTRY_CODES.size).toBe(249);
    expect(EU_MEMBER_STATES).toHaveLength(27);
    expect(EU_MEMBER_STATES.filter((code) => !isCountryCode(code))).toEqual([]);
    // Greece by its ISO code; the United Kingdom left the Union.
    expect(EU_MEMBER_STATES).toContain('GR');
    expect(EU_MEMBER_STATES).not.toContain('EL');
    expect(EU_MEMBER_STATES).not.toContain('GB');
  });

  it.each([
    ['UK', false],
    ['EU', false],
    ['XK', false],
    ['GB', true],
    ['KP', true],
  ])('%s is an assigned code: %s', (code, assigned) => {
    expect(isCountryCode(code)).toBe(assigned);
  });
});

describe('expandCountries', () => {
  it.each<[string, string[], string[] | null]>([
    ['the member itself', ['DOMESTIC'], ['FR']],
    ['an arrangement, sorted', ['PARTNERS'], ['CH', 'NO']],
    ['the EU', ['EU'], [...EU_MEMBER_STATES].sort()],
    ['codes and groups, each once', ['DOMESTIC', 'FR', 'PARTNERS', 'US'], ['CH', 'FR', 'NO', 'US']],
    ['ANY, whatever else is named', ['DOMESTIC', 'ANY'], null],
    // A misspelt name stays as written: it matches no home country, and the lint names it.
    ['an unknown name', ['DOMESTIC', 'PARTNER'], ['FR', 'PARTNER']],
    ['an inherited property name', ['toString'], ['toString']],
  ])('%s', (_name, refs, expected) => {
    expect(expandCountries(policy, refs)).toEqual(expected);
  });

  it('lets no arrangement redefine a built-in group', () => {
    const shadowing = { ...policy, arrangements: { EU: { basis: 'x', countries: ['US'] } } };
    expect(expandCountries(shadowing, ['EU'])).toEqual([...EU_MEMBER_STATES].sort());
  });
});

describe('applyPolicyDirectives: country rules', () => {
  const document = parse(/* GraphQL */ `
    type Query {
      record: Record
    }
    type Record {
      holder: String
      amount: String
      note: String
    }
  `);

  function applied(
    types: JurisdictionPolicy['types'],
    overrides: Partial<JurisdictionPolicy> = {},
  ) {
    const schema = buildSchema(
      `${policySpecSdl()}\n${print(applyPolicyDirectives(document, { ...policy, ...overrides, types }))}`,
    );
    const record = schema.getType('Record');
    if (!isObjectType(record)) throw new Error('Record is not an object type');
    return (field: string) =>
      effectiveFieldPolicy(schema, record, record.toConfig().fields[field]!, field, 'FR');
  }

  it('writes the member default on every @access that names no countries, expanded', () => {
    const read = applied({
      Record: {
        object: { access: { roles: ['INVESTIGATOR'] } },
        fields: {
          holder: { access: { roles: ['PROSECUTOR'], countries: ['DOMESTIC', 'EU'] } },
          amount: { access: { roles: ['PROSECUTOR'], countries: ['ANY'] } },
        },
      },
    });
    expect(read('note').access?.countries).toEqual(['CH', 'FR', 'NO']);
    expect(read('holder').access?.countries).toEqual([...EU_MEMBER_STATES].sort());
    expect(read('amount').access?.countries).toBeNull();
  });

  it('leaves countries out where the member states no default', () => {
    const read = applied(
      { Record: { object: { access: { roles: ['INVESTIGATOR'] } } } },
      { releasesTo: undefined },
    );
    expect(read('note').access?.countries).toBeNull();
  });

  it('expands unlessCountries of @minimize, and keeps an ANY there for the lint', () => {
    const read = applied({
      Record: {
        fields: {
          holder: {
            minimize: [{ strategy: 'INITIALS', unlessCountries: ['DOMESTIC', 'PARTNERS'] }],
          },
          amount: { minimize: [{ strategy: 'REDACT', unlessCountries: ['ANY'] }] },
          note: { minimize: [{ strategy: 'REDACT' }] },
        },
      },
    });
    expect(read('holder').minimize[0]?.unlessCountries).toEqual(['CH', 'FR', 'NO']);
    expect(read('amount').minimize[0]?.unlessCountries).toEqual(['ANY']);
    expect(read('note').minimize[0]?.unlessCountries).toEqual([]);
  });
});
