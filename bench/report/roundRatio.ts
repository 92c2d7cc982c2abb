import type { Measurement, SystemName } from './BenchReport.js';
import { fixed } from './format.js';
import { median } from './median.js';

/** The per-round ratios a/b (both measured back to back in one round) and their median. */
export interface RoundRatio {
  median: number;
  rounds: number[];
}

/** Per-round values a − b or a ÷ b of rows matched by round, and their median. */
export function perRound<T extends { round: number }>(
  a: T[],
  b: T[],
  combine: (first: T, second: T) => number,
): RoundRatio {
  const values: number[] = [];
  for (const first of a) {
    const second = b.find((row) => row.round === first.round);
    if (second) {
      const value = combine(first, second);
      if (Number.isFinite(value)) values.push(value);
    }
  }
  return { median: median(values), rounds: values };
}

/** `value` of system `a` ÷ of system `b` per round, `b` always through autocannon. */
export function roundRatio(
  measurements: Measurement[],
  pick: (m: Measurement) => boolean,
  a: SystemName,
  b: SystemName,
  value: (m: Measurement) => number,
  client: Measurement['client'] = 'autocannon',
): RoundRatio {
  const of = (system: SystemName, wanted: Measurement['client']) =>
    measurements.filter((m) => pick(m) && m.system === system && m.client === wanted);
  return perRound(of(a, client), of(b, 'autocannon'), (x, y) => value(x) / value(y));
}

/** `1.22× (rounds 1.10–1.35×)`: the median, and the spread the machine's noise gave it. */
export function ratioText(ratio: RoundRatio): string {
  if (ratio.rounds.length < 2) return `${fixed(ratio.median, 2)}×`;
  const low = Math.min(...ratio.rounds);
  const high = Math.max(...ratio.rounds);
  return `${fixed(ratio.median, 2)}× (rounds ${fixed(low, 2)}–${fixed(high, 2)}×)`;
}

/**
 * met / not met by the median; when the rounds fall on both sides of the goal, the verdict
 * says so, since this machine's noise alone could have turned it.
 */
export function judge(ratio: RoundRatio, ok: (value: number) => boolean): string {
  if (!Number.isFinite(ratio.median)) return 'n/a';
  const verdict = ok(ratio.median) ? 'met' : '**not met**';
  const straddles = ratio.rounds.some(ok) && !ratio.rounds.every(ok);
  return straddles ? `${verdict} (rounds on both sides)` : verdict;
}
