import { Agent, request } from 'undici';
import { carriesErrors } from './loadWithAutocannon.js';
import type { LoadResult } from './LoadResult.js';

/** One HTTP POST of a replayed plan. */
export interface ReplayCall {
  url: string;
  body: string;
  /** Called per request, so that headers (context tokens) can change during a run. */
  headers: () => Record<string, string>;
}

/**
 * What one logical request costs on the critical path: stages run one after the other (a
 * stage needs the answers of the one before), the calls of a stage run together, as a query
 * plan's parallel fetches do.
 */
export type ReplayPlan = ReplayCall[][];

export interface ReplayLoad {
  plan: ReplayPlan;
  connections: number;
  durationSec: number;
}

/** Percentile of sorted samples, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/**
 * A closed-loop load driver for what autocannon cannot do, chain dependent calls: `connections`
 * workers each replay the plan back to back until the duration is over, over undici
 * keep-alive pools (one connection per worker and origin). Latency is measured per plan, in
 * fractional milliseconds. A plan fails when a call's status is not 2xx, it errs, or its body
 * carries GraphQL `errors`; RPS counts the clean plans finished inside the window. The loop is bounded by the deadline and by a 10 s timeout per call.
 */
export async function replayDriver(load: ReplayLoad): Promise<LoadResult> {
  if (load.plan.length === 0) throw new Error('empty plan: nothing was recorded to replay');
  const dispatcher = new Agent({
    connections: load.connections,
    keepAliveTimeout: 30_000,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  const latencies: number[] = [];
  let failures = 0;
  const startedAt = performance.now();
  const deadline = startedAt + load.durationSec * 1000;
  const call = async (step: ReplayCall) => {
    const response = await request(step.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...step.headers() },
      body: step.body,
      dispatcher,
    });
    const text = await response.body.text();
    return response.statusCode >= 200 && response.statusCode < 300 && !carriesErrors(text);
  };
  const worker = async () => {
    while (performance.now() < deadline) {
      const began = performance.now();
      let ok = true;
      try {
        for (const stage of load.plan) {
          const results = await Promise.all(stage.map(call));
          if (results.includes(false)) ok = false;
        }
      } catch {
        ok = false;
      }
      const ended = performance.now();
      // As autocannon: what finishes after the window closes is not counted.
      if (ended > deadline) break;
      if (ok) latencies.push(ended - began);
      else failures += 1;
    }
  };
  await Promise.all(Array.from({ length: load.connections }, worker));
  await dispatcher.close();
  latencies.sort((a, b) => a - b);
  return {
    rps: latencies.length / load.durationSec,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    failures,
  };
}
