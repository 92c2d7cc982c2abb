import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError } from 'graphql';
import { leaksInternals } from '../../../core/errors/leaksInternals.js';
import { publicExtensions } from '../../../core/errors/publicExtensions.js';
import { safeErrorMessage } from '../../../core/errors/safeErrorMessage.js';
import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import { AuditError } from '../audit/AuditError.js';
import { auditErrorPublicForm } from './auditErrorPublicForm.js';
import { thrownClassAndCode } from '../../../core/errors/thrownClassAndCode.js';

/**
 * The codes whose errors a subgraph answers with as raised: those the kit raises on purpose
 * (FORBIDDEN from the access directive, BAD_USER_INPUT from argument and scalar checks,
 * AUDIT_UNAVAILABLE and REGISTRY_UNAVAILABLE) and the request errors graphql-js and Apollo
 * Server write themselves.
 */
export const SUBGRAPH_PUBLIC_ERROR_CODES: ReadonlySet<string> = new Set<string>([
  ErrorCode.FORBIDDEN,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.AUDIT_UNAVAILABLE,
  ErrorCode.REGISTRY_UNAVAILABLE,
  ErrorCode.BAD_REQUEST,
  ErrorCode.NOT_FOUND,
  ErrorCode.ILLEGAL_TRANSITION,
  ErrorCode.VERSION_CONFLICT,
  ErrorCode.REQUEST_NOT_ACCEPTED,
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
]);

/** What the subgraph may log about an error it withheld: never the message. */
export interface WithheldSubgraphError {
  /** NOT_ALLOWLISTED: not raised on purpose; LEAK_PATTERN: raised so, but naming internals. */
  because: 'NOT_ALLOWLISTED' | 'LEAK_PATTERN';
  /** The class of what was thrown (`Error`, `TypeError`, `GraphQLError`). */
  errorName: string;
  /** Its `code` (a SQLSTATE, ECONNREFUSED, a GraphQL code) when that reads as an identifier. */
  errorCode: string | undefined;
  path: GraphQLFormattedError['path'];
}

/**
 * Whether the error and everything under it is a GraphQLError: written as a GraphQL error on
 * purpose, with no driver's or runtime's error underneath whose words it might repeat.
 */
function raisedAsGraphQLError(error: unknown): boolean {
  let current: unknown = error;
  // Bounded: an originalError chain is a few links deep; a longer one is not trusted.
  for (let depth = 0; depth < 8; depth += 1) {
    if (!(current instanceof GraphQLError)) return false;
    const next: unknown = current.originalError;
    if (next === undefined || next === null || next === current) return true;
    current = next;
  }
  return false;
}

function located(formatted: GraphQLFormattedError) {
  return {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
}

/**
 * A subgraph's error allowlist (Apollo `formatError`), applied where the error is raised so
 * that nothing depends on the gateway alone. An error passes only if the kit raised it on
 * purpose: a GraphQLError all the way down with a code in SUBGRAPH_PUBLIC_ERROR_CODES, or an
 * audit-log error with a public form (auditErrorPublicForm). Anything else — a resolver's
 * `new Error(…)`, a PostgreSQL or PGlite error, an unknown code, INTERNAL_SERVER_ERROR — goes
 * out as INTERNAL_SERVER_ERROR with a fixed message and its path, because its message was
 * written for a developer and may hold a key, a query or a withheld value. An allowed message
 * that still names something internal (leaksInternals) is replaced by the code's fixed one.
 * Only `code` and the keys of `publicExtensions` stay in `extensions`.
 */
export function formatSubgraphError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onWithheld?: (withheld: WithheldSubgraphError) => void,
): GraphQLFormattedError {
  const thrown = unwrapResolverError(error);
  if (thrown instanceof AuditError) {
    const form = auditErrorPublicForm(thrown.code);
    if (form !== null) {
      return {
        message: form.message,
        ...located(formatted),
        extensions: { code: form.code, ...(form.reason ? { reason: form.reason } : {}) },
      };
    }
  }
  const code = formatted.extensions?.code;
  if (
    typeof code === 'string' &&
    SUBGRAPH_PUBLIC_ERROR_CODES.has(code) &&
    raisedAsGraphQLError(error)
  ) {
    const leaks = leaksInternals(formatted.message);
    if (leaks)
      onWithheld?.({ because: 'LEAK_PATTERN', ...thrownClassAndCode(error), path: formatted.path });
    return {
      message: leaks ? safeErrorMessage(code) : formatted.message,
      ...located(formatted),
      extensions: { code, ...publicExtensions(formatted.extensions ?? {}) },
    };
  }
  onWithheld?.({ because: 'NOT_ALLOWLISTED', ...thrownClassAndCode(error), path: formatted.path });
  return {
    message: safeErrorMessage(ErrorCode.INTERNAL_SERVER_ERROR),
    ...located(formatted),
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
