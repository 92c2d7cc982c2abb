import type { SubgraphContext } from '../SubgraphContext.js';
import type { AuditEventInput } from './AuditEvent.js';

/**
 * Who asked, for what and within which request: the members every audit event of a request
 * carries, whatever it records (a release, a judge's decision), read from the verified
 * context and never from anything the client sent.
 */
export function requestParticipants(
  context: Pick<SubgraphContext, 'caller' | 'requestId' | 'claims'>,
): Pick<
  AuditEventInput,
  | 'actor'
  | 'roles'
  | 'agency'
  | 'homeCountry'
  | 'purpose'
  | 'caseRef'
  | 'requestId'
  | 'operationHash'
  | 'emergency'
> {
  const { caller } = context;
  return {
    actor: caller.subject,
    roles: [...caller.roles],
    agency: caller.agency,
    homeCountry: caller.homeCountry,
    purpose: caller.purpose,
    caseRef: caller.caseRef,
    requestId: context.requestId,
    operationHash: context.claims.operationHash,
    emergency: caller.purpose === 'EMERGENCY',
  };
}
