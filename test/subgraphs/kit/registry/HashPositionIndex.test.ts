import { describe, expect, it } from 'vitest';
import { HashPositionIndex } from '../../../../subgraphs/kit/registry/HashPositionIndex.js';

describe('HashPositionIndex (de)', () => {
  it('finds every position added under a key, ascending and once, across growth', () => {
    const index = new HashPositionIndex();
    for (let position = 0; position < 20_000; position++) {
      index.add(`wallet-${position % 5_000}`, position);
    }
    index.add('wallet-7', 3);
    expect(index.candidates('wallet-7')).toEqual([3, 7, 5_007, 10_007, 15_007]);
    for (let key = 0; key < 5_000; key += 499) {
      expect(index.candidates(`wallet-${key}`)).toEqual(
        expect.arrayContaining([key, key + 5_000, key + 10_000, key + 15_000]),
      );
    }
    expect(index.candidates('no such wallet')).toEqual([]);
  });
});
