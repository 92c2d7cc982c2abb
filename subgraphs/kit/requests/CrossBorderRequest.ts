import type { RequestMilestone, RequestType } from '../../../core/policy/RequestPolicy.js';
import type { Role } from '../../../core/policy/policySpec.js';

export const REQUEST_STATES = [
  'SUBMITTED',
  'ACKNOWLEDGED',
  'UNDER_REVIEW',
  'CONSULTATION',
  'POSTPONED',
  'EXECUTED',
  'PARTIALLY_EXECUTED',
  'REFUSED',
  'WITHDRAWN',
  'EXPIRED',
  'REVOKED',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** States no action leaves. EXECUTED and PARTIALLY_EXECUTED are not: a standing order can still expire or be revoked. */
export const FINAL_STATES: ReadonlySet<RequestState> = new Set([
  'REFUSED',
  'WITHDRAWN',
  'EXPIRED',
  'REVOKED',
]);

export const REQUEST_ACTIONS = [
  /** Executing side: receipt confirmed (SUBMITTED → ACKNOWLEDGED). */
  'ACKNOWLEDGE',
  /** Executing side: recognised (or granted), in whole or in part (→ UNDER_REVIEW until executed). */
  'RECOGNISE',
  /** Executing side: refused with a ground. */
  'REFUSE',
  /** Executing side: execution postponed with a ground, until a date. */
  'POSTPONE',
  /** Executing side: a postponement ends. */
  'RESUME',
  /** Executing side: the issuer must complete or correct the form. */
  'REQUEST_CONSULTATION',
  /** Issuing side: the form completed or corrected (CONSULTATION → UNDER_REVIEW). */
  'ANSWER_CONSULTATION',
  /** Executing side: carried out (→ EXECUTED, or PARTIALLY_EXECUTED when only part was granted). */
  'EXECUTE',
  /** Executing side: a deadline extended, with a reason. */
  'EXTEND',
  /** Issuing side: the request taken back. */
  'WITHDRAW',
  /** Issuing side, or a JUDGE for an authorisation: a standing order or authorisation ended. */
  'REVOKE',
  /** JUDGE: a de-anonymisation authorisation confirmed (with a new review date) or modified. */
  'REVIEW_AUTHORISATION',
  /** The member's clock: a standing order's time ran out, or an authorisation went unreviewed. */
  'EXPIRE',
] as const;
export type RequestAction = (typeof REQUEST_ACTIONS)[number];

/** Data categories a DISCLOSURE or DE_ANONYMISATION asks for, each justified on the form. */
export const DATA_CATEGORIES = [
  'FREEZING_ORDERS',
  'CONFISCATION_ORDERS',
  'WATCHLIST_ENTRIES',
  'EXCHANGE_DISCLOSURES',
  'IDENTITY',
  'BIRTH_DATE',
  'NATIONALITY',
  'IDENTITY_DOCUMENT',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Property named in a freezing or confiscation certificate: a wallet or an account at a VASP. */
export interface PropertyItem {
  /** CAIP-10, normalised. */
  wallet: string | null;
  vaspAccount: { vasp: string; lei: string | null; accountId: string } | null;
  /** Asset code (BTC, ETH, USDT) and amount as a decimal string, where the certificate states them. */
  asset: string | null;
  amount: string | null;
}

/** Regulation (EU) 2023/1543 Art. 6 preservation order (European Preservation Order Certificate). */
export interface PreservationForm {
  issuingAuthority: string;
  offence: string;
  wallets: string[];
  /** Registry record ids of the executing member to keep as they are. */
  recordIds: string[];
  reason: string;
}

/** Regulation (EU) 2018/1805 Annex I freezing certificate, the fields Comity carries. */
export interface FreezingForm {
  issuingAuthority: string;
  /** Required where the member's policy names the issuing role in validationRequiredFor. */
  validatingJudge: string | null;
  offence: string;
  legalQualification: string;
  property: PropertyItem[];
  urgent: boolean;
  urgencyReason: string | null;
  victimsInterests: string | null;
}

/** Regulation (EU) 2018/1805 Annex II confiscation certificate, the fields Comity carries. */
export interface ConfiscationForm {
  issuingAuthority: string;
  offence: string;
  legalQualification: string;
  /** When the order was made and when it became final (a confiscation order must be final). */
  decidedAt: string;
  finalAt: string;
  property: PropertyItem[];
  /** The freezing request this confiscation follows, when there was one. */
  freezingRequestId: string | null;
  victimsInterests: string | null;
}

export interface CategoryJustification {
  category: DataCategory;
  justification: string;
}

/** Regulation (EU) 2023/1543 Art. 5 production order (European Production Order Certificate). */
export interface DisclosureForm {
  issuingAuthority: string;
  offence: string;
  wallets: string[];
  categories: CategoryJustification[];
  emergency: boolean;
  emergencyReason: string | null;
}

export interface CategoryNecessity {
  category: DataCategory;
  necessity: string;
  proportionality: string;
}

/** The strictest form: who is behind a pseudonym or a wallet an earlier answer gave the case. */
export interface DeAnonymisationForm {
  issuingAuthority: string;
  offence: string;
  maxPenaltyYears: number;
  judicialAuthorisation: string;
  /** Exactly one of the two: a `psn_…` pseudonym of the executing member, or a wallet. */
  pseudonym: string | null;
  wallet: string | null;
  categories: CategoryNecessity[];
  lessIntrusiveMeans: string;
  retentionDays: number;
  /** Until when the person is not told (ISO 8601). */
  noticeDeferredUntil: string;
}

export type RequestForm =
  | { type: 'PRESERVATION'; preservation: PreservationForm }
  | { type: 'FREEZING'; freezing: FreezingForm }
  | { type: 'CONFISCATION'; confiscation: ConfiscationForm }
  | { type: 'DISCLOSURE'; disclosure: DisclosureForm }
  | { type: 'DE_ANONYMISATION'; deAnonymisation: DeAnonymisationForm };

/** Who acts on a request, from the gateway-signed context (never from the form). */
export interface RequestActor {
  subject: string;
  roles: readonly Role[];
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  agency: string;
}

/** One recorded transition: the request's history. */
export interface RequestTransition {
  /** The request's version after it (1 = filed). */
  version: number;
  action: RequestAction | 'FILE';
  from: RequestState | null;
  to: RequestState;
  actor: string;
  /** The role under which the actor acted. */
  role: Role | 'SYSTEM';
  agency: string;
  country: string;
  at: string;
  ground: string | null;
  reason: string | null;
  /** Sequence number of the audit event that recorded it. */
  auditSeq: number | null;
}

/** An identity as an executed de-anonymisation releases it (`DeAnonymisedIdentity`). */
export interface RequestSubject {
  name: string | null;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  nationality: string | null;
  idNumber: string | null;
}

/** A cross-border request as the executing member stores it. */
export interface CrossBorderRequest {
  /** `req-<executing cc>-<n>`. */
  id: string;
  type: RequestType;
  state: RequestState;
  /** Starts at 1; every transition adds 1; transitions compare-and-set on it. */
  version: number;
  executingState: string;
  issuingState: string;
  issuingAgency: string;
  issuingRole: Role;
  issuedBy: string;
  /** The issuing case; the request is released to callers of this case only. */
  caseRef: string;
  receivedAt: string;
  form: RequestForm;
  urgent: boolean;
  /** Set when recognised: who, when, and (DISCLOSURE / DE_ANONYMISATION) the categories granted. */
  recognisedAt: string | null;
  recognisedBy: string | null;
  grantedCategories: DataCategory[] | null;
  executedAt: string | null;
  /** REFUSED / POSTPONED: the ground code from the member's catalogue and the reason given. */
  ground: string | null;
  reason: string | null;
  postponedUntil: string | null;
  /** Extensions granted, each with its milestone and reason. */
  extensions: { milestone: RequestMilestone; until: string; reason: string; at: string }[];
  /** DE_ANONYMISATION: when a JUDGE must next review the authorisation. */
  authorisationReviewAt: string | null;
  /** Standing orders: when they lapse unless renewed (preservation's 60 days). */
  expiresAt: string | null;
  /** The state before CONSULTATION or POSTPONED, to return to. */
  resumeState: RequestState | null;
  updatedAt: string;
  /**
   * DE_ANONYMISATION, once executed: the party found behind the pseudonym or wallet, kept in
   * the member's own store so that the case receives what the decision covered.
   */
  releasedSubject?: RequestSubject | null;
}
