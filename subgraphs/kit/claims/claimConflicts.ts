import type { VictimClaim } from './VictimClaim.js';

export interface ClaimConflict {
  /** OVER_SUBSCRIBED: live claims exceed what is there; SAME_LOSS: a transaction claimed twice. */
  kind: 'OVER_SUBSCRIBED' | 'SAME_LOSS';
  claimIds: string[];
  transactionHash: string | null;
  detail: string;
}

/** Claims still in play: filed, under verification, verified, allocated or paid. */
const LIVE = new Set(['FILED', 'UNDER_VERIFICATION', 'VERIFIED', 'ALLOCATED', 'PAID']);

/**
 * What conflicts among the claims on one asset of one order: their sum against what the order
 * holds of it (recovered, or frozen awaiting confiscation), and any transaction cited as the
 * loss of two claims. Rejected and withdrawn claims conflict with nothing.
 */
export function claimConflicts(
  claims: readonly VictimClaim[],
  availableUnits: bigint,
): ClaimConflict[] {
  const live = claims
    .filter((claim) => LIVE.has(claim.state))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const conflicts: ClaimConflict[] = [];
  const claimed = live.reduce((sum, claim) => sum + BigInt(claim.form.amountUnits), 0n);
  if (claimed > availableUnits) {
    conflicts.push({
      kind: 'OVER_SUBSCRIBED',
      claimIds: live.map((claim) => claim.id),
      transactionHash: null,
      detail: `${claimed} units claimed, ${availableUnits} held`,
    });
  }
  const byHash = new Map<string, string[]>();
  for (const claim of live) {
    for (const { transactionHash } of claim.form.evidence) {
      byHash.set(transactionHash, [...(byHash.get(transactionHash) ?? []), claim.id]);
    }
  }
  for (const [transactionHash, ids] of [...byHash].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (ids.length > 1) {
      conflicts.push({
        kind: 'SAME_LOSS',
        claimIds: ids,
        transactionHash,
        detail: `the same transaction is the loss of ${ids.length} claims`,
      });
    }
  }
  return conflicts;
}
