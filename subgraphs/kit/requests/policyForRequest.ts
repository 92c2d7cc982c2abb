import type { JurisdictionPolicy } from '../../../core/policy/JurisdictionPolicy.js';
import type { RequestPolicy, RequestType } from '../../../core/policy/RequestPolicy.js';
import { requestTypePolicyFor } from '../../../core/policy/requestTypePolicyFor.js';

/**
 * The member's request policy as it applies to one request: its type's rules under the
 * instrument that admits the issuing country (a route's instrument and periods where the
 * type's own do not name it). The state machine, the deadlines and the filing check read
 * this, so a request from a treaty partner runs on the treaty's clock.
 */
export function policyForRequest(
  policy: Pick<JurisdictionPolicy, 'jurisdiction' | 'arrangements' | 'requests'>,
  type: RequestType,
  issuingState: string,
): RequestPolicy {
  const effective = requestTypePolicyFor(policy, type, issuingState);
  if (!effective) return policy.requests;
  return { ...policy.requests, types: { ...policy.requests.types, [type]: effective } };
}
