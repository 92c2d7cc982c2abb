import type { CrossBorderRequest, RequestTransition } from '../requests/CrossBorderRequest.js';
import type { AuditEventInput } from './AuditEvent.js';
import { normalizeAuditEventInput } from './normalizeAuditEventInput.js';

/**
 * The REQUEST_TRANSITION event of a filing or transition: the acting request's event with the
 * cross-border request's id (`crossBorderRequest`: `requestId` is the GraphQL request's),
 * type, action, states, version and ground. Never the form: the log is read by oversight
 * bodies that may not see the case.
 */
export function requestTransitionEvent(
  event: Omit<AuditEventInput, 'kind' | 'detail'>,
  request: CrossBorderRequest,
  transition: Omit<RequestTransition, 'auditSeq'>,
  jurisdiction: string,
): AuditEventInput {
  return normalizeAuditEventInput(
    {
      ...event,
      kind: 'REQUEST_TRANSITION',
      detail: {
        crossBorderRequest: request.id,
        type: request.type,
        action: transition.action,
        from: transition.from,
        to: transition.to,
        version: transition.version,
        ground: transition.ground,
      },
    },
    jurisdiction,
  );
}
