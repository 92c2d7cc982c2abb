import type { LoadResult } from '../LoadResult.js';
import type { ProcessUsage } from '../processStats.js';
import { median } from './median.js';

export interface Summary {
  rps: number;
  p50: number;
  p99: number;
  cpu: number;
  /** Gateway CPU time per request, ms: the median over rounds of CPU share ÷ RPS. */
  cpuPerRequest: number;
  maxRss: number;
  failures: number;
  rounds: number;
}

/** The medians over the rounds of `measurements`; null when there are none. */
export function summarize(measurements: (LoadResult & ProcessUsage)[]): Summary | null {
  if (measurements.length === 0) return null;
  return {
    rps: median(measurements.map((m) => m.rps)),
    p50: median(measurements.map((m) => m.p50)),
    p99: median(measurements.map((m) => m.p99)),
    cpu: median(measurements.map((m) => m.cpu ?? Number.NaN)),
    cpuPerRequest: median(
      measurements.map((m) => (m.cpu !== null && m.rps > 0 ? (m.cpu / m.rps) * 1000 : Number.NaN)),
    ),
    maxRss: Math.max(
      Number.NEGATIVE_INFINITY,
      ...measurements.flatMap((m) => (m.maxRssMiB === null ? [] : [m.maxRssMiB])),
    ),
    failures: measurements.reduce((sum, m) => sum + m.failures, 0),
    rounds: measurements.length,
  };
}
