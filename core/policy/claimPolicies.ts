import type { ClaimPolicy } from './ClaimPolicy.js';
import type { ElementPolicy, JurisdictionPolicy, TypePolicy } from './JurisdictionPolicy.js';
import type { Purpose, Role } from './policySpec.js';

/** Claims are case work about recovered property: each read and action names its case. */
const CLAIM_WORK: readonly Purpose[] = [
  'VICTIM_RESTITUTION',
  'CONFISCATION_EXECUTION',
  'FREEZE_EXECUTION',
  'ASSET_TRACING',
  'CRIMINAL_INVESTIGATION',
];

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** Every role that takes part in the member's claims procedure, on either side. */
export function claimRoles(claims: ClaimPolicy): Role[] {
  return unique([
    ...claims.filingRoles,
    ...claims.verifyingRoles,
    ...claims.allocatingRoles,
    ...claims.payingRoles,
    ...claims.objectionRoles,
    ...claims.objectionDecidingRoles,
  ]);
}

/**
 * Places a member's claim policy on the claims surface of its schema (docs/claims.md), once
 * for every member. `@access` admits the roles and countries that take part in the member's
 * procedure; which claim a caller sees or may act on — the filing agency, or the member's
 * own staff in the step's role — the kit decides per claim. A member that holds no assets
 * (`holdsAssets: false`) admits nobody to any of it: there is nothing to claim there.
 */
export function claimPolicies(
  policy: Pick<JurisdictionPolicy, 'claims'>,
): Record<string, TypePolicy> {
  const claims = policy.claims;
  const open = claims !== undefined && claims.holdsAssets;
  const rule = (roles: readonly Role[], countries: readonly string[]): ElementPolicy => ({
    access: open
      ? { roles: [...roles], purposes: CLAIM_WORK, countries: [...countries] }
      : { roles: [], purposes: CLAIM_WORK, countries: [] },
  });
  const parties = rule(claims ? claimRoles(claims) : [], [
    ...(claims?.acceptedFrom ?? []),
    'DOMESTIC',
  ]);
  const domestic = (roles: readonly Role[]) => rule(roles, ['DOMESTIC']);
  return {
    Jurisdiction: {
      fields: {
        claim: parties,
        claims: parties,
        objections: parties,
        allocations: parties,
        claimsOnOrder: parties,
      },
    },
    WalletRecords: { fields: { claims: parties } },
    JurisdictionMutations: {
      fields: {
        fileClaim: rule(claims?.filingRoles ?? [], claims?.acceptedFrom ?? []),
        actOnClaim: parties,
        fileObjection: rule(claims?.objectionRoles ?? [], [
          ...(claims?.acceptedFrom ?? []),
          'DOMESTIC',
        ]),
        decideObjection: domestic(claims?.objectionDecidingRoles ?? []),
        allocateRecovery: domestic(claims?.allocatingRoles ?? []),
        recordDisposition: domestic(claims?.payingRoles ?? []),
      },
    },
  };
}
