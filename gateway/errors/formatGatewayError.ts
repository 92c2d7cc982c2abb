import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { PUBLIC_ERROR_CODES, PublicErrorCode } from './PublicErrorCode.js';
import { leaksInternals } from './leaksInternals.js';

/** Longest message a client sees; longer ones are cut. */
export const MAX_ERROR_MESSAGE_LENGTH = 400;

/** The only `extensions` keys a client sees. */
const KEPT_EXTENSIONS = ['code', 'jurisdiction', 'reason', 'field'] as const;

/** What a client reads when a message was withheld, by code. */
const SAFE_MESSAGES: Partial<Record<PublicErrorCode, string>> = {
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
  GRAPHQL_VALIDATION_FAILED: 'The operation is not valid against the schema',
  GRAPHQL_PARSE_FAILED: 'The operation is not valid GraphQL',
  OPERATION_LIMIT: 'The operation exceeds a limit',
  INTERNAL_SERVER_ERROR: 'Internal server error',
};

/** What formatGatewayError decided, for the metrics and the log line. */
export interface ErrorVerdict {
  code: PublicErrorCode;
  /** Whether the original message was replaced (unknown code, or it leaked internals). */
  withheld: boolean;
  /** The original code when it was not public (e.g. DOWNSTREAM_SERVICE_ERROR). */
  originalCode: string | undefined;
}

function originalExtensions(error: unknown): Record<string, unknown> | undefined {
  const unwrapped = unwrapResolverError(error);
  if (!(unwrapped instanceof GraphQLError)) return undefined;
  const inner = unwrapped.originalError;
  return inner instanceof GraphQLError ? inner.extensions : undefined;
}

/**
 * The gateway's error allowlist (Apollo `formatError`). A client sees a public code, a message
 * that names nothing internal, and only `code`, `jurisdiction`, `reason` and `field` in
 * `extensions` (plus `path` and `locations`). Anything else — an unknown code, a subgraph's
 * raw failure, a message with an address, SQL, a credential or a stack — becomes
 * INTERNAL_SERVER_ERROR "Internal server error", or the code's generic message.
 */
export function formatGatewayError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onVerdict?: (verdict: ErrorVerdict, formatted: GraphQLFormattedError) => void,
): GraphQLFormattedError {
  const extensions = formatted.extensions ?? {};
  let code = typeof extensions.code === 'string' ? extensions.code : undefined;
  let reason = extensions.reason;
  const inner = originalExtensions(error);
  if (code === 'GRAPHQL_VALIDATION_FAILED' && inner?.code === 'OPERATION_LIMIT') {
    code = 'OPERATION_LIMIT';
    reason = inner.reason;
  }
  if (code === 'GRAPHQL_PARSE_FAILED' && /tokens\. Parsing aborted\.$/.test(formatted.message)) {
    code = 'OPERATION_LIMIT';
    reason = 'MAX_TOKENS';
  }
  const known = code !== undefined && PUBLIC_ERROR_CODES.has(code);
  const publicCode = (known ? code : PublicErrorCode.INTERNAL_SERVER_ERROR) as PublicErrorCode;
  let message = formatted.message;
  const withheld = !known || leaksInternals(message);
  if (withheld) message = SAFE_MESSAGES[publicCode] ?? SAFE_MESSAGES.INTERNAL_SERVER_ERROR!;
  if (message.length > MAX_ERROR_MESSAGE_LENGTH)
    message = `${message.slice(0, MAX_ERROR_MESSAGE_LENGTH)}…`;

  const kept: Record<string, unknown> = { code: publicCode };
  if (known) {
    for (const key of KEPT_EXTENSIONS) {
      const value = key === 'reason' ? reason : extensions[key];
      if (key !== 'code' && typeof value === 'string' && !leaksInternals(value)) kept[key] = value;
    }
  }
  // The gateway names a failing subgraph `serviceName`; clients know it as a jurisdiction.
  if (kept.jurisdiction === undefined && typeof extensions.serviceName === 'string') {
    kept.jurisdiction = extensions.serviceName.toUpperCase();
  }
  onVerdict?.({ code: publicCode, withheld, originalCode: known ? undefined : code }, formatted);
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: kept,
  };
}
