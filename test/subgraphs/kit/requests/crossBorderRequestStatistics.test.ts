import { describe, expect, it } from 'vitest';
import type { RequestPolicy } from '../../../../core/policy/RequestPolicy.js';
import type {
  CrossBorderRequest,
  RequestTransition,
} from '../../../../subgraphs/kit/requests/CrossBorderRequest.js';
import { crossBorderRequestStatistics } from '../../../../subgraphs/kit/requests/crossBorderRequestStatistics.js';
import { sampleRequest } from '../../../support/requestFixtures.js';

const POLICY: RequestPolicy = {
  types: {
    FREEZING: {
      instrument: 'Regulation (EU) 2018/1805',
      acceptedFrom: ['EU'],
      issuingRoles: ['JUDGE'],
      acknowledgingRoles: ['CENTRAL_AUTHORITY'],
      decidingRoles: ['JUDGE'],
      executingRoles: ['ASSET_RECOVERY_OFFICER'],
      deadlines: [
        {
          milestone: 'DECIDE',
          amount: 48,
          unit: 'HOURS',
          from: 'RECEIPT',
          legalBasis: 'Art. 9(3)',
        },
      ],
    },
  },
  grounds: {},
  holidays: [],
};

const RECEIVED = '2026-05-04T08:00:00.000Z';

/** A request received in May 2026, decided `afterHours` after receipt (or not at all). */
function decided(afterHours: number | null, from = 'FR') {
  const request: CrossBorderRequest = {
    ...sampleRequest('FREEZING', { receivedAt: RECEIVED, issuingState: from }),
    state: afterHours === null ? 'SUBMITTED' : 'UNDER_REVIEW',
  };
  const step = (
    version: number,
    action: RequestTransition['action'],
    hours: number,
  ): RequestTransition => ({
    version,
    action,
    from: null,
    to: 'SUBMITTED',
    actor: 'a',
    role: 'JUDGE',
    agency: 'x',
    country: 'DE',
    at: new Date(Date.parse(RECEIVED) + hours * 3_600_000).toISOString(),
    ground: null,
    reason: null,
    auditSeq: version,
  });
  const history = [step(1, 'FILE', 0)];
  if (afterHours !== null) history.push(step(2, 'RECOGNISE', afterHours));
  return { request, history };
}

describe('crossBorderRequestStatistics', () => {
  it('publishes a cell under five as <5 and withholds its timeliness', () => {
    const [cell] = crossBorderRequestStatistics([decided(10), decided(60)], () => POLICY);
    expect(cell).toMatchObject({
      month: '2026-05',
      type: 'FREEZING',
      count: '<5',
      decided: '<5',
      timelyShare: null,
    });
  });

  it('gives the share decided within the deadline once five were decided', () => {
    const requests = [decided(1), decided(2), decided(47), decided(49), decided(100)];
    const [cell] = crossBorderRequestStatistics(requests, () => POLICY);
    expect(cell).toMatchObject({ count: '5', decided: '5', timelyShare: 3 / 5 });
  });

  it('keeps countries and outcomes apart and does not count undecided requests as decided', () => {
    const cells = crossBorderRequestStatistics(
      [...Array.from({ length: 6 }, () => decided(null)), decided(1, 'AT')],
      () => POLICY,
    );
    expect(cells.map((cell) => [cell.fromCountry, cell.outcome, cell.count, cell.decided])).toEqual(
      [
        ['AT', 'UNDER_REVIEW', '<5', '<5'],
        ['FR', 'SUBMITTED', '6', '<5'],
      ],
    );
    expect(cells[1]!.timelyShare).toBeNull();
  });
});
