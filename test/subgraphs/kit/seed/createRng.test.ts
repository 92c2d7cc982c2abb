import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../subgraphs/kit/seed/createRng.js';
import type { Rng } from '../../../../subgraphs/kit/seed/createRng.js';

const draw = (rng: Rng, n = 20): number[] => Array.from({ length: n }, () => rng.next());

describe('createRng', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(createRng('comity'))).toEqual(draw(createRng('comity')));
    expect(createRng('comity').bytes(37)).toEqual(createRng('comity').bytes(37));
  });

  it('gives different sequences for different seeds', () => {
    expect(draw(createRng('comity'))).not.toEqual(draw(createRng('comity2')));
  });

  it('stays in [0, 1) and spreads over it', () => {
    const values = draw(createRng('range'), 10_000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it('int covers both bounds and nothing outside', () => {
    const rng = createRng('int');
    const seen = new Set(Array.from({ length: 2_000 }, () => rng.int(-2, 3)));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(() => rng.int(3, 2)).toThrow(RangeError);
  });

  it('pick, chance and bytes behave', () => {
    const rng = createRng('misc');
    const items = ['a', 'b', 'c'] as const;
    const picked = new Set(Array.from({ length: 300 }, () => rng.pick(items)));
    expect(picked).toEqual(new Set(items));
    expect(() => rng.pick([])).toThrow(RangeError);
    expect(Array.from({ length: 100 }, () => rng.chance(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => rng.chance(1)).every(Boolean)).toBe(true);
    const bytes = rng.bytes(1_000);
    expect(bytes).toHaveLength(1_000);
    expect(new Set(bytes).size).toBeGreaterThan(200);
  });

  it('fork depends on seed and label only, not on draws made before', () => {
    const a = createRng('root');
    const b = createRng('root');
    draw(b, 50);
    expect(draw(a.fork('fr'))).toEqual(draw(b.fork('fr')));
    expect(draw(a.fork('fr'))).not.toEqual(draw(a.fork('de')));
    expect(draw(a.fork('fr'))).not.toEqual(draw(createRng('root')));
  });
});
