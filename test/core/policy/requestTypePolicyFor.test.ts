import { describe, expect, it } from 'vitest';
import type { JurisdictionPolicy } from '../../../core/policy/JurisdictionPolicy.js';
import type { RequestDeadlineRule, RequestType } from '../../../core/policy/RequestPolicy.js';
import { requestTypePolicyFor } from '../../../core/policy/requestTypePolicyFor.js';

const period = (amount: number, legalBasis: string): RequestDeadlineRule => ({
  milestone: 'EXECUTE',
  amount,
  unit: 'DAYS',
  from: 'RECEIPT',
  legalBasis,
});

const policy: Pick<JurisdictionPolicy, 'jurisdiction' | 'arrangements' | 'requests'> = {
  jurisdiction: 'FR',
  arrangements: { PARTNERS: { basis: '1959 Convention', countries: ['CH', 'NO', 'DE'] } },
  requests: {
    types: {
      DISCLOSURE: {
        instrument: 'Regulation (EU) 2023/1543',
        acceptedFrom: ['EU'],
        issuingRoles: ['PROSECUTOR'],
        acknowledgingRoles: ['CENTRAL_AUTHORITY'],
        decidingRoles: ['PROSECUTOR'],
        executingRoles: ['INVESTIGATOR'],
        deadlines: [period(10, 'Art. 10(2)')],
        routes: [
          {
            instrument: '1959 Convention',
            acceptedFrom: ['PARTNERS'],
            deadlines: [period(60, 'std')],
          },
          { instrument: 'Letter', acceptedFrom: ['CH', 'US'], deadlines: [period(90, 'std')] },
        ],
      },
      PRESERVATION: {
        instrument: 'Any',
        acceptedFrom: ['ANY'],
        issuingRoles: ['PROSECUTOR'],
        acknowledgingRoles: ['CENTRAL_AUTHORITY'],
        decidingRoles: ['PROSECUTOR'],
        executingRoles: ['INVESTIGATOR'],
        deadlines: [],
      },
    },
    grounds: {},
    holidays: [],
  },
};

describe('requestTypePolicyFor', () => {
  it.each<[RequestType, string, string | undefined, number | undefined]>([
    // type, issuing country, instrument applied, its period
    // Germany is a partner too: the type's own instrument comes first.
    ['DISCLOSURE', 'DE', 'Regulation (EU) 2023/1543', 10],
    ['DISCLOSURE', 'IT', 'Regulation (EU) 2023/1543', 10],
    ['DISCLOSURE', 'NO', '1959 Convention', 60],
    // The first route naming the country wins.
    ['DISCLOSURE', 'CH', '1959 Convention', 60],
    ['DISCLOSURE', 'US', 'Letter', 90],
    ['DISCLOSURE', 'KP', undefined, undefined],
    ['PRESERVATION', 'KP', 'Any', undefined],
    ['FREEZING', 'DE', undefined, undefined],
  ])('%s from %s: %s', (type, country, instrument, days) => {
    const rules = requestTypePolicyFor(policy, type, country);
    expect(rules?.instrument).toBe(instrument);
    expect(rules?.deadlines[0]?.amount).toBe(days);
  });

  it("keeps the type's roles and limits under a route, and drops the other routes", () => {
    const rules = requestTypePolicyFor(policy, 'DISCLOSURE', 'NO');
    expect(rules).toMatchObject({
      acceptedFrom: ['PARTNERS'],
      issuingRoles: ['PROSECUTOR'],
      executingRoles: ['INVESTIGATOR'],
    });
    expect(rules?.routes).toBeUndefined();
  });
});
