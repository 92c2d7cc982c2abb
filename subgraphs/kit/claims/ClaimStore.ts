import type { Allocation } from './allocateRecovery.js';
import type { ClaimTransition, Disposition, Objection, VictimClaim } from './VictimClaim.js';

/** An allocation as recorded: its canonical JSON, that JSON's SHA-256, who ran it and when. */
export interface RecordedAllocation {
  /** `alc-<member cc>-<n>`. */
  id: string;
  orderId: string;
  asset: string;
  allocation: Allocation;
  /** RFC 8785 canonical JSON of `allocation`, exactly as hashed. */
  json: string;
  sha256: string;
  computedAt: string;
  computedBy: string;
  auditSeq: number | null;
}

/** Whose claims a listing shows: the member's own staff see all, a filing agency its own. */
export interface ClaimListFilter {
  filer?: { country: string; agency: string };
  orderIds?: readonly string[];
}

/**
 * Reads of the claims, objections, allocations and dispositions on the assets this member
 * holds, beside its audit log. Writes go through `AuditLog.recordClaimEvent`, which records
 * each in the chain in the same transaction.
 */
export interface ClaimStore {
  claim(id: string): Promise<VictimClaim | null>;
  history(claimId: string): Promise<ClaimTransition[]>;
  /** Newest filed first, at most `first`. */
  claims(
    filter: ClaimListFilter,
    first: number,
  ): Promise<{ claims: VictimClaim[]; totalCount: number }>;
  objection(id: string): Promise<Objection | null>;
  objections(orderIds: readonly string[]): Promise<Objection[]>;
  /** Every allocation of the orders, newest first. */
  allocations(orderIds: readonly string[]): Promise<RecordedAllocation[]>;
  dispositions(): Promise<Disposition[]>;
  /** A fresh number for `clm-`, `obj-`, `alc-`, `dsp-` ids; never reused. */
  nextNumber(): Promise<number>;
}
