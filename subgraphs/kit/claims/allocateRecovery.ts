import { createHash } from 'node:crypto';
import type { AllocationRule } from '../../../core/policy/ClaimPolicy.js';
import { canonicalJson } from '../audit/canonicalJson.js';

/** A verified claim as the allocator sees it: no name, only what the division needs. */
export interface AllocationClaim {
  id: string;
  /** Claimed, in the asset's smallest unit. */
  units: bigint;
  /** ISO 8601: BY_DATE and EARLIEST_LOSS rank on it, the claim id breaking ties. */
  lossAt: string;
}

export interface AllocationInput {
  orderId: string;
  asset: string;
  /** What the order recovered of the asset, in its smallest unit. */
  recoveredUnits: bigint;
  /** Units upheld objections gave back to innocent holders: they leave the allocation. */
  heldByHoldersUnits: bigint;
  claims: readonly AllocationClaim[];
  rule: Pick<AllocationRule, 'order' | 'remainder'>;
  /**
   * Set for a later allocation: claims verified after a share of an earlier one was paid
   * divide only what that closed allocation, and the member since, left of the asset.
   */
  after?: ClosedAllocations;
}

/** What closed allocations of the asset took before a later one divides the rest. */
export interface ClosedAllocations {
  /** The closed allocations' ids: a share of each is paid. */
  allocationIds: readonly string[];
  /** Units the victims' lines of those allocations still hold, paid or to be paid. */
  sharesUnits: bigint;
  /** Units of the state's part the member disposed of otherwise (kept, paid into a fund, shared). */
  disposedUnits: bigint;
}

export interface AllocationLine {
  /** The claim, or null for the state's line (what is left after the victims). */
  claimId: string | null;
  beneficiary: 'VICTIM' | 'STATE';
  /** Decimal digits, smallest unit. */
  claimedUnits: string;
  allocatedUnits: string;
  /** How the number came about, in one line anyone can redo by hand. */
  explanation: string;
}

/** The allocation as recorded: every number as decimal digits, so its canonical JSON is exact. */
export interface Allocation {
  orderId: string;
  asset: string;
  order: AllocationRule['order'];
  remainder: AllocationRule['remainder'];
  recoveredUnits: string;
  heldByHoldersUnits: string;
  allocatableUnits: string;
  claimedUnits: string;
  oversubscribed: boolean;
  /** Victims' lines in claim-id order, then the state's. */
  lines: AllocationLine[];
  /** A later allocation only: the closed allocations it follows, in id order. */
  follows?: string[];
  /** A later allocation only: what the closed ones' victims hold. */
  closedSharesUnits?: string;
  /** A later allocation only: what the member disposed of the state's part. */
  disposedUnits?: string;
}

/**
 * Divides what an order recovered of one asset among the verified claims on it, victims
 * before the state (Regulation (EU) 2018/1805 Art. 29: restitution to the victim takes
 * priority; Art. 30: the rest is disposed of under the executing state's law). Exact
 * integers in the asset's smallest unit, no floating point. When the claims fit, each is
 * paid in full; when they exceed what is there, PRO_RATA gives each ⌊A·c/T⌋ and hands the
 * units left over (fewer than the number of claims) one each by the member's remainder rule,
 * and BY_DATE pays in full in order of loss until nothing is left. A later allocation
 * (`after`) runs the same rule on what the closed ones left: paid shares are never taken back.
 * A pure function of its input, whatever the claims' order: the same input gives the same
 * bytes (`allocationJson`).
 */
