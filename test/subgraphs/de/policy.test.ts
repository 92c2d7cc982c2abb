import { describe, expect, it } from 'vitest';
import type { RequestMilestone, RequestType } from '../../../core/policy/RequestPolicy.js';
import { requestTypePolicyFor } from '../../../core/policy/requestTypePolicyFor.js';
import { policy as france } from '../../../subgraphs/fr/policy.js';
import { policy } from '../../../subgraphs/de/policy.js';

/** The period Germany applies to one step of a request from `country`, with its basis. */
function periodOf(
  type: RequestType,
  country: string,
  milestone: RequestMilestone,
  urgent: boolean,
) {
  const rule = requestTypePolicyFor(policy, type, country)?.deadlines.find(
    (candidate) =>
      candidate.milestone === milestone &&
      (candidate.urgent === undefined || candidate.urgent === urgent),
  );
  return rule && `${rule.amount} ${rule.unit} from ${rule.from}: ${rule.legalBasis}`;
}

describe('Germany accepts requests from the other member states only', () => {
  it.each<[RequestType, string, string | undefined]>([
    ['FREEZING', 'FR', 'Regulation (EU) 2018/1805 (freezing certificate)'],
    ['FREEZING', 'IE', undefined],
    ['FREEZING', 'CH', undefined],
    ['DISCLOSURE', 'AT', 'Regulation (EU) 2023/1543 (European Production Order)'],
    [
      'DISCLOSURE',
      'DK',
      'European Convention on Mutual Assistance in Criminal Matters (Council of Europe, 1959), IRG §§ 59 ff.',
    ],
    ['DISCLOSURE', 'CH', undefined],
    ['PRESERVATION', 'NO', undefined],
    [
      'DE_ANONYMISATION',
      'FR',
      'Directive 2014/41/EU (European Investigation Order), IRG §§ 91a ff.',
    ],
    ['DE_ANONYMISATION', 'SG', undefined],
  ])('%s from %s: %s', (type, country, instrument) => {
    expect(requestTypePolicyFor(policy, type, country)?.instrument).toBe(instrument);
  });
});

describe("Germany's deadlines and limits", () => {
  it.each<[RequestType, RequestMilestone, boolean, string]>([
    ['FREEZING', 'ACKNOWLEDGE', true, "2 HOURS from RECEIPT: Germany's service standard"],
    ['FREEZING', 'DECIDE', true, '48 HOURS from RECEIPT: Regulation (EU) 2018/1805 Art. 9(3)'],
    ['FREEZING', 'EXECUTE', true, '48 HOURS from DECISION: Regulation (EU) 2018/1805 Art. 9(3)'],
    ['CONFISCATION', 'DECIDE', false, '45 DAYS from RECEIPT: Regulation (EU) 2018/1805 Art. 20(1)'],
    [
      'PRESERVATION',
      'EXPIRE',
      false,
      '60 DAYS from EXECUTION: Regulation (EU) 2023/1543 Art. 11(1)',
    ],
    ['DE_ANONYMISATION', 'DECIDE', false, '30 DAYS from RECEIPT: Directive 2014/41/EU Art. 12(3)'],
  ])('%s from France, %s (urgent: %s): %s', (type, milestone, urgent, expected) => {
    expect(periodOf(type, 'FR', milestone, urgent)?.slice(0, expected.length)).toBe(expected);
  });

  it('puts every recognition before a judge, and de-anonymises for fewer offences than France', () => {
    for (const typePolicy of Object.values(policy.requests.types)) {
      expect(typePolicy.decidingRoles).toEqual(['JUDGE']);
    }
    const threshold = policy.requests.types.DE_ANONYMISATION?.seriousCrimeMinPenaltyYears;
    expect(threshold).toBe(5);
    expect(threshold).toBeGreaterThan(
      france.requests.types.DE_ANONYMISATION!.seriousCrimeMinPenaltyYears!,
    );
    expect(policy.requests.types.DE_ANONYMISATION?.authorisationReviewDays).toBe(30);
  });

  it('lets asset recovery officers execute freezing and confiscation', () => {
    expect(policy.requests.types.FREEZING?.executingRoles).toEqual(['ASSET_RECOVERY_OFFICER']);
    expect(policy.requests.types.CONFISCATION?.executingRoles).toEqual(['ASSET_RECOVERY_OFFICER']);
  });
});
