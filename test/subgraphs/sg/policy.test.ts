import { describe, expect, it } from 'vitest';
import { addPeriod } from '../../../subgraphs/kit/requests/addPeriod.js';
import type { RequestType } from '../../../core/policy/RequestPolicy.js';
import { requestTypePolicyFor } from '../../../core/policy/requestTypePolicyFor.js';
import { policy } from '../../../subgraphs/sg/policy.js';

describe('Singapore accepts requests under its named arrangements only', () => {
  it.each<[RequestType, string, boolean]>([
    ['DISCLOSURE', 'MY', true],
    ['DISCLOSURE', 'FR', true],
    ['PRESERVATION', 'AU', true],
    ['DISCLOSURE', 'US', false],
    ['PRESERVATION', 'CH', false],
    // No asset registry in Comity, and identities only by a court's production order.
    ['FREEZING', 'MY', false],
    ['CONFISCATION', 'FR', false],
    ['DE_ANONYMISATION', 'DE', false],
  ])('%s from %s: %s', (type, country, accepted) => {
    expect(requestTypePolicyFor(policy, type, country) !== undefined).toBe(accepted);
  });

  it('states every period as a service standard, in working days but for the life of a preservation', () => {
    const rules = Object.values(policy.requests.types).flatMap(
      (typePolicy) => typePolicy.deadlines,
    );
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(rule.legalBasis).toMatch(/service standard.*no statutory period/);
      expect(rule.unit).toBe(rule.milestone === 'EXPIRE' ? 'DAYS' : 'WORKING_DAYS');
    }
  });

  it('counts its public holidays out of a working-day period', () => {
    // Filed on Thursday 6 August 2026: Friday 7 counts, 10 August (National Day, observed) does not.
    const acknowledge = policy.requests.types.DISCLOSURE!.deadlines.find(
      (rule) => rule.milestone === 'ACKNOWLEDGE' && rule.urgent === false,
    )!;
    expect(acknowledge.amount).toBe(2);
    expect(
      addPeriod(
        '2026-08-06T09:00:00Z',
        acknowledge.amount,
        acknowledge.unit,
        policy.requests.holidays,
      ),
    ).toBe('2026-08-11T23:59:59.999Z');
  });

  it('refuses and postpones on the grounds of the Mutual Assistance in Criminal Matters Act', () => {
    expect(Object.keys(policy.requests.grounds)).toEqual(
      expect.arrayContaining([
        'NE_BIS_IN_IDEM',
        'NO_DOUBLE_CRIMINALITY',
        'ONGOING_DOMESTIC_INVESTIGATION',
      ]),
    );
    for (const ground of Object.values(policy.requests.grounds)) {
      expect(ground.legalBasis).toBe('Mutual Assistance in Criminal Matters Act 2000, s. 20');
    }
  });
});
