import autocannon from 'autocannon';
import type { LoadResult } from './LoadResult.js';

export interface AutocannonLoad {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  durationSec: number;
}

/**
 * Drives one gateway with autocannon: keep-alive connections, no pipelining, each sending the
 * same POST back to back for the duration. autocannon records latency in whole milliseconds.
 */
export async function loadWithAutocannon(load: AutocannonLoad): Promise<LoadResult> {
  const result = await autocannon({
    url: load.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...load.headers },
    body: load.body,
    connections: load.connections,
    pipelining: 1,
    duration: load.durationSec,
    timeout: 10,
  });
  const ok = result['2xx'];
  return {
    rps: ok / load.durationSec,
    // No completed request in the window: no latency to report (autocannon would say 0).
    p50: ok === 0 ? Number.NaN : result.latency.p50,
    p99: ok === 0 ? Number.NaN : result.latency.p99,
    requests: ok,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}
