import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { memberConfigs } from '../../../core/federationConfig.js';
import type { JurisdictionPolicy } from '../../../core/policy/JurisdictionPolicy.js';
import type { Role } from '../../../core/policy/policySpec.js';
import type { RequestPolicy, RequestTypePolicy } from '../../../core/policy/RequestPolicy.js';
import { PolicyRule, lintPolicy } from '../../../schema/policy/lintPolicy.js';
import { loadJurisdictionSchemas } from '../../../schema/policy/loadJurisdictionSchemas.js';
import { policySpecSdl } from '../../../core/policy/policySpec.js';

describe('lintPolicy on the real jurisdictions', () => {
  it('finds no problem in any jurisdiction', async () => {
    const jurisdictions = await loadJurisdictionSchemas();
    expect(jurisdictions.map(({ policy }) => policy.jurisdiction)).toEqual(
      memberConfigs().map(({ code }) => code),
    );
    const problems = jurisdictions.flatMap(({ schema, policy }) => lintPolicy(schema, policy));
    expect(problems).toEqual([]);
  });
});

/** A jurisdiction that recognises three roles and no emergency release. */
const policy: JurisdictionPolicy = {
  jurisdiction: 'XX',
  recognisedRoles: ['INVESTIGATOR', 'PROSECUTOR', 'ANALYST'],
  acceptsEmergency: false,
  auditRetentionDays: 365,
  legalBasis: [],
  requests: { types: {}, grounds: {}, holidays: [] },
  types: {},
};

const ACCESS =
  '@access(jurisdiction: "XX", roles: [INVESTIGATOR], purposes: [ASSET_TRACING], countries: ["XX"])';

/** The policy spec as every subgraph links it, the scalars the rules look at, and `Record`. */
function schemaWith(records: string) {
  return buildSchema(/* GraphQL */ `
    ${policySpecSdl()}
    scalar DateTime
    scalar Decimal
    type Query {
      record: Record ${ACCESS}
    }
    ${records}
  `);
}

