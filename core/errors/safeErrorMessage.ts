import { ErrorCode } from './ErrorCode.js';

/**
 * What a client reads when the original message may not be shown, by code. Fixed text: it
 * names the kind of failure and nothing that happened to be in the failing process's memory.
 */
export const SAFE_ERROR_MESSAGES: Readonly<Record<ErrorCode, string>> = {
  BAD_USER_INPUT: 'The request carries an invalid value',
  BAD_REQUEST: 'The request is not a valid GraphQL request',
  FORBIDDEN: 'This caller may not see this data',
  UNAUTHENTICATED: 'The caller could not be authenticated',
  PURPOSE_REQUIRED: 'This operation needs a stated purpose',
  RATE_LIMITED: 'Too many requests; retry later',
  SUBGRAPH_UNAVAILABLE: 'A jurisdiction could not be reached; the rest of the answer still arrives',
  SUBGRAPH_TIMEOUT: 'A jurisdiction did not answer in time; the rest of the answer still arrives',
  REGISTRY_UNAVAILABLE: "A jurisdiction's registry is unavailable",
  AUDIT_UNAVAILABLE: "A jurisdiction's audit log is unavailable, so it released nothing",
  PERSISTED_QUERY_NOT_FOUND: 'The persisted operation is not known',
  PERSISTED_QUERY_NOT_SUPPORTED: 'Persisted operations are not supported here',
  PERSISTED_QUERY_HASH_MISMATCH: 'The persisted-operation hash is not the hash of the query sent',
  GRAPHQL_VALIDATION_FAILED: 'The operation is not valid against the schema',
  GRAPHQL_PARSE_FAILED: 'The operation is not valid GraphQL',
  OPERATION_LIMIT: 'The operation exceeds a limit',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  NOT_FOUND: 'Not found',
  ILLEGAL_TRANSITION: 'This action is not allowed in the state the request is in',
  VERSION_CONFLICT: 'The request changed since it was read; read it again',
  REQUEST_NOT_ACCEPTED: 'The member does not accept this request',
  INTERNAL_SERVER_ERROR: 'Internal server error',
};

/** The fixed message for a code; an unknown code reads as an internal error. */
export function safeErrorMessage(code: string): string {
  return Object.hasOwn(SAFE_ERROR_MESSAGES, code)
    ? SAFE_ERROR_MESSAGES[code as ErrorCode]
    : SAFE_ERROR_MESSAGES.INTERNAL_SERVER_ERROR;
}
