import { describe, expect, it } from 'vitest';
import { PURPOSES } from '../../../core/policy/policySpec.js';
import type { Purpose } from '../../../core/policy/policySpec.js';
import {
  CASE_REF_PURPOSES,
  decideAccess,
  decideDefaultDeny,
} from '../../../core/policy/decideAccess.js';
import type { AccessDecision, AccessDenialReason } from '../../../core/policy/decideAccess.js';
import type { AccessRule, Caller } from '../../../core/policy/types.js';

function caller(overrides: Partial<Caller> = {}): Caller {
  return {
    subject: 'inv-42',
    roles: ['INVESTIGATOR'],
    homeCountry: 'FR',
    agency: 'OFAC-FR',
    purpose: 'CRIMINAL_INVESTIGATION',
    caseRef: 'FR-PNF-2024-0117',
    ...overrides,
  };
}

const ALLOWED: AccessDecision = { allowed: true };
const deny = (reason: AccessDenialReason): AccessDecision => ({ allowed: false, reason });

const investigatorsForCases: AccessRule = {
  roles: ['INVESTIGATOR', 'PROSECUTOR'],
  purposes: ['CRIMINAL_INVESTIGATION', 'ASSET_TRACING'],
  countries: null,
};
const fiuAnyPurpose: AccessRule = { roles: ['FIU_OFFICER'], purposes: null, countries: null };
const noPurposeAtAll: AccessRule = { roles: ['INVESTIGATOR'], purposes: [], countries: null };

describe('decideAccess', () => {
  it.each<[string, AccessRule | null, Partial<Caller>, AccessDecision]>([
    [
      'no rule: anyone, even without a purpose',
      null,
      { roles: ['PUBLIC'], purpose: null },
      ALLOWED,
    ],
    ['listed role and listed purpose with a case', investigatorsForCases, {}, ALLOWED],
    ['second listed role', investigatorsForCases, { roles: ['PROSECUTOR'] }, ALLOWED],
    [
      'one of several caller roles matches',
      investigatorsForCases,
      { roles: ['ANALYST', 'PROSECUTOR'] },
      ALLOWED,
    ],
    ['role not listed', investigatorsForCases, { roles: ['ANALYST'] }, deny('ROLE_NOT_ALLOWED')],
    ['no roles at all', investigatorsForCases, { roles: [] }, deny('ROLE_NOT_ALLOWED')],
    [
      'role failure is reported before a missing purpose',
      investigatorsForCases,
      { roles: ['PUBLIC'], purpose: null },
      deny('ROLE_NOT_ALLOWED'),
    ],
    ['no purpose stated', investigatorsForCases, { purpose: null }, deny('PURPOSE_REQUIRED')],
    [
      'purpose not listed',
      investigatorsForCases,
      { purpose: 'SANCTIONS_SCREENING' },
      deny('PURPOSE_NOT_ALLOWED'),
    ],
    [
      'null purposes allow any stated purpose',
      fiuAnyPurpose,
      { roles: ['FIU_OFFICER'], purpose: 'AML_INTELLIGENCE', caseRef: null },
      ALLOWED,
    ],
    [
      'null purposes still need a purpose',
      fiuAnyPurpose,
      { roles: ['FIU_OFFICER'], purpose: null },
      deny('PURPOSE_REQUIRED'),
    ],
    ['an empty purpose list allows none', noPurposeAtAll, {}, deny('PURPOSE_NOT_ALLOWED')],
    [
      'case-work purpose without a case reference',
      investigatorsForCases,
      { caseRef: null },
      deny('CASE_REF_REQUIRED'),
    ],
    [
      'a blank case reference is no case reference',
      investigatorsForCases,
      { caseRef: '   ' },
      deny('CASE_REF_REQUIRED'),
    ],
    [
      'ADMIN never matches, even when a rule lists it',
      { roles: ['ADMIN', 'AUDITOR'], purposes: null, countries: null },
      { roles: ['ADMIN'], purpose: 'OVERSIGHT_AUDIT' },
      deny('ROLE_NOT_ALLOWED'),
    ],
    [
      'oversight of another country: an FR auditor on a DE-style rule from abroad',
      { roles: ['AUDITOR'], purposes: ['OVERSIGHT_AUDIT'], countries: null },
      { roles: ['AUDITOR'], purpose: 'OVERSIGHT_AUDIT', homeCountry: 'DE' },
      deny('FOREIGN_OVERSIGHT'),
    ],
    [
      'a foreign caller may still read under another purpose the rule allows',
      { roles: ['AUDITOR'], purposes: ['OVERSIGHT_AUDIT', 'STATISTICS'], countries: null },
      { roles: ['AUDITOR'], purpose: 'STATISTICS', homeCountry: 'DE' },
      ALLOWED,
    ],
    [
      'ADMIN with another listed role passes on that role',
      { roles: ['ADMIN', 'AUDITOR'], purposes: null, countries: null },
      { roles: ['ADMIN', 'AUDITOR'], purpose: 'OVERSIGHT_AUDIT' },
      ALLOWED,
    ],
  ])('%s', (_name, rule, overrides, expected) => {
    expect(decideAccess(rule, caller(overrides), 'FR')).toEqual(expected);
  });

  const anyPurpose: AccessRule = { roles: ['INVESTIGATOR'], purposes: null, countries: null };
  const caseBound: Purpose[] = [
    'CRIMINAL_INVESTIGATION',
    'ASSET_TRACING',
    'FREEZE_EXECUTION',
    'CONFISCATION_EXECUTION',
    'VICTIM_RESTITUTION',
    'EMERGENCY',
  ];

  it('needs a case reference for exactly the case-work purposes', () => {
    expect([...CASE_REF_PURPOSES].sort()).toEqual([...caseBound].sort());
  });

  it.each(PURPOSES.map((purpose) => [purpose, caseBound.includes(purpose)] as const))(
    'without a case reference, %s is denied: %s',
    (purpose, needsCase) => {
      const withoutCase = decideAccess(anyPurpose, caller({ purpose, caseRef: null }), 'FR');
      expect(withoutCase).toEqual(needsCase ? deny('CASE_REF_REQUIRED') : ALLOWED);
      expect(decideAccess(anyPurpose, caller({ purpose }), 'FR')).toEqual(ALLOWED);
    },
  );
});

