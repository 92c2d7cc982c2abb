import type { TypePolicy } from './JurisdictionPolicy.js';
import type { Role } from './policySpec.js';

/**
 * The accountability fields every jurisdiction exposes the same way (docs/architecture.md §6):
 * its audit log and its chain's verification to AUDITORs for oversight (metadata only), its
 * EMERGENCY reviews to JUDGEs, and its transparency report — aggregates with small counts
 * suppressed — to every role it recognises, PUBLIC included. Oversight is national, so the
 * audit and review fields go to its own authorities only; the report is published, so to
 * callers of any country.
 */
export function oversightPolicy(recognisedRoles: readonly Role[]): {
  jurisdictionFields: NonNullable<TypePolicy['fields']>;
  mutations: TypePolicy;
} {
  const auditors = {
    access: {
      roles: ['AUDITOR'] as Role[],
      purposes: ['OVERSIGHT_AUDIT'] as const,
      countries: ['DOMESTIC'],
    },
  };
  const judges = {
    access: {
      roles: ['JUDGE'] as Role[],
      purposes: ['OVERSIGHT_AUDIT'] as const,
      countries: ['DOMESTIC'],
    },
  };
  return {
    jurisdictionFields: {
      auditEvents: auditors,
      auditChain: auditors,
      emergencyReviews: judges,
      transparency: {
        access: {
          roles: recognisedRoles,
          purposes: ['STATISTICS', 'OVERSIGHT_AUDIT'],
          countries: ['ANY'],
        },
      },
    },
    mutations: { fields: { decideEmergencyReview: judges } },
  };
}