describe('lintPolicy rules', () => {
  it.each<[string, string, string, PolicyRule]>([
    [
      'personal-data field without @access',
      /* GraphQL */ `
        type Record {
          holder: String @personalData
        }
      `,
      'Record.holder',
      PolicyRule.PERSONAL_DATA_WITHOUT_POLICY,
    ],
    [
      'field of a personal-data object without @access',
      /* GraphQL */ `
        type Record @personalData {
          holder: String
        }
      `,
      'Record.holder',
      PolicyRule.PERSONAL_DATA_WITHOUT_POLICY,
    ],
    [
      'field returning a personal-data type without @access',
      /* GraphQL */ `
        type Record {
          holder: Holder
        }
        type Holder @personalData
        ${ACCESS}
        {
          name: String
        }
      `,
      'Record.holder',
      PolicyRule.PERSONAL_DATA_WITHOUT_POLICY,
    ],
    [
      'field of a type implementing a personal-data interface without @access',
      /* GraphQL */ `
        interface Holder @personalData {
          holder: String
        }
        type Record implements Holder {
          holder: String
        }
      `,
      'Record.holder',
      PolicyRule.PERSONAL_DATA_WITHOUT_POLICY,
    ],
    [
      'field declared personal data on an interface, implemented without @access',
      /* GraphQL */ `
        interface Named {
          holder: String @personalData
        }
        type Record implements Named {
          holder: String
          reference: String
        }
      `,
      'Record.holder',
      PolicyRule.PERSONAL_DATA_WITHOUT_POLICY,
    ],
    [
      'field returning a type that implements a personal-data interface, without @access',
      /* GraphQL */ `
        type Record {
          holder: Holder
        }
        interface Natural @personalData {
          name: String
        }
        type Holder implements Natural
        ${ACCESS}
        {
          name: String
        }
      `,
      'Record.holder',
      PolicyRule.PERSONAL_DATA_WITHOUT_POLICY,
    ],
    [
      'field returning a union with a personal-data member, without @access',
      /* GraphQL */ `
        type Record {
          match: Match
        }
        union Match = Holder | Vessel
        type Holder @personalData
        ${ACCESS}
        {
          name: String
        }
        type Vessel {
          imo: String
        }
      `,
      'Record.match',
      PolicyRule.PERSONAL_DATA_WITHOUT_POLICY,
    ],
    [
      'field returning an interface with a personal-data implementation, without @access',
      /* GraphQL */ `
        type Record {
          party: Party
        }
        interface Party {
          name: String
        }
        type Holder implements Party @personalData
        ${ACCESS}
        {
          name: String
        }
        type Company implements Party {
          name: String
        }
      `,
      'Record.party',
      PolicyRule.PERSONAL_DATA_WITHOUT_POLICY,
    ],
    [
      'non-null field under @access',
      /* GraphQL */ `type Record { reference: String! ${ACCESS} }`,
      'Record.reference',
      PolicyRule.NON_NULL_UNDER_DENY,
    ],
    [
      'non-null field inheriting @access from its object',
      /* GraphQL */ `type Record ${ACCESS} { reference: String! }`,
      'Record.reference',
      PolicyRule.NON_NULL_UNDER_DENY,
    ],
    [
      'non-null field under a @minimize that can redact',
      /* GraphQL */ `
        type Record {
          amount: Decimal! @minimize(jurisdiction: "XX", strategy: RANGE)
        }
      `,
      'Record.amount',
      PolicyRule.NON_NULL_UNDER_DENY,
    ],
    [
      'role the spec does not define',
      /* GraphQL */ `
        type Record {
          holder: String @access(jurisdiction: "XX", roles: [SHERIFF], purposes: [ASSET_TRACING])
        }
      `,
      'Record.holder',
      PolicyRule.UNKNOWN_ROLE,
    ],
    [
      'exempt role the spec does not define',
      /* GraphQL */ `
        type Record {
          holder: String @minimize(jurisdiction: "XX", strategy: INITIALS, unlessRoles: [SHERIFF])
        }
      `,
      'Record.holder',
      PolicyRule.UNKNOWN_ROLE,
    ],
    [
      'purpose the spec does not define',
      /* GraphQL */ `
        type Record {
          holder: String @access(jurisdiction: "XX", roles: [INVESTIGATOR], purposes: [CURIOSITY])
        }
      `,
      'Record.holder',
      PolicyRule.UNKNOWN_PURPOSE,
    ],
    [
      'role the jurisdiction does not recognise',
      /* GraphQL */ `
        type Record {
          holder: String @access(jurisdiction: "XX", roles: [JUDGE], purposes: [ASSET_TRACING])
        }
      `,
      'Record.holder',
      PolicyRule.ROLE_NOT_RECOGNISED,
    ],
    [
      'role the jurisdiction does not recognise, on the object',
      /* GraphQL */ `
        type Record @minimize(jurisdiction: "XX", strategy: REDACT, unlessRoles: [FIU_OFFICER]) {
          holder: String
        }
      `,
      'Record',
      PolicyRule.ROLE_NOT_RECOGNISED,
    ],
    [
      'EMERGENCY where the jurisdiction accepts none',
      /* GraphQL */ `
        type Record {
          holder: String @access(jurisdiction: "XX", roles: [INVESTIGATOR], purposes: [EMERGENCY])
        }
      `,
      'Record.holder',
      PolicyRule.EMERGENCY_NOT_ACCEPTED,
    ],
    [
      'EMERGENCY exemption where the jurisdiction accepts none',
      /* GraphQL */ `
        type Record {
          holder: String
            @minimize(jurisdiction: "XX", strategy: INITIALS, unlessPurposes: [EMERGENCY])
        }
      `,
      'Record.holder',
      PolicyRule.EMERGENCY_NOT_ACCEPTED,
    ],
    [
      '@access without purposes (so EMERGENCY too) where the jurisdiction accepts none',
      /* GraphQL */ `
        type Record {
          holder: String @access(jurisdiction: "XX", roles: [INVESTIGATOR])
        }
      `,
      'Record.holder',
      PolicyRule.EMERGENCY_NOT_ACCEPTED,
    ],
    [
      'EXISTS on a string',
      /* GraphQL */ `
        type Record {
          holder: String @minimize(jurisdiction: "XX", strategy: EXISTS)
        }
      `,
      'Record.holder',
      PolicyRule.STRATEGY_TYPE_MISMATCH,
    ],
    [
      'EXISTS on a list of booleans (it answers once for the list)',
      /* GraphQL */ `
        type Record {
          flags: [Boolean] @minimize(jurisdiction: "XX", strategy: EXISTS)
        }
      `,
      'Record.flags',
      PolicyRule.STRATEGY_TYPE_MISMATCH,
    ],
    [
      'YEAR on an integer',
      /* GraphQL */ `
        type Record {
          born: Int @minimize(jurisdiction: "XX", strategy: YEAR)
        }
      `,
      'Record.born',
      PolicyRule.STRATEGY_TYPE_MISMATCH,
    ],
    [
      'RANGE on an integer',
      /* GraphQL */ `
        type Record {
          count: Int @minimize(jurisdiction: "XX", strategy: RANGE)
        }
      `,
      'Record.count',
      PolicyRule.STRATEGY_TYPE_MISMATCH,
    ],
    [
      'MASK inherited from the object by a date',
      /* GraphQL */ `
        type Record @minimize(jurisdiction: "XX", strategy: MASK, keep: 2) {
          reference: String
          issuedAt: DateTime
        }
      `,
      'Record.issuedAt',
      PolicyRule.STRATEGY_TYPE_MISMATCH,
    ],
    [
      'two @access for one jurisdiction on a field',
      /* GraphQL */ `type Record {
        holder: String ${ACCESS}
          @access(jurisdiction: "XX", roles: [PROSECUTOR], purposes: [ASSET_TRACING])
      }`,
      'Record.holder',
      PolicyRule.AMBIGUOUS_ACCESS,
    ],
    [
      'a strategy enforcement cannot read',
      /* GraphQL */ `
        type Record {
          holder: String @minimize(jurisdiction: "XX", strategy: SHRED)
        }
      `,
      'Record.holder',
      PolicyRule.UNREADABLE_POLICY,
    ],
    [
      'a rule on an interface field, which enforcement never reads',
      /* GraphQL */ `
        interface Named {
          name: String @minimize(jurisdiction: "XX", strategy: INITIALS)
        }
        type Record implements Named {
          name: String
        }
      `,
      'Named.name',
      PolicyRule.POLICY_ON_INTERFACE,
    ],
    [
      'a country code ISO 3166-1 has not assigned',
      /* GraphQL */ `
        type Record {
          holder: String
            @access(
              jurisdiction: "XX"
              roles: [INVESTIGATOR]
              purposes: [ASSET_TRACING]
              countries: ["XX", "UK"]
            )
        }
      `,
      'Record.holder',
      PolicyRule.UNKNOWN_COUNTRY,
    ],
    [
      'an unassigned code among the exempt countries',
      /* GraphQL */ `
        type Record {
          holder: String @minimize(jurisdiction: "XX", strategy: INITIALS, unlessCountries: ["ZZ"])
        }
      `,
      'Record.holder',
      PolicyRule.UNKNOWN_COUNTRY,
    ],
    [
      'an arrangement the jurisdiction does not define',
      /* GraphQL */ `
        type Record {
          holder: String
            @access(
              jurisdiction: "XX"
              roles: [INVESTIGATOR]
              purposes: [ASSET_TRACING]
              countries: ["PARTNRS"]
            )
        }
      `,
      'Record.holder',
      PolicyRule.UNKNOWN_ARRANGEMENT,
    ],
    [
      'ANY among the exempt countries, so the rule can never apply',
      /* GraphQL */ `
        type Record {
          holder: String @minimize(jurisdiction: "XX", strategy: INITIALS, unlessCountries: ["ANY"])
        }
      `,
      'Record.holder',
      PolicyRule.UNKNOWN_ARRANGEMENT,
    ],
    [
      'personal data under an @access that names no countries',
      /* GraphQL */ `
        type Record @personalData {
          holder: String
            @access(jurisdiction: "XX", roles: [INVESTIGATOR], purposes: [ASSET_TRACING])
        }
      `,
      'Record.holder',
      PolicyRule.COUNTRY_RULE_MISSING,
    ],
    [
      'a field returning personal data under an @access that names no countries',
      /* GraphQL */ `
        type Record {
          holder: Holder
            @access(jurisdiction: "XX", roles: [INVESTIGATOR], purposes: [ASSET_TRACING])
        }
        type Holder @personalData
        ${ACCESS}
        {
          name: String
        }
      `,
      'Record.holder',
      PolicyRule.COUNTRY_RULE_MISSING,
    ],
  ])('%s', (_name, records, coordinate, rule) => {
    const problems = lintPolicy(schemaWith(records), policy);
    expect(
      problems.map(({ jurisdiction, coordinate, rule }) => ({ jurisdiction, coordinate, rule })),
    ).toEqual([{ jurisdiction: 'XX', coordinate, rule }]);
    expect(problems[0]?.message).toContain(coordinate);
  });

  it.each<[string, string]>([
    [
      'personal data with @access and minimisation fitting each type',
      /* GraphQL */ `
        type Record @personalData
        ${ACCESS}
        {
          holder: String
            @minimize(jurisdiction: "XX", strategy: INITIALS, unlessRoles: [PROSECUTOR])
          born: DateTime @minimize(jurisdiction: "XX", strategy: YEAR)
          amount: Decimal @minimize(jurisdiction: "XX", strategy: RANGE, buckets: ["10", "100"])
          reference: ID @minimize(jurisdiction: "XX", strategy: PSEUDONYM)
        }
      `,
    ],
    [
      'a type implementing a personal-data interface, with @access',
      /* GraphQL */ `
        interface Holder @personalData {
          holder: String
        }
        type Record implements Holder
        ${ACCESS}
        {
          holder: String
        }
      `,
    ],
    [
      'a union of types that are not personal data',
      /* GraphQL */ `
        type Record {
          match: Match
        }
        union Match = Vessel | Aircraft
        type Vessel {
          imo: String
        }
        type Aircraft {
          tailNumber: String
        }
      `,
    ],
    [
      'a non-null Boolean under EXISTS, which never yields null',
      /* GraphQL */ `
        type Record {
          hit: Boolean! @minimize(jurisdiction: "XX", strategy: EXISTS)
        }
      `,
    ],
    [
      "another jurisdiction's rules, which this one does not enforce",
      /* GraphQL */ `
        type Record {
          holder: String! @access(jurisdiction: "YY", roles: [JUDGE], purposes: [EMERGENCY])
        }
      `,
    ],
    [
      "a field's own @access replacing its object's",
      /* GraphQL */ `
        type Record
        ${ACCESS}
        {
          holder: String @access(jurisdiction: "XX", roles: [PROSECUTOR], purposes: [ASSET_TRACING])
        }
      `,
    ],
    [
      'an @access without countries on data that is not personal',
      /* GraphQL */ `
        type Record {
          reference: String
            @access(jurisdiction: "XX", roles: [INVESTIGATOR], purposes: [ASSET_TRACING])
        }
      `,
    ],
    [
      'country codes, the jurisdiction itself among them',
      /* GraphQL */ `
        type Record
          @personalData
          @access(
            jurisdiction: "XX"
            roles: [INVESTIGATOR]
            purposes: [ASSET_TRACING]
            countries: ["XX", "FR", "KP"]
          ) {
          holder: String @minimize(jurisdiction: "XX", strategy: INITIALS, unlessCountries: ["FR"])
        }
      `,
    ],
  ])('accepts %s', (_name, records) => {
    expect(lintPolicy(schemaWith(records), policy)).toEqual([]);
  });
});

