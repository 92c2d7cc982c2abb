import type { CountryRef } from './JurisdictionPolicy.js';
import type { Role } from './policySpec.js';

/**
 * How verified claims share what was recovered, once victims come before the state:
 * PRO_RATA in proportion to each claim; BY_DATE in full, earliest loss first.
 */
export const ALLOCATION_ORDERS = ['PRO_RATA', 'BY_DATE'] as const;
export type AllocationOrder = (typeof ALLOCATION_ORDERS)[number];

/**
 * Who receives the units a pro-rata division leaves over (every share is rounded down):
 * LARGEST_REMAINDER one unit each to the claims with the largest fractional parts (Hamilton's
 * method), ties to the earlier loss; EARLIEST_LOSS one unit each in the order of the losses.
 */
export const REMAINDER_RULES = ['LARGEST_REMAINDER', 'EARLIEST_LOSS'] as const;
export type RemainderRule = (typeof REMAINDER_RULES)[number];

/** The member's rule for dividing a recovered asset, with the law behind each part. */
export interface AllocationRule {
  order: AllocationOrder;
  remainder: RemainderRule;
  /** Why victims come before the state, and why this order among them. */
  legalBasis: string;
  remainderLegalBasis: string;
}

/** A ground for rejecting a claim, from the member's catalogue. */
export interface ClaimGround {
  label: string;
  legalBasis: string;
}

/**
 * A member's rules for victims' claims on the assets it holds (docs/claims.md): who may file
 * for a victim, who verifies, allocates and pays, who decides an innocent holder's objection,
 * and how recovered value is divided.
 */
export interface ClaimPolicy {
  /**
   * Whether the member holds frozen or confiscated assets in Comity at all. A member that
   * holds none accepts no claim; its victims' officers file with the members that do.
   */
  holdsAssets: boolean;
  /** Countries whose officers may file for a victim: code, built-in group or arrangement. */
  acceptedFrom: readonly CountryRef[];
  /** Roles that file and withdraw a claim for a victim (in the filing country). */
  filingRoles: readonly Role[];
  /** The member's roles that examine a claim and verify or reject the beneficiary. */
  verifyingRoles: readonly Role[];
  /** The member's roles that run the allocation of a recovered asset. */
  allocatingRoles: readonly Role[];
  /** The member's roles that pay an allocated claim and record dispositions. */
  payingRoles: readonly Role[];
  /** Roles that file an innocent holder's objection (any accepted country). */
  objectionRoles: readonly Role[];
  /** The member's roles that decide an objection: a court. */
  objectionDecidingRoles: readonly Role[];
  allocation: AllocationRule;
  /** Ground codes (upper snake case) for rejecting a claim. */
  rejectionGrounds: Readonly<Record<string, ClaimGround>>;
  /** The provisions the claims procedure follows, for the matrix. */
  legalBasis: readonly string[];
}
