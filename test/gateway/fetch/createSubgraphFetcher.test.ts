import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  SubgraphConnectionError,
  SubgraphDeadlineError,
  createSubgraphFetcher,
} from '../../../gateway/fetch/createSubgraphFetcher.js';
import { createGatewayMetrics } from '../../../gateway/metrics/createGatewayMetrics.js';

const TIMEOUT_MS = 300;

// A stand-in subgraph: /fast answers at once, /broken drops the connection mid-answer,
// /slow-headers never answers within the deadline, /slow-body sends its headers and stalls.
const server = http.createServer((request, response) => {
  if (request.url === '/fast') {
    response.writeHead(200, { 'content-type': 'application/json', 'x-probe': 'yes' });
    response.end('{"data":{"ok":true}}');
  } else if (request.url === '/broken') {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"data":');
    setTimeout(() => response.socket?.destroy(), 20).unref();
  } else if (request.url === '/slow-headers') {
    setTimeout(() => response.end('{}'), TIMEOUT_MS * 4).unref();
  } else {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"data":');
    setTimeout(() => response.end('{}}'), TIMEOUT_MS * 4).unref();
  }
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => vi.restoreAllMocks());

function fetcherFor() {
  const metrics = createGatewayMetrics();
  const { fetcher, close } = createSubgraphFetcher({
    subgraphName: 'fr',
    timeoutMs: TIMEOUT_MS,
    deadline: () => undefined,
    metrics,
  });
  const fetch = fetcher as unknown as (
    url: string,
    init?: { method?: string; headers?: Record<string, string>; body?: string },
  ) => Promise<{
    status: number;
    ok: boolean;
    json(): Promise<unknown>;
    headers: { get(name: string): string | null };
  }>;
  const outcomes = async () =>
    (await metrics.subgraphLatency.get()).values
      .filter((value) => value.metricName?.endsWith('_count'))
      .map((value) => `${value.labels.outcome}:${value.value}`);
  return { fetch, close, outcomes };
}

describe('createSubgraphFetcher', () => {
  it('answers, and clears the deadline timer of each fetch once its answer is in', async () => {
    const armed: unknown[] = [];
    const realSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((
      callback: () => void,
      delay?: number,
    ) => {
      const handle = realSetTimeout(callback, delay);
      // The deadline timer is the one armed for the remaining time, about TIMEOUT_MS.
      if (delay !== undefined && delay > TIMEOUT_MS - 50 && delay <= TIMEOUT_MS) armed.push(handle);
      return handle;
    }) as typeof setTimeout);
    const cleared = vi.spyOn(globalThis, 'clearTimeout');
    const { fetch, close, outcomes } = fetcherFor();
    try {
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${base}/fast`, { body: '{}' });
        expect(response.status).toBe(200);
        expect(response.ok).toBe(true);
        expect(response.headers.get('X-Probe')).toBe('yes');
        expect(await response.json()).toEqual({ data: { ok: true } });
      }
      expect(armed).toHaveLength(3);
      for (const handle of armed) expect(cleared).toHaveBeenCalledWith(handle);
      expect(await outcomes()).toEqual(['ok:3']);
    } finally {
      await close();
    }
  });

  it.each(['/slow-headers', '/slow-body'])(
    'gives up at the deadline when %s does not finish, as a deadline error',
    async (path) => {
      const { fetch, close, outcomes } = fetcherFor();
      try {
        const began = Date.now();
        const error = await fetch(`${base}${path}`, { body: '{}' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(SubgraphDeadlineError);
        expect(Date.now() - began).toBeLessThan(TIMEOUT_MS * 4);
        expect(await outcomes()).toEqual(['timeout:1']);
      } finally {
        await close();
      }
    },
  );

  it('tells an answer that broke off from a deadline', async () => {
    const { fetch, close, outcomes } = fetcherFor();
    try {
      const error = await fetch(`${base}/broken`, { body: '{}' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(SubgraphDeadlineError);
      expect((error as Error).message).toBe('the answer broke off');
      expect(await outcomes()).toEqual(['bad_response:1']);
    } finally {
      await close();
    }
  });

  it('tells a refused connection from a deadline', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { fetch, close, outcomes } = fetcherFor();
    try {
      const error = await fetch(`http://127.0.0.1:${port}/graphql`, { body: '{}' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SubgraphConnectionError);
      expect(await outcomes()).toEqual(['unavailable:1']);
    } finally {
      await close();
    }
  });
});
