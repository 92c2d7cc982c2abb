import { sha256 } from '@noble/hashes/sha2.js';

/** A deterministic random stream: the same seed always yields the same sequence. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, maxInclusive]. */
  int(min: number, maxInclusive: number): number;
  pick<T>(items: readonly T[]): T;
  /** True with probability p. */
  chance(p: number): boolean;
  bytes(n: number): Uint8Array;
  /**
   * An independent stream derived from this stream's seed and `label`, not from its state:
   * `fork('fr')` is the same whatever has been drawn before, so adding draws in one part
   * of a seed writer does not reshuffle the data of another.
   */
  fork(label: string): Rng;
}

const textEncoder = new TextEncoder();
// Unit separator: keeps `fork('a').fork('b')` and `fork('a\u001fb')`-style seeds apart in practice.
const FORK_SEPARATOR = '\u001f';

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counter, from PractRand): 128-bit state, passes
 * PractRand and BigCrush, and is cheap in 32-bit JavaScript arithmetic. Seeded from
 * SHA-256 of the seed string so that similar seeds give unrelated streams.
 */
export function createRng(seed: string): Rng {
  const digest = sha256(textEncoder.encode(seed));
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  let a = view.getUint32(0);
  let b = view.getUint32(4);
  let c = view.getUint32(8);
  let d = view.getUint32(12) | 1; // the counter; any value works, odd avoids an all-zero state

  function nextUint32(): number {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  }
  // The usual warm-up, so the first outputs do not mirror the seed bytes.
  for (let i = 0; i < 12; i++) nextUint32();

  const next = (): number => nextUint32() / 0x1_0000_0000;

  return {
    next,
    int(min, maxInclusive) {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(maxInclusive) || maxInclusive < min) {
        throw new RangeError(`rng.int needs integers min <= max, got ${min}..${maxInclusive}`);
      }
      return min + Math.floor(next() * (maxInclusive - min + 1));
    },
    pick(items) {
      if (items.length === 0) throw new RangeError('rng.pick needs a non-empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    chance(p) {
      return next() < p;
    },
    bytes(n) {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i += 4) {
        let word = nextUint32();
        for (let j = i; j < Math.min(i + 4, n); j++) {
          out[j] = word & 0xff;
          word >>>= 8;
        }
      }
      return out;
    },
    fork(label) {
      return createRng(`${seed}${FORK_SEPARATOR}${label}`);
    },
  };
}