describe('decideAccess by home country', () => {
  // A French-style case rule released within the Union (FR, DE) and to one named partner
  // (CH), and an oversight rule kept at home. Columns: the caller's home country ('' is a
  // country withheld from the subgraph).
  const COUNTRIES = ['FR', 'DE', 'CH', 'US', 'KP', ''] as const;
  const caseRule: AccessRule = {
    roles: ['INVESTIGATOR', 'PROSECUTOR'],
    purposes: ['CRIMINAL_INVESTIGATION', 'SANCTIONS_SCREENING'],
    countries: ['CH', 'DE', 'FR'],
  };
  const oversightRule: AccessRule = {
    roles: ['AUDITOR'],
    purposes: ['OVERSIGHT_AUDIT'],
    countries: ['FR'],
  };
  const publicRule: AccessRule = { roles: ['PUBLIC'], purposes: ['STATISTICS'], countries: null };

  const A = ALLOWED;
  const C = deny('COUNTRY_NOT_ALLOWED');
  const R = deny('ROLE_NOT_ALLOWED');
  const P = deny('PURPOSE_NOT_ALLOWED');
  const K = deny('CASE_REF_REQUIRED');
  const O = deny('FOREIGN_OVERSIGHT');

  it.each<[string, AccessRule, Partial<Caller>, AccessDecision[]]>([
    ['investigator on a case', caseRule, {}, [A, A, A, C, C, C]],
    [
      'prosecutor screening',
      caseRule,
      { roles: ['PROSECUTOR'], purpose: 'SANCTIONS_SCREENING' },
      [A, A, A, C, C, C],
    ],
    ['analyst: the role fails first', caseRule, { roles: ['ANALYST'] }, [R, R, R, R, R, R]],
    [
      'a purpose the rule lacks fails first',
      caseRule,
      { purpose: 'ASSET_TRACING' },
      [P, P, P, P, P, P],
    ],
    ['no case reference fails first', caseRule, { caseRef: null }, [K, K, K, K, K, K]],
    [
      'oversight: national before any arrangement',
      oversightRule,
      { roles: ['AUDITOR'], purpose: 'OVERSIGHT_AUDIT' },
      [A, O, O, O, O, O],
    ],
    [
      'a rule without countries admits every country',
      publicRule,
      { roles: ['PUBLIC'], purpose: 'STATISTICS' },
      [A, A, A, A, A, A],
    ],
  ])('%s', (_name, rule, overrides, expected) => {
    expect(
      COUNTRIES.map((homeCountry) =>
        decideAccess(rule, caller({ ...overrides, homeCountry }), 'FR'),
      ),
    ).toEqual(expected);
  });

  it('denies personal data to a country the rule does not name, as any other rule', () => {
    expect(decideDefaultDeny(caseRule, caller({ homeCountry: 'KP' }), 'FR')).toEqual(
      deny('COUNTRY_NOT_ALLOWED'),
    );
  });
});

describe('decideDefaultDeny', () => {
  it.each<[string, AccessRule | null, Partial<Caller>, AccessDecision]>([
    ['no policy on personal data', null, { roles: ['PROSECUTOR'] }, deny('NO_POLICY')],
    ['a rule that allows', investigatorsForCases, {}, ALLOWED],
    ['a rule that denies', investigatorsForCases, { purpose: null }, deny('PURPOSE_REQUIRED')],
  ])('%s', (_name, rule, overrides, expected) => {
    expect(decideDefaultDeny(rule, caller(overrides), 'FR')).toEqual(expected);
  });
});
