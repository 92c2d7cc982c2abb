import { AsyncLocalStorage } from 'node:async_hooks';
import type { GatewayMetrics } from '../metrics/createGatewayMetrics.js';
import { classifySubgraphFailure, countsAgainstSubgraph } from './classifySubgraphFailure.js';
import { CIRCUIT_STATES, createSubgraphBreaker } from './createSubgraphBreaker.js';
import type { SubgraphBreaker } from './createSubgraphBreaker.js';
import { createSubgraphFetcher } from './createSubgraphFetcher.js';
import type { SubgraphFetcher } from './createSubgraphFetcher.js';
import { retryOnConnectionFailure } from './retryOnConnectionFailure.js';

export interface SubgraphFetchPolicy {
  /** Budget of one subgraph request, retry included, ms. */
  timeoutMs: number;
  /** Consecutive failures that open the circuit. */
  breakerFailures: number;
  /** Cool-down of an open circuit before a probe, ms. */
  breakerCooldownMs: number;
}

export interface SubgraphClientOptions {
  subgraphName: string;
  policy: SubgraphFetchPolicy;
  metrics: GatewayMetrics;
}

/** How one subgraph is reached: its pool, its breaker, its deadlines and retries. */
export interface SubgraphClient {
  /** The fetch over the subgraph's own pool, bounded by the current request's deadline. */
  readonly fetcher: SubgraphFetcher;
  readonly breaker: SubgraphBreaker;
  /**
   * Runs one request of `query` (`attempt` does the fetch) behind the breaker, within one
   * deadline, a query tried once more on a connection failure; whatever fails is thrown as
   * SUBGRAPH_TIMEOUT or SUBGRAPH_UNAVAILABLE naming the jurisdiction.
   */
  call<T>(query: string | undefined, attempt: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** The request's deadline, shared by its first attempt and its retry. */
const deadlineStore = new AsyncLocalStorage<number>();

export function createSubgraphClient(options: SubgraphClientOptions): SubgraphClient {
  const { subgraphName, policy, metrics } = options;
  const { fetcher, close } = createSubgraphFetcher({
    subgraphName,
    timeoutMs: policy.timeoutMs,
    deadline: () => deadlineStore.getStore(),
    metrics,
  });
  metrics.breakerState.set({ subgraph: subgraphName }, 0);
  const breaker = createSubgraphBreaker({
    subgraphName,
    failureThreshold: policy.breakerFailures,
    cooldownMs: policy.breakerCooldownMs,
    counts: countsAgainstSubgraph,
    onStateChange: (state) =>
      metrics.breakerState.set({ subgraph: subgraphName }, CIRCUIT_STATES.indexOf(state)),
  });
  return {
    fetcher,
    breaker,
    call: (query, attempt) =>
      breaker.execute(async () => {
        const deadline = Date.now() + policy.timeoutMs;
        try {
          return await deadlineStore.run(deadline, () =>
            retryOnConnectionFailure(query, deadline, attempt),
          );
        } catch (error) {
          throw classifySubgraphFailure(error, subgraphName, policy.timeoutMs);
        }
      }),
    close,
  };
}
