import { randomUUID } from 'node:crypto';
import type { JurisdictionPolicy } from '../../../core/policy/JurisdictionPolicy.js';
import type { AuditLog } from '../audit/openAuditLog.js';
import { SYSTEM_SUBJECT } from './checkTransition.js';
import { policyForRequest } from './policyForRequest.js';
import { RequestStoreError } from './RequestStoreError.js';
import { transitionRequest } from './transitionRequest.js';

/**
 * The member's clock (docs/architecture.md §11): standing orders past their time and
 * de-anonymisation authorisations past their review date expire, each an EXPIRE transition by
 * the member itself, audited like any other. Returns how many it expired.
 */
export async function expireDueRequests(
  log: AuditLog,
  policy: Pick<JurisdictionPolicy, 'jurisdiction' | 'arrangements' | 'requests'>,
  at: Date,
): Promise<number> {
  const code = policy.jurisdiction;
  const now = at.toISOString();
  const clock = {
    subject: SYSTEM_SUBJECT,
    roles: [],
    country: code,
    agency: `${code} request clock`,
  };
  let expired = 0;
  for (const request of await log.requests.dueForExpiry(now)) {
    const next = transitionRequest(
      request,
      { action: 'EXPIRE', actor: clock, now },
      policyForRequest(policy, request.type, request.issuingState),
    );
    try {
      await log.transitionRequest(next.request, request.version, next.transition, {
        occurredAt: now,
        jurisdiction: code,
        actor: SYSTEM_SUBJECT,
        roles: [],
        agency: clock.agency,
        homeCountry: code,
        purpose: null,
        caseRef: request.caseRef,
        requestId: `expiry-${randomUUID()}`,
        operationHash: '',
        entities: [],
        released: [],
        minimised: [],
        denied: [],
        decision: 'NONE',
        emergency: false,
      });
      expired += 1;
    } catch (error) {
      // Another process (or request) expired it first: its event is on the chain already.
      if (!(error instanceof RequestStoreError)) throw error;
    }
  }
  return expired;
}
