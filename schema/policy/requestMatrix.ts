import { expandCountries } from '../../core/policy/expandCountries.js';
import type { CountryRef, JurisdictionPolicy } from '../../core/policy/JurisdictionPolicy.js';
import type { Role } from '../../core/policy/policySpec.js';
import { REQUEST_TYPES } from '../../core/policy/RequestPolicy.js';
import type {
  RequestDeadlineRule,
  RequestGround,
  RequestType,
} from '../../core/policy/RequestPolicy.js';

/** Issuing countries as the policy names them, each with the codes it stands for. */
export interface AcceptedCountries {
  ref: CountryRef;
  /** Sorted ISO codes; null for `ANY`. */
  countries: readonly string[] | null;
}

/** One instrument under which a type is accepted: the type's own, then its routes. */
export interface RequestRouteView {
  instrument: string;
  acceptedFrom: readonly AcceptedCountries[];
  deadlines: readonly RequestDeadlineRule[];
}

export interface AcceptedRequestType {
  routes: readonly RequestRouteView[];
  issuingRoles: readonly Role[];
  validationRequiredFor: readonly Role[];
  acknowledgingRoles: readonly Role[];
  decidingRoles: readonly Role[];
  executingRoles: readonly Role[];
  seriousCrime: { minPenaltyYears: number; legalBasis: string } | null;
  authorisationReview: { days: number; legalBasis: string } | null;
}

export interface RequestMatrix {
  jurisdiction: string;
  /** Every request type in REQUEST_TYPES order; `accepted` null where the member refuses it. */
  types: readonly { type: RequestType; accepted: AcceptedRequestType | null }[];
  grounds: readonly ({ code: string } & RequestGround)[];
  holidays: readonly string[];
}

/**
 * A member's request policy as the generated matrix shows it: country references expanded to
 * the codes they stand for, every request type listed (accepted or not), the thresholds of
 * de-anonymisation with their bases. Read from the policy itself, which no directive carries.
 */
export function requestMatrix(policy: JurisdictionPolicy): RequestMatrix {
  const expand = (refs: readonly CountryRef[]): AcceptedCountries[] =>
    refs.map((ref) => ({ ref, countries: expandCountries(policy, [ref]) }));
  return {
    jurisdiction: policy.jurisdiction,
    types: REQUEST_TYPES.map((type) => {
      const typePolicy = policy.requests.types[type];
      if (!typePolicy) return { type, accepted: null };
      const { seriousCrimeMinPenaltyYears: years, authorisationReviewDays: days } = typePolicy;
      return {
        type,
        accepted: {
          routes: [typePolicy, ...(typePolicy.routes ?? [])].map((route) => ({
            instrument: route.instrument,
            acceptedFrom: expand(route.acceptedFrom),
            deadlines: route.deadlines,
          })),
          issuingRoles: typePolicy.issuingRoles,
          validationRequiredFor: typePolicy.validationRequiredFor ?? [],
          acknowledgingRoles: typePolicy.acknowledgingRoles,
          decidingRoles: typePolicy.decidingRoles,
          executingRoles: typePolicy.executingRoles,
          seriousCrime:
            years === undefined
              ? null
              : { minPenaltyYears: years, legalBasis: typePolicy.seriousCrimeLegalBasis ?? '' },
          authorisationReview:
            days === undefined
              ? null
              : { days, legalBasis: typePolicy.authorisationReviewLegalBasis ?? '' },
        },
      };
    }),
    grounds: Object.entries(policy.requests.grounds).map(([code, ground]) => ({
      code,
      ...ground,
    })),
    holidays: policy.requests.holidays,
  };
}
