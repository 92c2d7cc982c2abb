import type { TypePolicy } from './JurisdictionPolicy.js';
import type { Role } from './policySpec.js';

/**
 * The accountability fields every jurisdiction exposes the same way (docs/architecture.md §6): its audit
 * log to AUDITORs for oversight (metadata only), its EMERGENCY reviews to JUDGEs, and its
 * transparency report — aggregates with small counts suppressed — to every role it
 * recognises, PUBLIC included.
 */
export function oversightPolicy(recognisedRoles: readonly Role[]): {
  jurisdictionFields: NonNullable<TypePolicy['fields']>;
  mutations: TypePolicy;
} {
  const judges = { access: { roles: ['JUDGE'] as Role[], purposes: ['OVERSIGHT_AUDIT'] as const } };
  return {
    jurisdictionFields: {
      auditEvents: { access: { roles: ['AUDITOR'], purposes: ['OVERSIGHT_AUDIT'] } },
      emergencyReviews: judges,
      transparency: {
        access: { roles: recognisedRoles, purposes: ['STATISTICS', 'OVERSIGHT_AUDIT'] },
      },
    },
    mutations: { fields: { decideEmergencyReview: judges } },
  };
}