describe('lintPolicy country rules stated in the policy', () => {
  const personal = /* GraphQL */ `
    type Record
      @personalData
      @access(jurisdiction: "XX", roles: [INVESTIGATOR], purposes: [ASSET_TRACING]) {
      holder: String
    }
  `;
  const rules = (schema: string, overrides: Partial<JurisdictionPolicy>) =>
    lintPolicy(schemaWith(schema), { ...policy, ...overrides }).map(
      ({ coordinate, rule }) => `${coordinate} ${rule}`,
    );

  it.each<[string, Partial<JurisdictionPolicy>, string[]]>([
    ['no default and no rule of its own', {}, ['Record.holder COUNTRY_RULE_MISSING']],
    [
      'a default that names countries',
      { releasesTo: ['DOMESTIC', 'EU'] },
      ['Record.holder COUNTRY_RULE_MISSING'],
    ],
    // ANY leaves `countries` out on purpose: personal data that is public, such as a listing.
    ['a default of ANY', { releasesTo: ['ANY'] }, []],
    [
      'ANY on the element itself',
      {
        types: { Record: { object: { access: { roles: ['INVESTIGATOR'], countries: ['ANY'] } } } },
      },
      [],
    ],
    [
      "ANY on the object while the field's own @access names none",
      {
        types: {
          Record: {
            object: { access: { roles: ['INVESTIGATOR'], countries: ['ANY'] } },
            fields: { holder: { access: { roles: ['INVESTIGATOR'] } } },
          },
        },
      },
      ['Record.holder COUNTRY_RULE_MISSING'],
    ],
  ])('personal data under an @access without countries, %s', (_name, overrides, expected) => {
    expect(rules(personal, overrides)).toEqual(expected);
  });

  it.each<[string, Partial<JurisdictionPolicy>, string[]]>([
    [
      'an arrangement listing an unassigned code',
      { arrangements: { PARTNERS: { basis: 'MLA', countries: ['CH', 'UK'] } } },
      ['arrangements.PARTNERS UNKNOWN_COUNTRY'],
    ],
    [
      'an arrangement named like a built-in group',
      { arrangements: { EU: { basis: 'MLA', countries: ['CH'] } } },
      ['arrangements.EU ARRANGEMENT_SHADOWED'],
    ],
    [
      'an arrangement named like a country',
      { arrangements: { CH: { basis: 'MLA', countries: ['CH'] } } },
      ['arrangements.CH ARRANGEMENT_SHADOWED'],
    ],
    [
      'well-formed arrangements',
      { arrangements: { PARTNERS: { basis: 'MLA', countries: ['CH', 'NO'] } } },
      [],
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(rules('type Record { reference: String }', overrides)).toEqual(expected);
  });
});

describe('lintPolicy on the request policy', () => {
  const disclosure: RequestTypePolicy = {
    instrument: 'Bilateral MLA treaty',
    acceptedFrom: ['PARTNERS', 'FR'],
    issuingRoles: ['PROSECUTOR'],
    acknowledgingRoles: ['INVESTIGATOR'],
    decidingRoles: ['PROSECUTOR'],
    executingRoles: ['INVESTIGATOR'],
    deadlines: [
      {
        milestone: 'DECIDE',
        amount: 10,
        unit: 'WORKING_DAYS',
        from: 'RECEIPT',
        legalBasis: 'Treaty art. 5',
      },
    ],
  };
  const deAnonymisation: RequestTypePolicy = {
    ...disclosure,
    seriousCrimeMinPenaltyYears: 4,
    seriousCrimeLegalBasis: 'Treaty art. 9',
    authorisationReviewDays: 30,
    authorisationReviewLegalBasis: 'Data protection act s. 12',
  };
  const requests: RequestPolicy = {
    types: { DISCLOSURE: disclosure, DE_ANONYMISATION: deAnonymisation },
    grounds: {
      NE_BIS_IN_IDEM: { label: 'Judged already', legalBasis: 'Treaty art. 3', use: 'REFUSAL' },
    },
    holidays: ['2026-12-25'],
  };
  const lint = (changed: RequestPolicy) =>
    lintPolicy(schemaWith('type Record { reference: String }'), {
      ...policy,
      arrangements: { PARTNERS: { basis: 'Bilateral MLA treaty', countries: ['CH', 'NO'] } },
      requests: changed,
    });
  const withDisclosure = (changes: Partial<RequestTypePolicy>): RequestPolicy => ({
    ...requests,
    types: { ...requests.types, DISCLOSURE: { ...disclosure, ...changes } },
  });
  const deadline = disclosure.deadlines[0]!;
  const DISCLOSURE = 'requests.types.DISCLOSURE';

  it('accepts a complete request policy', () => {
    expect(lint(requests)).toEqual([]);
  });

  it.each<[string, RequestPolicy, string, PolicyRule]>([
    [
      'a deciding role the jurisdiction does not recognise',
      withDisclosure({ decidingRoles: ['JUDGE'] }),
      `${DISCLOSURE}.decidingRoles`,
      PolicyRule.ROLE_NOT_RECOGNISED,
    ],
    [
      'an issuing role the spec does not define',
      withDisclosure({ issuingRoles: ['SHERIFF' as Role] }),
      `${DISCLOSURE}.issuingRoles`,
      PolicyRule.UNKNOWN_ROLE,
    ],
    [
      'a validation role the jurisdiction does not recognise',
      withDisclosure({ validationRequiredFor: ['ASSET_RECOVERY_OFFICER'] }),
      `${DISCLOSURE}.validationRequiredFor`,
      PolicyRule.ROLE_NOT_RECOGNISED,
    ],
    [
      'nobody to execute',
      withDisclosure({ executingRoles: [] }),
      `${DISCLOSURE}.executingRoles`,
      PolicyRule.REQUEST_TYPE_INCOMPLETE,
    ],
    [
      'nobody to acknowledge',
      withDisclosure({ acknowledgingRoles: [] }),
      `${DISCLOSURE}.acknowledgingRoles`,
      PolicyRule.REQUEST_TYPE_INCOMPLETE,
    ],
    [
      'nobody to decide',
      withDisclosure({ decidingRoles: [] }),
      `${DISCLOSURE}.decidingRoles`,
      PolicyRule.REQUEST_TYPE_INCOMPLETE,
    ],
    [
      'no instrument',
      withDisclosure({ instrument: ' ' }),
      `${DISCLOSURE}.instrument`,
      PolicyRule.REQUEST_TYPE_INCOMPLETE,
    ],
    [
      'accepted from no country',
      withDisclosure({ acceptedFrom: [] }),
      `${DISCLOSURE}.acceptedFrom`,
      PolicyRule.REQUEST_TYPE_INCOMPLETE,
    ],
    [
      'a country code ISO 3166-1 has not assigned',
      withDisclosure({ acceptedFrom: ['UK'] }),
      `${DISCLOSURE}.acceptedFrom`,
      PolicyRule.UNKNOWN_COUNTRY,
    ],
    [
      'an arrangement the jurisdiction does not define',
      withDisclosure({ acceptedFrom: ['PARTNRS'] }),
      `${DISCLOSURE}.acceptedFrom`,
      PolicyRule.UNKNOWN_ARRANGEMENT,
    ],
    [
      'a route from an arrangement the jurisdiction does not define',
      withDisclosure({
        routes: [{ instrument: '1959 Convention', acceptedFrom: ['COE'], deadlines: [deadline] }],
      }),
      `${DISCLOSURE}.routes[0].acceptedFrom`,
      PolicyRule.UNKNOWN_ARRANGEMENT,
    ],
    [
      'a deadline citing no legal basis',
      withDisclosure({ deadlines: [{ ...deadline, legalBasis: ' ' }] }),
      `${DISCLOSURE}.deadlines[0]`,
      PolicyRule.DEADLINE_WITHOUT_BASIS,
    ],
    [
      'a route deadline citing no legal basis',
      withDisclosure({
        routes: [
          {
            instrument: '1959 Convention',
            acceptedFrom: ['CH'],
            deadlines: [{ ...deadline, legalBasis: '' }],
          },
        ],
      }),
      `${DISCLOSURE}.routes[0].deadlines[0]`,
      PolicyRule.DEADLINE_WITHOUT_BASIS,
    ],
    [
      'a period of zero',
      withDisclosure({ deadlines: [{ ...deadline, amount: 0 }] }),
      `${DISCLOSURE}.deadlines[0]`,
      PolicyRule.INVALID_PERIOD,
    ],
    [
      'a period of a fraction of a unit',
      withDisclosure({ deadlines: [{ ...deadline, amount: 1.5 }] }),
      `${DISCLOSURE}.deadlines[0]`,
      PolicyRule.INVALID_PERIOD,
    ],
    [
      'a ground code not in upper snake case',
      { ...requests, grounds: { 'ne-bis': requests.grounds.NE_BIS_IN_IDEM! } },
      'requests.grounds.ne-bis',
      PolicyRule.INVALID_GROUND,
    ],
    [
      'a ground without its legal basis',
      {
        ...requests,
        grounds: { NE_BIS_IN_IDEM: { label: 'Judged already', legalBasis: '', use: 'REFUSAL' } },
      },
      'requests.grounds.NE_BIS_IN_IDEM',
      PolicyRule.INVALID_GROUND,
    ],
    [
      'a ground without a label',
      {
        ...requests,
        grounds: { NE_BIS_IN_IDEM: { label: ' ', legalBasis: 'Treaty art. 3', use: 'REFUSAL' } },
      },
      'requests.grounds.NE_BIS_IN_IDEM',
      PolicyRule.INVALID_GROUND,
    ],
    [
      'a holiday that is no calendar date',
      { ...requests, holidays: ['2026-12-25', '2026-02-30'] },
      'requests.holidays[1]',
      PolicyRule.INVALID_HOLIDAY,
    ],
    [
      'a holiday written another way',
      { ...requests, holidays: ['25/12/2026'] },
      'requests.holidays[0]',
      PolicyRule.INVALID_HOLIDAY,
    ],
    [
      'de-anonymisation without a serious-crime threshold',
      {
        ...requests,
        types: {
          ...requests.types,
          DE_ANONYMISATION: { ...deAnonymisation, seriousCrimeMinPenaltyYears: undefined },
        },
      },
      'requests.types.DE_ANONYMISATION',
      PolicyRule.DE_ANONYMISATION_LIMITS_MISSING,
    ],
    [
      'de-anonymisation with a review period of no days',
      {
        ...requests,
        types: {
          ...requests.types,
          DE_ANONYMISATION: { ...deAnonymisation, authorisationReviewDays: 0 },
        },
      },
      'requests.types.DE_ANONYMISATION',
      PolicyRule.DE_ANONYMISATION_LIMITS_MISSING,
    ],
    [
      'de-anonymisation whose review period rests on nothing',
      {
        ...requests,
        types: {
          ...requests.types,
          DE_ANONYMISATION: { ...deAnonymisation, authorisationReviewLegalBasis: undefined },
        },
      },
      'requests.types.DE_ANONYMISATION',
      PolicyRule.DE_ANONYMISATION_LIMITS_MISSING,
    ],
  ])('reports %s', (_name, changed, coordinate, rule) => {
    const problems = lint(changed);
    expect(problems.map((problem) => `${problem.coordinate} ${problem.rule}`)).toEqual([
      `${coordinate} ${rule}`,
    ]);
    expect(problems[0]?.message).toContain(coordinate);
  });
});
