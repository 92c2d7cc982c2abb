import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../core/errors/ErrorCode.js';
import { SubgraphConnectionError, SubgraphDeadlineError } from './createSubgraphFetcher.js';
import { subgraphError } from './subgraphError.js';

/**
 * Whatever a subgraph fetch threw, as the error the client sees: SUBGRAPH_TIMEOUT or
 * SUBGRAPH_UNAVAILABLE naming the jurisdiction and a reason, never the raw error's message
 * (it may quote the subgraph's address or its output).
 */
export function classifySubgraphFailure(
  error: unknown,
  subgraphName: string,
  timeoutMs: number,
): GraphQLError {
  if (error instanceof SubgraphConnectionError) {
    return subgraphError(ErrorCode.SUBGRAPH_UNAVAILABLE, subgraphName, 'CONNECTION_FAILED');
  }
  const timedOut =
    error instanceof SubgraphDeadlineError ||
    (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
  if (timedOut) {
    return subgraphError(ErrorCode.SUBGRAPH_TIMEOUT, subgraphName, 'TIMEOUT', timeoutMs);
  }
  // Already the client's error: an HTTP status (errorFromResponse, sendOperation).
  if (error instanceof GraphQLError && error.extensions.code === ErrorCode.SUBGRAPH_UNAVAILABLE) {
    return error;
  }
  // A body that is not JSON, a connection cut mid-answer: the subgraph is not answering properly.
  return subgraphError(ErrorCode.SUBGRAPH_UNAVAILABLE, subgraphName, 'BAD_RESPONSE');
}

/**
 * Whether a failure, as classifySubgraphFailure put it, says the subgraph is unwell and counts
 * towards opening its circuit: anything but a 4xx answer, which is about the request.
 */
export function countsAgainstSubgraph(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) return true;
  const reason = String(error.extensions.reason);
  if (!reason.startsWith('HTTP_')) return true;
  return Number(reason.slice('HTTP_'.length)) >= 500;
}
