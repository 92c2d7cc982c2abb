import { describe, expect, it } from 'vitest';
import type { RequestMilestone, RequestType } from '../../../core/policy/RequestPolicy.js';
import { requestTypePolicyFor } from '../../../core/policy/requestTypePolicyFor.js';
import { policy } from '../../../subgraphs/fr/policy.js';

/** The period France applies to one step of a request from `country`, with its basis. */
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

describe('France accepts each request under the instrument binding the issuing state', () => {
  it.each<[RequestType, string, string | undefined]>([
    ['FREEZING', 'DE', 'Regulation (EU) 2018/1805 (freezing certificate)'],
    // Denmark and Ireland keep the 2003 and 2006 Framework Decisions, outside Comity.
    ['FREEZING', 'IE', undefined],
    ['CONFISCATION', 'DK', undefined],
    ['FREEZING', 'CH', undefined],
    ['DISCLOSURE', 'IE', 'Regulation (EU) 2023/1543 (European Production Order)'],
    [
      'DISCLOSURE',
      'CH',
      'European Convention on Mutual Assistance in Criminal Matters (Council of Europe, 1959)',
    ],
    [
      'DISCLOSURE',
      'DK',
      'European Convention on Mutual Assistance in Criminal Matters (Council of Europe, 1959)',
    ],
    ['DISCLOSURE', 'SG', undefined],
    [
      'PRESERVATION',
      'NO',
      'Convention on Cybercrime (Budapest, 2001), Art. 29 (expedited preservation)',
    ],
    ['DE_ANONYMISATION', 'IT', 'Directive 2014/41/EU (European Investigation Order)'],
    // Identities do not leave the Union, even to treaty partners.
    ['DE_ANONYMISATION', 'GB', undefined],
  ])('%s from %s: %s', (type, country, instrument) => {
    expect(requestTypePolicyFor(policy, type, country)?.instrument).toBe(instrument);
  });
});

describe("France's deadlines, each with the provision or standard behind it", () => {
  it.each<[RequestType, string, RequestMilestone, boolean, string]>([
    [
      'FREEZING',
      'DE',
      'DECIDE',
      true,
      '48 HOURS from RECEIPT: Regulation (EU) 2018/1805 Art. 9(3)',
    ],
    [
      'FREEZING',
      'DE',
      'EXECUTE',
      true,
      '48 HOURS from DECISION: Regulation (EU) 2018/1805 Art. 9(3)',
    ],
    ['FREEZING', 'DE', 'DECIDE', false, "5 WORKING_DAYS from RECEIPT: France's service standard"],
    [
      'CONFISCATION',
      'AT',
      'DECIDE',
      false,
      '45 DAYS from RECEIPT: Regulation (EU) 2018/1805 Art. 20(1)',
    ],
    [
      'DISCLOSURE',
      'DE',
      'EXECUTE',
      false,
      '10 DAYS from RECEIPT: Regulation (EU) 2023/1543 Art. 10(2)',
    ],
    [
      'DISCLOSURE',
      'DE',
      'EXECUTE',
      true,
      '8 HOURS from RECEIPT: Regulation (EU) 2023/1543 Art. 10(4)',
    ],
    [
      'DISCLOSURE',
      'CH',
      'DECIDE',
      false,
      "30 DAYS from RECEIPT: France's service standard (the 1959",
    ],
    [
      'PRESERVATION',
      'DE',
      'EXPIRE',
      false,
      '60 DAYS from EXECUTION: Regulation (EU) 2023/1543 Art. 11(1)',
    ],
    [
      'PRESERVATION',
      'NO',
      'EXPIRE',
      false,
      '60 DAYS from EXECUTION: Budapest Convention Art. 29(7)',
    ],
    [
      'DE_ANONYMISATION',
      'IT',
      'ACKNOWLEDGE',
      false,
      '7 DAYS from RECEIPT: Directive 2014/41/EU Art. 16(1)',
    ],
    [
      'DE_ANONYMISATION',
      'IT',
      'EXECUTE',
      false,
      '90 DAYS from DECISION: Directive 2014/41/EU Art. 12(4)',
    ],
  ])('%s from %s, %s (urgent: %s): %s', (type, country, milestone, urgent, expected) => {
    expect(periodOf(type, country, milestone, urgent)?.slice(0, expected.length)).toBe(expected);
  });

  it('de-anonymises for offences of three years and more, under a 90-day review', () => {
    expect(policy.requests.types.DE_ANONYMISATION).toMatchObject({
      seriousCrimeMinPenaltyYears: 3,
      authorisationReviewDays: 90,
      decidingRoles: ['JUDGE'],
    });
  });

  it('counts working days around its public holidays', () => {
    expect(policy.requests.holidays).toEqual(expect.arrayContaining(['2026-07-14', '2027-05-06']));
  });
});
