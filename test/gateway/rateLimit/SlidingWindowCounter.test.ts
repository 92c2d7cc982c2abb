import { describe, expect, it } from 'vitest';
import { SlidingWindowCounter } from '../../../gateway/rateLimit/SlidingWindowCounter.js';
import type { RateDecision } from '../../../gateway/rateLimit/SlidingWindowCounter.js';

/**
 * The specification, written the plain way: every admitted timestamp kept per key, the
 * expired ones filtered out on each request (O(window) per request, which the counter avoids).
 */
function referenceCounter(windowMs: number) {
  const hits = new Map<string, number[]>();
  return (entries: { key: string; limit: number }[], now: number): RateDecision => {
    let retryAfterMs = 0;
    const windows = entries.map(({ key, limit }) => {
      const stamps = (hits.get(key) ?? []).filter((stamp) => stamp > now - windowMs);
      if (stamps.length >= limit) {
        retryAfterMs = Math.max(retryAfterMs, stamps[stamps.length - limit]! + windowMs - now);
      }
      return { key, stamps };
    });
    for (const { key, stamps } of windows) {
      if (retryAfterMs === 0) stamps.push(now);
      hits.set(key, stamps);
    }
    return retryAfterMs > 0
      ? { allowed: false, retryAfterMs: Math.max(1, retryAfterMs) }
      : { allowed: true };
  };
}

/** A deterministic pseudo-random sequence (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('SlidingWindowCounter', () => {
  it('admits up to the limit in a window, then says when a place frees', () => {
    const counter = new SlidingWindowCounter(1_000);
    const take = (now: number) => counter.take([{ key: 'subject:a', limit: 3 }], now);
    expect([take(0), take(100), take(200)]).toEqual([
      { allowed: true },
      { allowed: true },
      { allowed: true },
    ]);
    expect(take(300)).toEqual({ allowed: false, retryAfterMs: 700 });
    expect(take(999)).toEqual({ allowed: false, retryAfterMs: 1 });
    // The request of t=0 leaves the window at t=1000 (a stamp counts while it is newer than now − window).
    expect(take(1_000)).toEqual({ allowed: true });
    expect(take(1_050)).toEqual({ allowed: false, retryAfterMs: 50 });
  });

  it('admits under every key or none: a full agency window refuses without counting the subject', () => {
    const counter = new SlidingWindowCounter(1_000);
    const take = (subject: string, now: number) =>
      counter.take(
        [
          { key: `subject:${subject}`, limit: 2 },
          { key: 'agency:x', limit: 3 },
        ],
        now,
      );
    expect([take('a', 0), take('b', 10), take('c', 20)].every((d) => d.allowed)).toBe(true);
    expect(take('d', 30)).toEqual({ allowed: false, retryAfterMs: 970 });
    // d was not counted: once the agency window frees, d still has its two requests.
    expect(take('d', 1_001)).toEqual({ allowed: true });
    expect(take('d', 1_011)).toEqual({ allowed: true });
    expect(take('d', 1_021)).toEqual({ allowed: false, retryAfterMs: 980 });
  });

  it('forgets the least recently used keys past maxKeys', () => {
    const counter = new SlidingWindowCounter(1_000, 2);
    const take = (key: string, now: number) => counter.take([{ key, limit: 1 }], now);
    expect(take('a', 0).allowed).toBe(true);
    expect(take('b', 1).allowed).toBe(true);
    expect(take('a', 2).allowed).toBe(false); // a is used again: b is now the oldest
    expect(take('c', 3).allowed).toBe(true); // b is dropped
    expect(take('b', 4).allowed).toBe(true);
    expect(take('a', 5).allowed).toBe(true); // and a went when b came back
  });

  it.each([
    { windowMs: 1_000, limits: [5, 40], keys: 3, meanGapMs: 7 },
    { windowMs: 60_000, limits: [600, 3_000], keys: 4, meanGapMs: 5 },
    { windowMs: 500, limits: [2, 300], keys: 200, meanGapMs: 1 },
  ])(
    'decides exactly as the plain log over 20,000 requests (window $windowMs ms, limits $limits)',
    ({ windowMs, limits, keys, meanGapMs }) => {
      const counter = new SlidingWindowCounter(windowMs);
      const reference = referenceCounter(windowMs);
      const next = random(windowMs + limits[0]!);
      let now = 1_000_000;
      let refused = 0;
      for (let i = 0; i < 20_000; i++) {
        now += Math.floor(next() * meanGapMs * 2);
        const entries = [
          { key: `subject:${Math.floor(next() * keys)}`, limit: limits[0]! },
          { key: 'agency:shared', limit: limits[1]! },
        ];
        const expected = reference(entries, now);
        expect(counter.take(entries, now)).toEqual(expected);
        if (!expected.allowed) refused++;
      }
      // Both outcomes occur, so both paths were compared.
      expect(refused).toBeGreaterThan(100);
      expect(refused).toBeLessThan(19_900);
    },
  );
});
