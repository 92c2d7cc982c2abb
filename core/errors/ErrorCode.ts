/**
 * Every error code Comity puts on `extensions.code`. Values equal their keys, so a code reads
 * the same in TypeScript, in a response and in a log line.
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BAD_REQUEST: 'BAD_REQUEST',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  PURPOSE_REQUIRED: 'PURPOSE_REQUIRED',
  RATE_LIMITED: 'RATE_LIMITED',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  SUBGRAPH_TIMEOUT: 'SUBGRAPH_TIMEOUT',
  REGISTRY_UNAVAILABLE: 'REGISTRY_UNAVAILABLE',
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  OPERATION_LIMIT: 'OPERATION_LIMIT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  NOT_FOUND: 'NOT_FOUND',
  /** A cross-border request's action is not allowed from the state the request is in. */
  ILLEGAL_TRANSITION: 'ILLEGAL_TRANSITION',
  /** The request changed since the caller read it: a concurrent decision won. */
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  /** The member does not accept this type of request from this country, or this issuing role. */
  REQUEST_NOT_ACCEPTED: 'REQUEST_NOT_ACCEPTED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * The codes a client of the gateway may see. Any other code — whatever a library or a
 * subgraph invents — reaches the client as INTERNAL_SERVER_ERROR with a generic message.
 */
export const PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>(Object.values(ErrorCode));
