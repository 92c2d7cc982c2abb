import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../subgraphs/kit/seed/createRng.js';
import { syntheticAmount } from '../../../../subgraphs/kit/seed/syntheticAmount.js';
import { syntheticDate } from '../../../../subgraphs/kit/seed/syntheticDate.js';

describe('syntheticAmount', () => {
  const PRECISION: Array<[string, number]> = [
    ['BTC', 8],
    ['ETH', 6],
    ['USDT', 2],
    ['EUR', 2],
    ['TRX', 6],
    ['XYZ', 2],
  ];
  it.each(PRECISION)(
    'renders %s as a positive decimal string with %i decimals',
    (asset, decimals) => {
      const rng = createRng(`amount-${asset}`);
      const shape = new RegExp(`^\\d+\\.\\d{${decimals}}$`);
      const amounts = Array.from({ length: 500 }, () => syntheticAmount(rng, asset));
      for (const amount of amounts) {
        expect(amount).toMatch(shape);
        expect(Number(amount)).toBeGreaterThan(0);
      }
      // log-normal spread: magnitudes span several orders
      const magnitudes = new Set(amounts.map((a) => Math.floor(Math.log10(Number(a)))));
      expect(magnitudes.size).toBeGreaterThanOrEqual(4);
    },
  );

  it('is deterministic', () => {
    expect(syntheticAmount(createRng('a'), 'BTC')).toBe(syntheticAmount(createRng('a'), 'BTC'));
  });
});

describe('syntheticDate', () => {
  it('stays inside the range and renders ISO 8601 UTC', () => {
    const rng = createRng('dates');
    const from = '2020-01-01T00:00:00Z';
    const to = '2024-12-31T23:59:59Z';
    for (let i = 0; i < 500; i++) {
      const date = syntheticDate(rng, from, to);
      expect(date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(Date.parse(date)).toBeGreaterThanOrEqual(Date.parse(from));
      expect(Date.parse(date)).toBeLessThanOrEqual(Date.parse(to));
    }
  });

  it('returns the only instant of an empty range and refuses bad input', () => {
    expect(syntheticDate(createRng('d'), '2024-03-01', '2024-03-01')).toBe(
      '2024-03-01T00:00:00.000Z',
    );
    expect(() => syntheticDate(createRng('d'), 'yesterday', '2024-03-01')).toThrow(RangeError);
    expect(() => syntheticDate(createRng('d'), '2024-03-02', '2024-03-01')).toThrow(RangeError);
  });
});
