import type { Caller } from '../../../core/policy/types.js';
import type { RequestPolicy } from '../../../core/policy/RequestPolicy.js';
import type { Role } from '../../../core/policy/policySpec.js';
import type { CrossBorderRequest, RequestActor } from './CrossBorderRequest.js';

/** Every role of the member that acts on requests addressed to it, for any type. */
export function executingRoles(policy: RequestPolicy): Set<Role> {
  const roles = new Set<Role>();
  for (const type of Object.values(policy.types)) {
    if (!type) continue;
    for (const role of [
      ...type.acknowledgingRoles,
      ...type.decidingRoles,
      ...type.executingRoles,
    ]) {
      roles.add(role);
    }
  }
  return roles;
}

/** The member's own staff who handle incoming requests: its country, one of those roles. */
export function isExecutingStaff(caller: Caller, code: string, policy: RequestPolicy): boolean {
  if (caller.homeCountry !== code) return false;
  const roles = executingRoles(policy);
  return caller.roles.some((role) => roles.has(role));
}

/** The issuing side of one request: the country and agency that filed it. */
export function isIssuer(caller: Caller, request: CrossBorderRequest): boolean {
  return caller.homeCountry === request.issuingState && caller.agency === request.issuingAgency;
}

/**
 * Who may see a request at all; anyone else is told nothing, not even that it exists. An
 * issuer sees it whatever case it now states (its requests board), but the release of an
 * executed request goes to the issuing case alone (see `requestResolvers`).
 */
export function maySeeRequest(
  caller: Caller,
  request: CrossBorderRequest,
  policy: RequestPolicy,
): boolean {
  return isIssuer(caller, request) || isExecutingStaff(caller, request.executingState, policy);
}

export function actorOf(caller: Caller): RequestActor {
  return {
    subject: caller.subject,
    roles: caller.roles,
    country: caller.homeCountry,
    agency: caller.agency,
  };
}
