import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { ErrorCode, PUBLIC_ERROR_CODES } from '../../core/errors/ErrorCode.js';
import { leaksInternals } from '../../core/errors/leaksInternals.js';
import { messageMayPass } from '../../core/errors/messageMayPass.js';
import type { ErrorOrigin } from '../../core/errors/messageMayPass.js';
import { publicExtensions } from '../../core/errors/publicExtensions.js';
import { safeErrorMessage } from '../../core/errors/safeErrorMessage.js';

/** Longest message a client sees; longer ones are cut. */
export const MAX_ERROR_MESSAGE_LENGTH = 400;

/** Why a message was replaced by its code's fixed message. */
export type WithheldBecause =
  /** The code is not public (DOWNSTREAM_SERVICE_ERROR, a subgraph's own invention). */
  | 'UNKNOWN_CODE'
  /** The code is public but its message is not on the allowlist for where it came from. */
  | 'NOT_ALLOWLISTED'
  /** The message was allowed but names something internal (an address, SQL, a credential). */
  | 'LEAK_PATTERN';

/** What formatGatewayError decided, for the metrics and the log line. Never the message. */
export interface ErrorVerdict {
  code: ErrorCode;
  /** Whether the original message was replaced by the code's fixed message. */
  withheld: boolean;
  /** Why it was replaced; undefined when the message passed. */
  because: WithheldBecause | undefined;
  /**
   * The original code when it was not public (e.g. DOWNSTREAM_SERVICE_ERROR), if it reads as an
   * identifier; a subgraph chooses this string, so free text is not repeated.
   */
  originalCode: string | undefined;
  /** The jurisdiction the client is told about, if any. */
  jurisdiction: string | undefined;
  origin: ErrorOrigin;
}

const IDENTIFIER = /^[A-Z][A-Z0-9_]{0,63}$/;

function originalExtensions(error: unknown): Record<string, unknown> | undefined {
  const unwrapped = unwrapResolverError(error);
  if (!(unwrapped instanceof GraphQLError)) return undefined;
  const inner = unwrapped.originalError;
  return inner instanceof GraphQLError ? inner.extensions : undefined;
}

const APOLLO_HASH_MISMATCH_MESSAGE = 'provided sha does not match query';

const INVALID_VARIABLE = /^Variable "\$[_A-Za-z][_A-Za-z0-9]*" got invalid value /;
const VARIABLE_NAME = /^Variable "\$[_A-Za-z][_A-Za-z0-9]*"/;
const VARIABLE_PATH = / at "([_A-Za-z][_A-Za-z0-9.[\]]*)"; /g;
const MISSING_FIELD =
  /; (Field "[_A-Za-z][_A-Za-z0-9]*" of required type "[_A-Za-z0-9[\]!]+" was not provided\.)$/;

/**
 * graphql-js's refusal of a variable's value (`Variable "$input" got invalid value {…} at
 * "input.freezing"; …`), which Apollo's gateway passes on without a code: it is the caller's
 * mistake, so BAD_USER_INPUT with the variable, the input path and a missing field's name.
 * The value is dropped: it is the caller's data (a name, a wallet).
 */
function invalidVariable(message: string): { message: string; inputPath?: string } | null {
  if (!INVALID_VARIABLE.test(message)) return null;
  const inputPath = [...message.matchAll(VARIABLE_PATH)].at(-1)?.[1];
  const missing = MISSING_FIELD.exec(message)?.[1];
  return {
    message: `${VARIABLE_NAME.exec(message)![0]} got an invalid value${inputPath ? ` at "${inputPath}"` : ''}${missing ? `: ${missing}` : ''}`,
    ...(inputPath ? { inputPath } : {}),
  };
}

/**
 * The gateway's error allowlist (Apollo `formatError`). A client sees a public code and only
 * `code` and the keys publicExtensions keeps in `extensions` (plus `path` and `locations`).
 * The original message is shown only for a code allowlisted for where the error was raised
 * (messageMayPass) and only if it names nothing internal; every other error — an unknown code,
 * INTERNAL_SERVER_ERROR, anything a subgraph says outside its own codes — gets the code's fixed
 * message, whatever the message held.
 */
export function formatGatewayError(
  formatted: GraphQLFormattedError,
  error: unknown,
  onVerdict?: (verdict: ErrorVerdict, formatted: GraphQLFormattedError) => void,
): GraphQLFormattedError {
  let extensions = formatted.extensions ?? {};
  let code = typeof extensions.code === 'string' ? extensions.code : undefined;
  let reason = extensions.reason;
  const variable =
    code === undefined && extensions.serviceName === undefined
      ? invalidVariable(formatted.message)
      : null;
  if (variable) {
    code = ErrorCode.BAD_USER_INPUT;
    reason = 'INVALID_VARIABLE';
    extensions = { ...extensions, inputPath: variable.inputPath };
    formatted = { ...formatted, message: variable.message };
  }
  const inner = originalExtensions(error);
  if (code === ErrorCode.GRAPHQL_VALIDATION_FAILED && inner?.code === ErrorCode.OPERATION_LIMIT) {
    code = ErrorCode.OPERATION_LIMIT;
    reason = inner.reason;
  }
  if (
    code === ErrorCode.GRAPHQL_PARSE_FAILED &&
    /tokens\. Parsing aborted\.$/.test(formatted.message)
  ) {
    code = ErrorCode.OPERATION_LIMIT;
    reason = 'MAX_TOKENS';
  }
  // Apollo refuses a hash sent with another query without a code of its own, so it reads as
  // internal; the message Apollo wrote is the only sign of it.
  if (
    (code === undefined || code === ErrorCode.INTERNAL_SERVER_ERROR) &&
    extensions.serviceName === undefined &&
    formatted.message === APOLLO_HASH_MISMATCH_MESSAGE
  ) {
    code = ErrorCode.PERSISTED_QUERY_HASH_MISMATCH;
  }
  const known = code !== undefined && PUBLIC_ERROR_CODES.has(code);
  const publicCode = (known ? code : ErrorCode.INTERNAL_SERVER_ERROR) as ErrorCode;
  const origin: ErrorOrigin = typeof extensions.serviceName === 'string' ? 'SUBGRAPH' : 'GATEWAY';
  const because: WithheldBecause | undefined = !known
    ? 'UNKNOWN_CODE'
    : !messageMayPass(publicCode, origin)
      ? 'NOT_ALLOWLISTED'
      : leaksInternals(formatted.message)
        ? 'LEAK_PATTERN'
        : undefined;
  let message = because === undefined ? formatted.message : safeErrorMessage(publicCode);
  if (message.length > MAX_ERROR_MESSAGE_LENGTH)
    message = `${message.slice(0, MAX_ERROR_MESSAGE_LENGTH)}…`;

  // An error whose code is not trusted to speak for itself does not get to add details either.
  const trusted = because === undefined || because === 'LEAK_PATTERN';
  const kept: Record<string, unknown> = {
    code: publicCode,
    ...(trusted ? publicExtensions({ ...extensions, reason }) : {}),
  };
  // The gateway names a failing subgraph `serviceName`; clients know it as a jurisdiction.
  if (kept.jurisdiction === undefined && typeof extensions.serviceName === 'string') {
    kept.jurisdiction = extensions.serviceName.toUpperCase();
  }
  onVerdict?.(
    {
      code: publicCode,
      withheld: because !== undefined,
      because,
      originalCode: !known && code !== undefined && IDENTIFIER.test(code) ? code : undefined,
      jurisdiction: kept.jurisdiction as string | undefined,
      origin,
    },
    formatted,
  );
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: kept,
  };
}
