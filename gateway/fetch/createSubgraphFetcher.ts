import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { Agent, fetch as undiciFetch } from 'undici';
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

const isTimeout = (error: unknown) =>
  error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');

/**
 * An undici fetch for one subgraph over its own keep-alive pool, cut off at the request's
 * deadline with an AbortSignal (which also bounds reading the body). Failures before any
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
  const fetcher = (async (url: string, init?: Record<string, unknown>) => {
    const deadline = options.deadline() ?? Date.now() + options.timeoutMs;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new SubgraphDeadlineError('deadline passed before the request');
    const started = performance.now();
    try {
      const response = await undiciFetch(url, {
        ...(init as object),
        dispatcher: agent,
        signal: AbortSignal.timeout(remaining),
      });
      observe(started, response.ok ? 'ok' : 'http_error');
      return response;
    } catch (error) {
      if (isTimeout(error)) {
        observe(started, 'timeout');
        throw new SubgraphDeadlineError('no answer before the deadline', { cause: error });
      }
      observe(started, 'unavailable');
      throw new SubgraphConnectionError('no connection', { cause: error });
    }
  }) as unknown as SubgraphFetcher;
  return { fetcher, close: () => agent.close() };
}
