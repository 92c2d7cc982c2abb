import { describe, expect, it } from 'vitest';
import { restitutionStatistics } from '../../../../subgraphs/kit/claims/restitutionStatistics.js';
import type { Disposition, DispositionKind } from '../../../../subgraphs/kit/claims/VictimClaim.js';

const CONFISCATED_AT = '2026-01-01T00:00:00.000Z';

/** A disposition `days` after CONFISCATED_AT (null: the order's confiscation date is unknown). */
const disposition = (
  kind: DispositionKind,
  asset: string,
  amountUnits: string,
  days: number,
  confiscatedAt: string | null = CONFISCATED_AT,
): Disposition => ({
  id: `dsp-${kind}-${asset}-${amountUnits}-${days}`,
  kind,
  orderId: 'rco-req-de-000001',
  asset,
  amountUnits,
  at: new Date(Date.parse(CONFISCATED_AT) + days * 86_400_000 + 3_600_000).toISOString(),
  confiscatedAt,
  claimId: kind === 'RETURNED_TO_VICTIM' ? 'clm-de-000001' : null,
  price: null,
  currency: null,
  rate: null,
  sharedWith: null,
  arrangement: null,
  recordedBy: 'p',
  auditSeq: 1,
});

const paid = (asset: string, units: string, days: number) =>
  disposition('RETURNED_TO_VICTIM', asset, units, days);

describe('restitutionStatistics: recovery rate per asset', () => {
  it.each([
    {
      case: 'five payments: returned and rate shown, rate rounded down to four places',
      confiscated: [{ asset: 'BTC', amount: '3' }],
      dispositions: [1, 2, 3, 4, 5].map((day) => paid('BTC', '20000000', day)),
      expected: [{ asset: 'BTC', confiscated: '3', returned: '1', payments: '5', rate: '0.3333' }],
    },
    {
      case: 'four payments: the count published as <5, returned and rate withheld',
      confiscated: [{ asset: 'BTC', amount: '1' }],
      dispositions: [1, 2, 3, 4].map((day) => paid('BTC', '1', day)),
      expected: [{ asset: 'BTC', confiscated: '1', returned: null, payments: '<5', rate: null }],
    },
    {
      case: 'confiscations of one asset summed, in the smallest unit, exact beyond 2^53 wei',
      confiscated: [
        { asset: 'ETH', amount: '0.000000000000000001' },
        { asset: 'ETH', amount: '10' },
      ],
      dispositions: [1, 2, 3, 4, 5].map((day) => paid('ETH', '2000000000000000000', day)),
      expected: [
        {
          asset: 'ETH',
          confiscated: '10.000000000000000001',
          returned: '10',
          payments: '5',
          rate: '0.9999',
        },
      ],
    },
    {
      case: 'payments of another asset, and other kinds, do not count',
      confiscated: [{ asset: 'BTC', amount: '1' }],
      dispositions: [
        ...[1, 2, 3, 4, 5].map((day) => paid('ETH', '1', day)),
        ...[1, 2, 3, 4, 5].map((day) => disposition('SOLD', 'BTC', '1', day)),
      ],
      expected: [{ asset: 'BTC', confiscated: '1', returned: null, payments: '<5', rate: null }],
    },
    {
      case: 'nothing confiscated: no rate, not a division by zero',
      confiscated: [{ asset: 'BTC', amount: '0' }],
      dispositions: [1, 2, 3, 4, 5].map((day) => paid('BTC', '1', day)),
      expected: [
        { asset: 'BTC', confiscated: '0', returned: '0.00000005', payments: '5', rate: null },
      ],
    },
    {
      case: 'an asset without a known unit left out, assets in alphabetical order',
      confiscated: [
        { asset: 'USDT', amount: '5.5' },
        { asset: 'GOLD', amount: '1' },
        { asset: 'BTC', amount: '1.25' },
      ],
      dispositions: [],
      expected: [
        { asset: 'BTC', confiscated: '1.25', returned: null, payments: '<5', rate: null },
        { asset: 'USDT', confiscated: '5.5', returned: null, payments: '<5', rate: null },
      ],
    },
  ])('$case', ({ confiscated, dispositions, expected }) => {
    expect(restitutionStatistics('DE', confiscated, dispositions).recoveryRates).toEqual(expected);
  });
});

describe('restitutionStatistics: time from confiscation to payment', () => {
  it.each([
    {
      case: 'five payments: lower median and maximum, in whole days',
      days: [30, 2, 10, 7, 400],
      expected: { payments: '5', medianDays: 10, maxDays: 400 },
    },
    {
      case: 'six payments: the lower of the two middle values',
      days: [1, 2, 3, 4, 5, 6],
      expected: { payments: '6', medianDays: 3, maxDays: 6 },
    },
    {
      case: 'four payments: withheld',
      days: [1, 2, 3, 4],
      expected: { payments: '<5', medianDays: null, maxDays: null },
    },
    {
      case: 'no payment',
      days: [],
      expected: { payments: '<5', medianDays: null, maxDays: null },
    },
  ])('$case', ({ days, expected }) => {
    const dispositions = days.map((day) => paid('BTC', '1', day));
    expect(restitutionStatistics('DE', [], dispositions).timeToPayment).toEqual(expected);
  });

  it('leaves out payments whose confiscation date is unknown, and other kinds', () => {
    const dispositions = [
      ...[1, 2, 3, 4].map((day) => paid('BTC', '1', day)),
      disposition('RETURNED_TO_VICTIM', 'BTC', '1', 5, null),
      disposition('KEPT_BY_STATE', 'BTC', '1', 6),
    ];
    expect(restitutionStatistics('DE', [], dispositions).timeToPayment).toEqual({
      payments: '<5',
      medianDays: null,
      maxDays: null,
    });
  });
});

describe('restitutionStatistics: dispositions by member, month, asset and kind', () => {
  it('counts each cell, withholds the amount of a cell under five, sorts by month, asset, kind', () => {
    const dispositions = [
      ...[1, 2, 3, 4, 5].map((day) => paid('BTC', '10000000', day)),
      disposition('SOLD', 'BTC', '50000000', 3),
      disposition('RETURNED_TO_HOLDER', 'BTC', '1', 40),
      disposition('KEPT_BY_STATE', 'ETH', '1', 4),
    ];
    expect(restitutionStatistics('DE', [], dispositions).dispositions).toEqual([
      {
        member: 'DE',
        month: '2026-01',
        asset: 'BTC',
        kind: 'RETURNED_TO_VICTIM',
        count: '5',
        amount: '0.5',
      },
      { member: 'DE', month: '2026-01', asset: 'BTC', kind: 'SOLD', count: '<5', amount: null },
      {
        member: 'DE',
        month: '2026-01',
        asset: 'ETH',
        kind: 'KEPT_BY_STATE',
        count: '<5',
        amount: null,
      },
      {
        member: 'DE',
        month: '2026-02',
        asset: 'BTC',
        kind: 'RETURNED_TO_HOLDER',
        count: '<5',
        amount: null,
      },
    ]);
  });

  it('publishes no cell when nothing moved', () => {
    expect(restitutionStatistics('FR', [{ asset: 'BTC', amount: '1' }], [])).toEqual({
      recoveryRates: [
        { asset: 'BTC', confiscated: '1', returned: null, payments: '<5', rate: null },
      ],
      timeToPayment: { payments: '<5', medianDays: null, maxDays: null },
      dispositions: [],
    });
  });
});
