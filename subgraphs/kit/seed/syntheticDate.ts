import type { Rng } from './createRng.js';

function parseInstant(iso: string, name: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not an ISO 8601 date: ${iso}`);
  return ms;
}

/** A uniformly drawn instant in [fromIso, toIso], as ISO 8601 UTC (`…T…Z`). */
export function syntheticDate(rng: Rng, fromIso: string, toIso: string): string {
  const from = parseInstant(fromIso, 'fromIso');
  const to = parseInstant(toIso, 'toIso');
  if (to < from) throw new RangeError('syntheticDate needs fromIso <= toIso');
  return new Date(from + Math.floor(rng.next() * (to - from + 1))).toISOString();
}