export function allocateRecovery(input: AllocationInput): Allocation {
  const { recoveredUnits, heldByHoldersUnits } = input;
  const after = input.after;
  if (
    recoveredUnits < 0n ||
    heldByHoldersUnits < 0n ||
    (after && (after.sharesUnits < 0n || after.disposedUnits < 0n))
  ) {
    throw new RangeError('recovered, held, shared and disposed amounts are not negative');
  }
  if (after && after.allocationIds.length === 0) {
    throw new RangeError('a later allocation follows at least one closed allocation');
  }
  const ids = new Set<string>();
  for (const claim of input.claims) {
    if (claim.units <= 0n) throw new RangeError(`claim ${claim.id} claims nothing`);
    if (ids.has(claim.id)) throw new RangeError(`claim ${claim.id} is given twice`);
    if (Number.isNaN(Date.parse(claim.lossAt))) throw new RangeError(`claim ${claim.id}: lossAt`);
    ids.add(claim.id);
  }
  const taken = heldByHoldersUnits + (after ? after.sharesUnits + after.disposedUnits : 0n);
  const allocatable = recoveredUnits > taken ? recoveredUnits - taken : 0n;
  const byId = [...input.claims].sort((a, b) => compareText(a.id, b.id));
  const claimed = byId.reduce((sum, claim) => sum + claim.units, 0n);
  const oversubscribed = claimed > allocatable;
  const shares = new Map<string, { units: bigint; explanation: string }>();

  if (!oversubscribed) {
    for (const claim of byId) {
      shares.set(claim.id, {
        units: claim.units,
        explanation: `claims ${claim.units} of ${allocatable} available (${claimed} claimed in all): paid in full`,
      });
    }
  } else if (input.rule.order === 'BY_DATE') {
    let left = allocatable;
    for (const [rank, claim] of byLoss(byId).entries()) {
      const units = claim.units < left ? claim.units : left;
      shares.set(claim.id, {
        units,
        explanation: `loss of ${claim.lossAt}, rank ${rank + 1} by date: ${left} left, claims ${claim.units}, gets ${units}`,
      });
      left -= units;
    }
  } else {
    const parts = byId.map((claim) => ({
      claim,
      share: (allocatable * claim.units) / claimed,
      rest: (allocatable * claim.units) % claimed,
    }));
    let leftOver = allocatable - parts.reduce((sum, part) => sum + part.share, 0n);
    const ranked =
      input.rule.remainder === 'LARGEST_REMAINDER'
        ? [...parts].sort(
            (a, b) =>
              (a.rest > b.rest ? -1 : a.rest < b.rest ? 1 : 0) || compareLoss(a.claim, b.claim),
          )
        : [...parts].sort((a, b) => compareLoss(a.claim, b.claim));
    const extra = new Map<string, number>();
    for (const [rank, part] of ranked.entries()) {
      if (leftOver === 0n) break;
      extra.set(part.claim.id, rank + 1);
      leftOver -= 1n;
    }
    for (const { claim, share, rest } of parts) {
      const rank = extra.get(claim.id);
      const units = rank === undefined ? share : share + 1n;
      const base = `⌊${allocatable} × ${claim.units} / ${claimed}⌋ = ${share}, remainder ${rest}/${claimed}`;
      shares.set(claim.id, {
        units,
        explanation:
          rank === undefined
            ? `${base}: gets ${units}`
            : `${base}, +1 left-over unit (${input.rule.remainder} rank ${rank}): gets ${units}`,
      });
    }
  }

  const victims = [...shares.values()].reduce((sum, share) => sum + share.units, 0n);
  const lines: AllocationLine[] = byId.map((claim) => {
    const share = shares.get(claim.id)!;
    return {
      claimId: claim.id,
      beneficiary: 'VICTIM',
      claimedUnits: claim.units.toString(),
      allocatedUnits: share.units.toString(),
      explanation: share.explanation,
    };
  });
  lines.push({
    claimId: null,
    beneficiary: 'STATE',
    claimedUnits: (allocatable - victims).toString(),
    allocatedUnits: (allocatable - victims).toString(),
    explanation: after
      ? `recovered ${recoveredUnits} − held by innocent holders ${heldByHoldersUnits} − shares of closed ${follows(after).join(', ')} ${after.sharesUnits} − state's part disposed of ${after.disposedUnits} = ${taken > recoveredUnits ? `nothing (${taken} taken), so 0` : allocatable} left after the closed allocations; − victims verified since ${victims} = ${allocatable - victims}, kept by the state after the victims`
      : `recovered ${recoveredUnits} − held by innocent holders ${heldByHoldersUnits} − victims ${victims} = ${allocatable - victims}, kept by the state after the victims`,
  });
  // The later-allocation fields only appear on a later allocation: a first one's bytes stay as they were.
  return {
    orderId: input.orderId,
    asset: input.asset,
    order: input.rule.order,
    remainder: input.rule.remainder,
    recoveredUnits: recoveredUnits.toString(),
    heldByHoldersUnits: heldByHoldersUnits.toString(),
    allocatableUnits: allocatable.toString(),
    claimedUnits: claimed.toString(),
    oversubscribed,
    lines,
    ...(after
      ? {
          follows: follows(after),
          closedSharesUnits: after.sharesUnits.toString(),
          disposedUnits: after.disposedUnits.toString(),
        }
      : {}),
  };
}

function follows(after: ClosedAllocations): string[] {
  return [...new Set(after.allocationIds)].sort(compareText);
}

/** The allocation's RFC 8785 canonical JSON: the bytes recorded, and hashed. */
export function allocationJson(allocation: Allocation): string {
  return canonicalJson(JSON.parse(JSON.stringify(allocation)));
}

/** Lowercase hex SHA-256 of `allocationJson`: what the audit event carries. */
export function allocationHash(allocation: Allocation): string {
  return createHash('sha256').update(allocationJson(allocation), 'utf8').digest('hex');
}

function byLoss(claims: readonly AllocationClaim[]): AllocationClaim[] {
  return [...claims].sort(compareLoss);
}

function compareLoss(a: AllocationClaim, b: AllocationClaim): number {
  return Date.parse(a.lossAt) - Date.parse(b.lossAt) || compareText(a.id, b.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
