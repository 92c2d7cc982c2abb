import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { EventEmitter } from 'node:events';
import { Agent } from 'undici';
import type { Dispatcher } from 'undici';
import type { GatewayMetrics } from '../metrics/createGatewayMetrics.js';

export type SubgraphFetcher = NonNullable<RemoteGraphQLDataSource['fetcher']>;

/** Connections kept open per subgraph origin. */
export const DEFAULT_SUBGRAPH_CONNECTIONS = 64;
/** How long an idle keep-alive connection to a subgraph stays open, ms. */
export const DEFAULT_SUBGRAPH_KEEP_ALIVE_MS = 30_000;

/** A subgraph could not be reached at all: nothing was answered (safe to retry a query). */
export class SubgraphConnectionError extends Error {
  override readonly name = 'SubgraphConnectionError';
}

/** The subgraph did not answer before the request's deadline. */
export class SubgraphDeadlineError extends Error {
  override readonly name = 'SubgraphDeadlineError';
}

export interface SubgraphFetcherOptions {
  subgraphName: string;
  /** Per-attempt budget when no deadline is set, ms. */
  timeoutMs: number;
  /** The current request's deadline (ms since the epoch), shared by its attempts. */
  deadline: () => number | undefined;
  metrics: GatewayMetrics;
}

/** What RemoteGraphQLDataSource passes its fetcher. */
interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/**
 * The part of a fetch Response that RemoteGraphQLDataSource reads (ok, status, headers, json,
 * text), over undici's plain `request`: WHATWG fetch's streams and Response machinery cost a
 * measurable share of the gateway's CPU per subgraph call and bring nothing here.
 */
class SubgraphResponse {
  readonly ok: boolean;
  readonly statusText = '';
  readonly headers: { get(name: string): string | null };

  constructor(
    readonly url: string,
    readonly status: number,
    rawHeaders: Record<string, string | string[] | undefined>,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = {
      get: (name) => {
        const value = rawHeaders[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
    };
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}

const isTimeout = (error: unknown) =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');

/**
 * What undici needs of an abort signal (`aborted`, `reason`, an `abort` event), on a plain
 * EventEmitter: an AbortController per fetch, with the EventTarget listener undici adds and
 * removes, shows in the gateway's profile.
 */
class DeadlineSignal extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  abort(reason: unknown) {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.emit('abort');
  }
}

/**
 * A fetch for one subgraph over its own undici keep-alive pool, cut off at the request's
 * deadline by an abort signal (which also bounds reading the body). Failures before any
 * response become SubgraphConnectionError, deadline hits SubgraphDeadlineError; their
 * messages name no address.
 */
export function createSubgraphFetcher(options: SubgraphFetcherOptions): {
  fetcher: SubgraphFetcher;
  close(): Promise<void>;
} {
  const agent = new Agent({
    connections: DEFAULT_SUBGRAPH_CONNECTIONS,
    keepAliveTimeout: DEFAULT_SUBGRAPH_KEEP_ALIVE_MS,
    connect: { timeout: options.timeoutMs },
  });
  const observe = (started: number, outcome: string) =>
    options.metrics.subgraphLatency.observe(
      { subgraph: options.subgraphName, outcome },
      (performance.now() - started) / 1000,
    );
  // A data source fetches one URL: parsed once, not on every request.
  let target: { url: string; origin: string; path: string } | null = null;
  const fetcher = (async (url: string, init?: FetchInit) => {
    const deadline = options.deadline() ?? Date.now() + options.timeoutMs;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new SubgraphDeadlineError('deadline passed before the request');
    const started = performance.now();
    // A timer cleared once the answer is in, not AbortSignal.timeout: that one cannot be
    // cleared, so every fetch would leave a signal and a timer behind for the whole timeout,
    // each firing in the end to abort nothing.
    const signal = new DeadlineSignal();
    const timer = setTimeout(
      () =>
        signal.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
      remaining,
    );
    timer.unref();
    /** A failure past the deadline is the deadline's; any other is `outcome`, thrown as `error`. */
    const failed = (cause: unknown, outcome: string, error: Error): never => {
      if (isTimeout(cause) || signal.aborted) {
        observe(started, 'timeout');
        throw new SubgraphDeadlineError('no answer before the deadline', { cause });
      }
      observe(started, outcome);
      throw error;
    };
    if (target?.url !== url) {
      const parsed = new URL(url);
      target = { url, origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    }
    let answer: Dispatcher.ResponseData;
    let body: string;
    try {
      answer = await agent
        .request({
          origin: target.origin,
          path: target.path,
          method: (init?.method ?? 'POST') as Dispatcher.HttpMethod,
          headers: init?.headers,
          body: init?.body,
          signal,
        })
        .catch((cause: unknown) =>
          failed(cause, 'unavailable', new SubgraphConnectionError('no connection', { cause })),
        );
      body = await answer.body
        .text()
        .catch((cause: unknown) =>
          failed(cause, 'bad_response', new Error('the answer broke off', { cause })),
        );
    } finally {
      clearTimeout(timer);
    }
    const response = new SubgraphResponse(url, answer.statusCode, answer.headers, body);
    observe(started, response.ok ? 'ok' : 'http_error');
    return response;
  }) as unknown as SubgraphFetcher;
  return { fetcher, close: () => agent.close() };
}
