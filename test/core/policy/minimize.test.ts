import { describe, expect, it } from 'vitest';
import { MINIMIZE_STRATEGIES } from '../../../core/policy/policySpec.js';
import type { MinimizeStrategy } from '../../../core/policy/policySpec.js';
import {
  DEFAULT_MASK_KEEP,
  DEFAULT_RANGE_BUCKETS,
  MASK_CHARACTER,
  cannotApply,
  minimizationApplies,
  minimize,
} from '../../../core/policy/minimize.js';
import type { MinimizeContext } from '../../../core/policy/minimize.js';
import { pseudonym } from '../../../core/policy/pseudonym.js';
import type { Caller, MinimizeRule } from '../../../core/policy/types.js';

function rule(strategy: MinimizeStrategy, overrides: Partial<MinimizeRule> = {}): MinimizeRule {
  return {
    strategy,
    keep: null,
    buckets: null,
    unlessRoles: [],
    unlessPurposes: [],
    unlessCountries: [],
    ...overrides,
  };
}

const KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const withKey: MinimizeContext = { pseudonymKey: KEY };
const withoutKey: MinimizeContext = { pseudonymKey: null };

describe('minimize', () => {
  it('documents its defaults', () => {
    expect(MASK_CHARACTER).toBe('•');
    expect(DEFAULT_MASK_KEEP).toBe(4);
    expect(DEFAULT_RANGE_BUCKETS).toEqual(['1000', '10000', '100000', '1000000']);
  });

  it.each<[MinimizeStrategy, unknown]>(
    MINIMIZE_STRATEGIES.flatMap((strategy) => [
      [strategy, null],
      [strategy, undefined],
    ]),
  )('%s keeps a missing value missing (%s)', (strategy, value) => {
    expect(minimize(value, rule(strategy), withKey)).toBe(strategy === 'EXISTS' ? false : null);
  });

  it.each<[string, unknown]>([
    ['a string', 'Jean Dupont'],
    ['a number', 42],
    ['an object', { name: 'x' }],
    ['a list', ['a', 'b']],
  ])('REDACT makes %s null', (_name, value) => {
    const redacted = minimize(value, rule('REDACT'), withKey);
    expect(redacted).toEqual(Array.isArray(value) ? [null, null] : null);
  });

  it.each<[string, number | null, string]>([
    ['FR7630006000011234567890189', null, '•••••••••••••••••••••••0189'],
    ['FR7630006000011234567890189', 2, '•••••••••••••••••••••••••89'],
    ['FR7630006000011234567890189', 0, '•••••••••••••••••••••••••••'],
    ['12345678', null, '••••5678'],
    // Never more than half is shown: a short value never leaves whole.
    ['1234567', null, '••••567'],
    ['1234', null, '••34'],
    ['abc', null, '••c'],
    ['a', null, '•'],
    ['', null, ''],
    ['abcdef', 10, '•••def'],
    ['abcdef', -3, '••••••'],
    // Code points, not UTF-16 units: no surrogate half is shown, length is kept.
    ['Ćwikła😀😀', 3, '•••••a😀😀'],
  ])('MASK %j keep %s → %j', (value, keep, expected) => {
    expect(minimize(value, rule('MASK', { keep }), withKey)).toBe(expected);
  });

  it.each<[string, string | null]>([
    ['Jean-Pierre Dupont', 'J.-P. D.'],
    ['Jean Pierre Dupont', 'J. P. D.'],
    ['DUPONT, Jean', 'D. J.'],
    ['  Marie   Curie  ', 'M. C.'],
    ['van der Berg', 'v. d. B.'],
    ["Seán O'Brien-Murphy", 'S. O.-M.'],
    // Decomposed É (E + combining acute) stays one initial.
    ['E\u0301lodie Durand', 'É. D.'],
    ['Ангела Меркель', 'А. М.'],
    ['王小明', '王.'],
    ['Smith & Co', 'S. C.'],
    ['---', null],
    ['', null],
  ])('INITIALS %j → %j', (value, expected) => {
    expect(minimize(value, rule('INITIALS'), withKey)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['a number', 1234],
    ['an object', { given: 'Jean' }],
  ])('INITIALS, MASK and PSEUDONYM redact %s they cannot read', (_name, value) => {
    for (const strategy of ['INITIALS', 'MASK', 'PSEUDONYM'] as const) {
      expect(minimize(value, rule(strategy), withKey)).toBeNull();
    }
  });

  it('PSEUDONYM gives the keyed pseudonym of the value', () => {
    expect(minimize('Jean Dupont', rule('PSEUDONYM'), withKey)).toBe(pseudonym('jean dupont', KEY));
    expect(minimize('Jean Dupont', rule('PSEUDONYM'), withKey)).toMatch(/^psn_[a-z2-7]{26}$/);
  });

  it.each<[string, unknown, MinimizeContext]>([
    ['without a key (no case)', 'Jean Dupont', withoutKey],
    ['for a blank value', '   ', withKey],
  ])('PSEUDONYM redacts %s', (_name, value, context) => {
    expect(minimize(value, rule('PSEUDONYM'), context)).toBeNull();
  });

  it.each<[unknown, string | null, string | null]>([
    ['1984-06-17', '1984', '1984-06'],
    ['1984-06-17T10:00:00Z', '1984', '1984-06'],
    ['1984-06-17T10:00:00.123Z', '1984', '1984-06'],
    ['1984-06', '1984', '1984-06'],
    // Less precise than asked: leaves as it is.
    ['1984', '1984', '1984'],
    // Brought to UTC first.
    ['1984-12-31T23:30:00-02:00', '1985', '1985-01'],
    ['1985-01-01T00:30:00+01:00', '1984', '1984-12'],
    ['1984-06-30T23:30:00+0200', '1984', '1984-06'],
    // No offset: the wall-clock date as written.
    ['1984-12-31T23:30:00', '1984', '1984-12'],
    ['0050-01-01T00:30:00+01:00', '0049', '0049-12'],
    [new Date('1984-06-17T10:00:00Z'), '1984', '1984-06'],
    ['2024-02-29', '2024', '2024-02'],
    // Unreadable: redacted, never passed through.
    ['2023-02-29', null, null],
    ['1984-13-01', null, null],
    ['1984-06-17T25:00:00Z', null, null],
    ['17/06/1984', null, null],
    ['June 1984', null, null],
    [new Date('not a date'), null, null],
    [19840617, null, null],
  ])('YEAR / MONTH of %j → %j / %j', (value, year, month) => {
    expect(minimize(value, rule('YEAR'), withKey)).toBe(year);
    expect(minimize(value, rule('MONTH'), withKey)).toBe(month);
  });

  const buckets = ['1000', '10000', '100000'];
  it.each<[unknown, string | null]>([
    ['0', '<1000'],
    ['-250.5', '<1000'],
    ['999.999999999999999999999999', '<1000'],
    ['1000', '1000-10000'],
    ['1000.000', '1000-10000'],
    ['0001000', '1000-10000'],
    ['9999.99', '1000-10000'],
    ['10000', '10000-100000'],
    ['99999.999999999999999999', '10000-100000'],
    ['100000', '>=100000'],
    ['123456789012345678901234567890.5', '>=100000'],
    [5000, '1000-10000'],
    [100000n, '>=100000'],
    ['1e5', null],
    ['12,5', null],
    ['abc', null],
    ['', null],
    [Number.NaN, null],
  ])('RANGE %s → %s', (value, expected) => {
    expect(minimize(value, rule('RANGE', { buckets }), withKey)).toBe(expected);
  });

  it.each<[readonly string[] | null, string, string | null]>([
    [null, '999', '<1000'],
    [null, '5000', '1000-10000'],
    [null, '1000000', '>=1000000'],
    [['0.001', '0.1', '1'], '0.0999', '0.001-0.1'],
    [['0.001', '0.1', '1'], '0.1', '0.1-1'],
    [['-10', '0', '10'], '-10.5', '<-10'],
    [['-10', '0', '10'], '-0', '0-10'],
    [['-10', '0', '10'], '-0.01', '-10-0'],
    [['5'], '5', '>=5'],
    // Unreadable rules redact.
    [['10000', '1000'], '5000', null],
    [['1000', '1000'], '5000', null],
    [['1000', 'lots'], '5000', null],
    [[], '5000', null],
  ])('RANGE with buckets %j: %j → %j', (ruleBuckets, value, expected) => {
    expect(minimize(value, rule('RANGE', { buckets: ruleBuckets }), withKey)).toBe(expected);
  });

  it.each<[string, unknown, boolean]>([
    ['a string', 'Jean Dupont', true],
    ['a blank string', '  ', false],
    ['an empty string', '', false],
    ['zero', 0, true],
    ['false', false, true],
    ['an object', {}, true],
    ['a list with a value', [null, 'x'], true],
    ['a list of blanks', ['', null], false],
    ['an empty list', [], false],
  ])('EXISTS of %s → %s, once for a whole list', (_name, value, expected) => {
    expect(minimize(value, rule('EXISTS'), withKey)).toBe(expected);
  });

  it.each<[MinimizeStrategy, unknown[], unknown[]]>([
    ['MASK', ['12345678', null, 'ab'], ['••••5678', null, '•b']],
    ['INITIALS', ['Jean Dupont', ['Anna Maria Schmidt']], ['J. D.', ['A. M. S.']]],
    ['YEAR', ['1984-06-17', 'bad'], ['1984', null]],
    ['RANGE', ['5', '5000'], ['<1000', '1000-10000']],
  ])('%s applies element by element to lists', (strategy, value, expected) => {
    expect(minimize(value, rule(strategy), withKey)).toEqual(expected);
  });
});

describe('minimizationApplies', () => {
  const exempting = rule('PSEUDONYM', {
    unlessRoles: ['PROSECUTOR', 'JUDGE'],
    unlessPurposes: ['EMERGENCY'],
  });
  const caller = (roles: Caller['roles'], purpose: Caller['purpose']): Caller => ({
    subject: 's',
    roles,
    homeCountry: 'DE',
    agency: 'BKA',
    purpose,
    caseRef: 'DE-2024-1',
  });

  it.each<[Caller['roles'], Caller['purpose'], MinimizeRule, boolean]>([
    [['ANALYST'], 'ASSET_TRACING', exempting, true],
    [['PROSECUTOR'], 'ASSET_TRACING', exempting, false],
    [['ANALYST', 'JUDGE'], 'ASSET_TRACING', exempting, false],
    [['ANALYST'], 'EMERGENCY', exempting, false],
    [['ANALYST'], null, exempting, true],
    [[], null, exempting, true],
    [['PROSECUTOR'], 'EMERGENCY', rule('REDACT'), true],
  ])('roles %j purpose %s → %s', (roles, purpose, minimizeRule, expected) => {
    expect(minimizationApplies(minimizeRule, caller(roles, purpose))).toBe(expected);
  });

  // France's stacking: callers from outside the Union get initials whatever their role.
  const outsideUnion = rule('INITIALS', { unlessCountries: ['DE', 'FR'] });
  const unlessMagistrate = rule('INITIALS', { unlessRoles: ['PROSECUTOR', 'JUDGE'] });

  it.each<[Caller['roles'], string, boolean, boolean]>([
    // roles, home country, outside-Union rule applies, magistrate rule applies
    [['PROSECUTOR'], 'FR', false, false],
    [['PROSECUTOR'], 'DE', false, false],
    [['PROSECUTOR'], 'CH', true, false],
    [['PROSECUTOR'], '', true, false],
    [['INVESTIGATOR'], 'FR', false, true],
    [['INVESTIGATOR'], 'KP', true, true],
  ])(
    'roles %j from %j: outside-Union rule %s, magistrate rule %s',
    (roles, country, outside, magistrate) => {
      const asking = { ...caller(roles, 'CRIMINAL_INVESTIGATION'), homeCountry: country };
      expect(minimizationApplies(outsideUnion, asking)).toBe(outside);
      expect(minimizationApplies(unlessMagistrate, asking)).toBe(magistrate);
    },
  );
});

describe('cannotApply', () => {
  it.each<[MinimizeStrategy, boolean, string | null]>(
    MINIMIZE_STRATEGIES.flatMap((strategy): [MinimizeStrategy, boolean, string | null][] => [
      [strategy, true, null],
      // Only a pseudonym needs the case: without one it has nothing it may join.
      [strategy, false, strategy === 'PSEUDONYM' ? 'CASE_REF_REQUIRED' : null],
    ]),
  )('%s, case key %s: %s', (strategy, hasKey, expected) => {
    expect(cannotApply(rule(strategy), hasKey ? withKey : withoutKey)).toBe(expected);
  });
});
