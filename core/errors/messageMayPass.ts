import { ErrorCode } from './ErrorCode.js';

/**
 * Where an error was raised. @apollo/gateway puts `serviceName` on every error a subgraph
 * answered with, and on nothing it raised itself, so the origin cannot be forged by a subgraph.
 */
export type ErrorOrigin = 'GATEWAY' | 'SUBGRAPH';

/**
 * Codes the gateway raises with a message written for the client: its own refusals, the
 * failures it reports for a jurisdiction (gateway/fetch/subgraphError.ts) and Apollo's request
 * errors. Validation messages only echo the client's own operation, and schema suggestions
 * are hidden outside development (hideSchemaDetailsFromClientErrors).
 */
const GATEWAY_MESSAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.BAD_REQUEST,
  ErrorCode.FORBIDDEN,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.PURPOSE_REQUIRED,
  ErrorCode.RATE_LIMITED,
  ErrorCode.SUBGRAPH_UNAVAILABLE,
  ErrorCode.SUBGRAPH_TIMEOUT,
  ErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ErrorCode.PERSISTED_QUERY_HASH_MISMATCH,
  ErrorCode.GRAPHQL_VALIDATION_FAILED,
  ErrorCode.GRAPHQL_PARSE_FAILED,
  ErrorCode.OPERATION_LIMIT,
  ErrorCode.PAYLOAD_TOO_LARGE,
  ErrorCode.NOT_FOUND,
]);

/**
 * Codes a subgraph's kit raises on purpose (subgraphs/kit/errors/formatSubgraphError.ts lets
 * nothing else through). A subgraph claiming any other code — SUBGRAPH_* included, which only
 * the gateway may say — is not believed about its message.
 */
const SUBGRAPH_MESSAGE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCode.FORBIDDEN,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.AUDIT_UNAVAILABLE,
  ErrorCode.REGISTRY_UNAVAILABLE,
  ErrorCode.NOT_FOUND,
  ErrorCode.ILLEGAL_TRANSITION,
  ErrorCode.VERSION_CONFLICT,
  ErrorCode.REQUEST_NOT_ACCEPTED,
]);

/**
 * Whether an error's own message may reach the client (still subject to leaksInternals). An
 * allowlist: INTERNAL_SERVER_ERROR and every code not named here get the code's fixed message,
 * because a message nobody wrote for a client — a resolver's `new Error(…)`, a driver's
 * complaint — can carry anything, including a withheld value.
 */
export function messageMayPass(code: ErrorCode, origin: ErrorOrigin): boolean {
  return (origin === 'SUBGRAPH' ? SUBGRAPH_MESSAGE_CODES : GATEWAY_MESSAGE_CODES).has(code);
}
