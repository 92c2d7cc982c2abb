import autocannon from 'autocannon';
import type { LoadResult } from './LoadResult.js';

export interface AutocannonLoad {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  durationSec: number;
}

/** A GraphQL answer that carries errors: it counts as a failed request, whatever its status. */
export const carriesErrors = (body: string) => body.includes('"errors":');

/**
 * Drives one gateway with autocannon: keep-alive connections, no pipelining, each sending the
 * same POST back to back for the duration. autocannon records latency in whole milliseconds.
 * A request fails when its status is not 2xx, when it errs or times out (autocannon counts
 * timeouts among its errors), or when its body carries GraphQL `errors` (an expired token, a
 * subgraph down): only clean answers count towards RPS.
 */
export async function loadWithAutocannon(load: AutocannonLoad): Promise<LoadResult> {
  // autocannon checks every body, whatever its status; a non-2xx answer is already counted
  // (non2xx), so only a 2xx body with errors is a mismatch here. The status is the one of the
  // answer being checked: autocannon emits it just before, on the same turn of the loop.
  let status = 0;
  const result = await autocannon({
    url: load.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...load.headers },
    body: load.body,
    connections: load.connections,
    pipelining: 1,
    duration: load.durationSec,
    timeout: 10,
    // Latencies of 2xx answers only (a 2xx answer with errors still counts among them).
    excludeErrorStats: true,
    setupClient: (client) => {
      client.on('response', (statusCode: number) => {
        status = statusCode;
      });
    },
    verifyBody: (body) =>
      status < 200 || status >= 300 || (typeof body === 'string' && !carriesErrors(body)),
  });
  const ok = Math.max(0, result['2xx'] - result.mismatches);
  return {
    rps: ok / load.durationSec,
    // No completed request in the window: no latency to report (autocannon would say 0).
    p50: ok === 0 ? Number.NaN : result.latency.p50,
    p99: ok === 0 ? Number.NaN : result.latency.p99,
    requests: ok,
    failures: result.non2xx + result.errors + result.mismatches,
  };
}
