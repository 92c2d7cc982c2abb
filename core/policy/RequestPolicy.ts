import type { CountryRef } from './JurisdictionPolicy.js';
import type { Role } from './policySpec.js';

/** The kinds of cross-border request, each a standard form (docs/architecture.md §11). */
export const REQUEST_TYPES = [
  'PRESERVATION',
  'FREEZING',
  'CONFISCATION',
  'DISCLOSURE',
  'DE_ANONYMISATION',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/**
 * The moments a deadline can bind: the executing side acknowledges receipt, decides
 * (recognition or refusal), executes a recognised request; a standing order expires.
 */
export const REQUEST_MILESTONES = ['ACKNOWLEDGE', 'DECIDE', 'EXECUTE', 'EXPIRE'] as const;
export type RequestMilestone = (typeof REQUEST_MILESTONES)[number];

/** HOURS and DAYS run on the calendar; WORKING_DAYS skip weekends and the member's holidays. */
export type PeriodUnit = 'HOURS' | 'DAYS' | 'WORKING_DAYS';

/** One legal time limit, with the provision that sets it. */
export interface RequestDeadlineRule {
  milestone: RequestMilestone;
  amount: number;
  unit: PeriodUnit;
  /**
   * RECEIPT: from the moment the request was filed; DECISION: from its recognition (the
   * execution clock of 2018/1805 Art. 9(3)); EXECUTION: from execution (a standing order's life).
   */
  from: 'RECEIPT' | 'DECISION' | 'EXECUTION';
  /** Applies only to requests marked urgent (true) or only to others (false); omitted: both. */
  urgent?: boolean;
  /** The provision, cited beside the number in the generated matrix. */
  legalBasis: string;
}

/**
 * Requests of one type accepted from further countries under another instrument, with that
 * instrument's periods: a member takes 2023/1543 production orders from the Union and
 * requests under the 1959 Council of Europe Convention from its partners.
 */
export interface RequestRoute {
  instrument: string;
  /** Issuing countries accepted, by code, built-in group or the member's arrangement name. */
  acceptedFrom: readonly CountryRef[];
  deadlines: readonly RequestDeadlineRule[];
}

/** What one member does with one type of request, and who on its side does it. */
export interface RequestTypePolicy {
  /** The instrument the member applies to this type (for the matrix and each request). */
  instrument: string;
  /** Issuing countries accepted, by code, built-in group or the member's arrangement name. */
  acceptedFrom: readonly CountryRef[];
  /**
   * Other instruments under which the type is accepted from other countries; the roles and
   * limits below apply to them all. A country named by the type itself and a route is
   * served under the type's own instrument (requestTypePolicyFor).
   */
  routes?: readonly RequestRoute[];
  /** Roles that may issue this type, in the issuing state. */
  issuingRoles: readonly Role[];
  /**
   * Issuing roles whose request must name who validated it (2018/1805 Art. 2(8)(a)(ii): an
   * order of a competent authority other than a judge, court or public prosecutor is validated
   * by one of them before it is sent).
   */
  validationRequiredFor?: readonly Role[];
  /** The member's roles that acknowledge receipt (its central authority). */
  acknowledgingRoles: readonly Role[];
  /** The member's roles that recognise, refuse, postpone or ask for consultation. */
  decidingRoles: readonly Role[];
  /** The member's roles that carry out a recognised request. */
  executingRoles: readonly Role[];
  deadlines: readonly RequestDeadlineRule[];
  /**
   * DE_ANONYMISATION only: the least maximum penalty, in years of imprisonment, of an offence
   * this member de-anonymises for (its serious-crime threshold).
   */
  seriousCrimeMinPenaltyYears?: number;
  /** The provision or the member's rule behind that threshold, for the matrix. */
  seriousCrimeLegalBasis?: string;
  /**
   * DE_ANONYMISATION only: days from execution until a JUDGE must review the authorisation;
   * unreviewed, it expires.
   */
  authorisationReviewDays?: number;
  /** The provision or the member's rule behind that review period, for the matrix. */
  authorisationReviewLegalBasis?: string;
}

/** A ground for refusing or postponing, from the member's catalogue. */
export interface RequestGround {
  label: string;
  /** The provision that allows it. */
  legalBasis: string;
  /** Whether the ground refuses, postpones, or may do either. */
  use: 'REFUSAL' | 'POSTPONEMENT' | 'BOTH';
}

/** A member's rules for requests addressed to it (docs/architecture.md §11). */
export interface RequestPolicy {
  /** Types the member accepts; a type it leaves out is refused at filing. */
  types: Partial<Readonly<Record<RequestType, RequestTypePolicy>>>;
  /** Ground codes (upper snake case) to their label and legal basis. */
  grounds: Readonly<Record<string, RequestGround>>;
  /** Public holidays (`YYYY-MM-DD`) that working-day periods skip, besides weekends. */
  holidays: readonly string[];
}
