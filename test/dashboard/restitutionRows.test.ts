import { describe, expect, it } from 'vitest';
import { ratePercent, restitutionRows } from '../../dashboard/src/pages/restitutionRows.js';
import type { PublishedRestitution } from '../../dashboard/src/pages/restitutionRows.js';

const DE = { code: 'DE', name: 'Germany' };
const FR = { code: 'FR', name: 'France' };

const published = (overrides: Partial<PublishedRestitution>): PublishedRestitution => ({
  recoveryRates: [],
  timeToPayment: { payments: '<5', medianDays: null, maxDays: null },
  dispositions: [],
  ...overrides,
});

describe('ratePercent', () => {
  it.each([
    ['0.4230', '42.30 %'],
    ['1.0000', '100.00 %'],
    ['0.0001', '0.01 %'],
    ['0.0000', '0.00 %'],
    // Returned can exceed what was confiscated (a rate above 1): shown as published.
    ['12.3456', '1234.56 %'],
    [null, null],
    [undefined, null],
    ['0.42', null],
    ['NaN', null],
  ])('%s → %s', (rate, shown) => {
    expect(ratePercent(rate)).toBe(shown);
  });
});

describe('restitutionRows', () => {
  it('keeps suppressed counts as "<5" and never shows what they would reveal', () => {
    const { rates, delays, dispositions } = restitutionRows([
      {
        member: DE,
        restitution: published({
          recoveryRates: [
            { asset: 'ETH', confiscated: '26', returned: null, payments: '<5', rate: null },
          ],
          // A member that sent days with a small count: the page still withholds them.
          timeToPayment: { payments: '<5', medianDays: 3, maxDays: 9 },
          dispositions: [
            { month: '2026-11', asset: 'ETH', kind: 'SOLD', count: '<5', amount: '2.6' },
          ],
        }),
      },
    ]);
    expect(rates).toEqual([
      {
        member: 'Germany',
        asset: 'ETH',
        confiscated: '26',
        returned: null,
        payments: '<5',
        rate: null,
      },
    ]);
    expect(delays).toEqual([
      { member: 'Germany', payments: '<5', medianDays: null, maxDays: null },
    ]);
    expect(dispositions[0]).toMatchObject({ count: '<5', amount: null, label: 'Sold' });
  });

  it('shows published figures as published, per member and asset, kinds in a fixed order', () => {
    const { rates, delays, dispositions } = restitutionRows([
      {
        member: FR,
        restitution: published({
          recoveryRates: [
            { asset: 'BTC', confiscated: '3', returned: '1.2', payments: '7', rate: '0.4000' },
          ],
          timeToPayment: { payments: '7', medianDays: 12, maxDays: 40 },
          dispositions: [
            { month: '2026-11', asset: 'BTC', kind: 'KEPT_BY_STATE', count: '5', amount: '0.5' },
            {
              month: '2026-10',
              asset: 'BTC',
              kind: 'RETURNED_TO_VICTIM',
              count: '7',
              amount: '1.2',
            },
            { month: '2026-09', asset: 'BTC', kind: 'KEPT_BY_STATE', count: '<5', amount: null },
            {
              month: '2026-10',
              asset: 'BTC',
              kind: 'RETURNED_TO_HOLDER',
              count: '<5',
              amount: null,
            },
            { month: '2026-10', asset: 'ADA', kind: 'NEW_KIND', count: '6', amount: '10' },
          ],
        }),
      },
      { member: DE, restitution: null },
    ]);
    expect(rates[0]).toMatchObject({ member: 'France', returned: '1.2', rate: '40.00 %' });
    expect(delays).toEqual([{ member: 'France', payments: '7', medianDays: 12, maxDays: 40 }]);
    expect(
      dispositions.map((row) => [row.asset, row.label, row.month, row.count, row.amount]),
    ).toEqual([
      ['ADA', 'NEW_KIND', '2026-10', '6', '10'],
      ['BTC', 'Paid to victims', '2026-10', '7', '1.2'],
      ['BTC', 'Returned to innocent holders', '2026-10', '<5', null],
      ['BTC', 'Kept by the state (its share)', '2026-09', '<5', null],
      ['BTC', 'Kept by the state (its share)', '2026-11', '5', '0.5'],
    ]);
  });
});
