import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../core/errors/ErrorCode.js';
import { PURPOSES } from '../core/policy/policySpec.js';
import type { Purpose } from '../core/policy/policySpec.js';
import type { CallerIdentity } from './auth/createCallerVerifier.js';
import { CASE_REF_HEADER, PURPOSE_HEADER } from './GatewayContext.js';
import type { GatewayContext } from './GatewayContext.js';
import { requestHeader } from './requestHeader.js';

/** Longest case reference accepted; longer ones are refused rather than truncated. */
export const MAX_CASE_REF_LENGTH = 128;
const CASE_REF_PATTERN = /^[\p{L}\p{N} ._\-/:#]+$/u;
const KNOWN_PURPOSES: ReadonlySet<string> = new Set(PURPOSES);

/**
 * The context of one GraphQL request (docs/architecture.md §4.2): the verified caller, the
 * purpose and case reference it states, and a request id of the gateway's own. An unknown
 * purpose is kept aside for purposeRequiredPlugin's message; a case reference that is not
 * valid is refused (400 BAD_CASE_REF) rather than signed into every subgraph's context.
 */
export async function createRequestContext(
  request: IncomingMessage,
  caller: CallerIdentity,
): Promise<GatewayContext> {
  const stated = requestHeader(request, PURPOSE_HEADER);
  const purpose = stated !== null && KNOWN_PURPOSES.has(stated) ? (stated as Purpose) : null;
  const caseRef = requestHeader(request, CASE_REF_HEADER);
  if (
    caseRef !== null &&
    (caseRef.length > MAX_CASE_REF_LENGTH || !CASE_REF_PATTERN.test(caseRef))
  ) {
    throw new GraphQLError(`The ${CASE_REF_HEADER} header is not a valid case reference`, {
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        reason: 'BAD_CASE_REF',
        http: { status: 400 },
      },
    });
  }
  return {
    caller,
    purpose,
    unknownPurpose: stated !== null && purpose === null ? stated : null,
    caseRef,
    requestId: randomUUID(),
  };
}
