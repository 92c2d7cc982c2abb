import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../core/errors/ErrorCode.js';

export type SubgraphFailureCode =
  typeof ErrorCode.SUBGRAPH_UNAVAILABLE | typeof ErrorCode.SUBGRAPH_TIMEOUT;

/** Why a jurisdiction could not answer, on `extensions.reason`. */
export type SubgraphFailureReason =
  'TIMEOUT' | 'CONNECTION_FAILED' | 'CIRCUIT_OPEN' | 'BAD_RESPONSE' | `HTTP_${number}`;

/**
 * The error a client sees for a jurisdiction that did not answer: its code, the jurisdiction
 * (the subgraph name upper-cased) and a reason — never the subgraph's address or the
 * underlying system error, which stay in the gateway's own metrics.
 */
export function subgraphError(
  code: SubgraphFailureCode,
  subgraphName: string,
  reason: SubgraphFailureReason,
  timeoutMs?: number,
): GraphQLError {
  const jurisdiction = subgraphName.toUpperCase();
  const message =
    code === ErrorCode.SUBGRAPH_TIMEOUT
      ? `${jurisdiction} did not answer within ${timeoutMs} ms; the rest of the answer still arrives`
      : `${jurisdiction} is unavailable (${reason}); the rest of the answer still arrives`;
  return new GraphQLError(message, { extensions: { code, jurisdiction, reason } });
}
