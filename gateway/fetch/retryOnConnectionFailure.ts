import { SubgraphConnectionError } from './createSubgraphFetcher.js';

const isMutation = (query: string | undefined) => /^\s*mutation\b/.test(query ?? '');

/**
 * Runs `attempt`, and once more when its connection failed before any answer, if the request
 * is a query and its deadline has not passed. A mutation is never sent twice: the subgraph
 * may have applied it before the connection broke.
 */
export async function retryOnConnectionFailure<T>(
  query: string | undefined,
  deadline: number,
  attempt: () => Promise<T>,
): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    const retryable =
      error instanceof SubgraphConnectionError && !isMutation(query) && Date.now() < deadline;
    if (!retryable) throw error;
    return attempt();
  }
}
