import type { Role } from '../../../core/policy/policySpec.js';

export const CLAIM_STATES = [
  'FILED',
  'UNDER_VERIFICATION',
  'VERIFIED',
  'REJECTED',
  'ALLOCATED',
  'PAID',
  'WITHDRAWN',
] as const;
export type ClaimState = (typeof CLAIM_STATES)[number];

/** States no action leaves. */
export const FINAL_CLAIM_STATES: ReadonlySet<ClaimState> = new Set([
  'REJECTED',
  'PAID',
  'WITHDRAWN',
]);

export const CLAIM_ACTIONS = [
  /** Member: examination of the claim and of the beneficiary begins (FILED → UNDER_VERIFICATION). */
  'START_VERIFICATION',
  /** Member: the loss and the beneficiary verified, a recorded decision (→ VERIFIED). */
  'VERIFY',
  /** Member: rejected on a ground of its catalogue, with a reason (→ REJECTED). */
  'REJECT',
  /** Filing side: the claim taken back, at any point before payment. */
  'WITHDRAW',
  /** Member: paid out what the current allocation gives it (ALLOCATED → PAID). */
  'PAY',
] as const;
export type ClaimAction = (typeof CLAIM_ACTIONS)[number];

/**
 * Who the victim is. Stored in the member's own database only; it leaves as a pseudonym of
 * the caller's case (docs/claims.md), never in clear, not even in the audit chain.
 */
export interface Claimant {
  name: string;
  birthDate: string | null;
  idNumber: string | null;
  /** ISO 3166-1 alpha-2: where the victim lives. */
  country: string;
}

/** One transfer from the victim's wallet to a traced wallet: the evidence of the loss. */
export interface LossEvidence {
  /** The transaction hash, normalised (lower-case hex; EVM hashes keep their `0x`). */
  transactionHash: string;
  /** CAIP-10 id of the victim's wallet, normalised, where known. */
  fromWallet: string | null;
}

/** The claim form, as parsed. */
export interface ClaimForm {
  /** The order the claim is against: the member's own, or one it recognised (`rco-…`). */
  orderId: string;
  asset: string;
  /** In the asset's smallest unit, a non-negative integer as decimal digits. */
  amountUnits: string;
  /** When the loss happened (ISO 8601): BY_DATE allocation ranks on it. */
  lossAt: string;
  evidence: LossEvidence[];
  claimant: Claimant;
}

export interface ClaimActor {
  subject: string;
  roles: readonly Role[];
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  agency: string;
}

export interface ClaimTransition {
  version: number;
  action: ClaimAction | 'FILE' | 'ALLOCATE';
  from: ClaimState | null;
  to: ClaimState;
  actor: string;
  role: Role | 'SYSTEM';
  agency: string;
  country: string;
  at: string;
  ground: string | null;
  reason: string | null;
  auditSeq: number | null;
}

/** A victim's claim as the member holding the asset stores it. */
export interface VictimClaim {
  /** `clm-<member cc>-<n>`. */
  id: string;
  state: ClaimState;
  version: number;
  member: string;
  form: ClaimForm;
  /** The filing side: country, agency, role and case of the officer acting for the victim. */
  filingState: string;
  filingAgency: string;
  filingRole: Role;
  filedBy: string;
  caseRef: string;
  filedAt: string;
  verifiedAt: string | null;
  verifiedBy: string | null;
  ground: string | null;
  reason: string | null;
  /** The allocation that last gave this claim a share, and the share, in units. */
  allocationId: string | null;
  allocatedUnits: string | null;
  paidAt: string | null;
  updatedAt: string;
}

export const OBJECTION_STATES = ['OPEN', 'UPHELD', 'DISMISSED'] as const;
export type ObjectionState = (typeof OBJECTION_STATES)[number];

/**
 * A third party's objection that it acquired in good faith (2018/1805 Art. 33: affected
 * persons' legal remedies). While OPEN it suspends allocation of the asset; UPHELD, its
 * amount is the holder's and leaves the allocation.
 */
export interface Objection {
  /** `obj-<member cc>-<n>`. */
  id: string;
  state: ObjectionState;
  version: number;
  orderId: string;
  asset: string;
  amountUnits: string;
  /** Stored here only; leaves as a case pseudonym. */
  holder: Claimant;
  grounds: string;
  filingState: string;
  filingAgency: string;
  filedBy: string;
  caseRef: string;
  filedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
}

export const DISPOSITION_KINDS = [
  'RETURNED_TO_VICTIM',
  'PAID_TO_RESTITUTION_FUND',
  'KEPT_BY_STATE',
  'SOLD',
  'SHARED_WITH_MEMBER',
  'RETURNED_TO_HOLDER',
] as const;
export type DispositionKind = (typeof DISPOSITION_KINDS)[number];

/** One movement of recovered value, recorded as it happens. */
export interface Disposition {
  /** `dsp-<member cc>-<n>`. */
  id: string;
  kind: DispositionKind;
  orderId: string;
  asset: string;
  amountUnits: string;
  at: string;
  /** When the order it comes from was confiscated: statistics measure time to payment from it. */
  confiscatedAt: string | null;
  claimId: string | null;
  /** SOLD: what it fetched, in which currency, at which rate (price per whole unit). */
  price: string | null;
  currency: string | null;
  rate: string | null;
  /** SHARED_WITH_MEMBER: the member it went to and under which arrangement. */
  sharedWith: string | null;
  arrangement: string | null;
  recordedBy: string;
  auditSeq: number | null;
}
