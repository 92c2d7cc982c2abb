import type { ElementPolicy, TypePolicy } from './JurisdictionPolicy.js';

/** One member's rules for what leaves of a match (docs/matching.md). */
export interface MatchingRules {
  /** The member's code: its field on the directory's `PartyMatchSearch` is named after it. */
  jurisdiction: string;
  /** Who may match at all: hit / no-hit, score band, the request types to act on a hit. */
  hit: ElementPolicy;
  /** The score and the features that produced it. */
  score: ElementPolicy;
  /** The record behind a candidate; the party's own fields keep the member's Person rules. */
  record: ElementPolicy;
}

/**
 * Places a member's matching rules on every field a match result leaves by, written once
 * so that no member leaves one out. The pseudonym is always a pseudonym — of the caller's
 * case, so withheld without one (CASE_REF_REQUIRED) — and goes to whoever sees the hit: it
 * tells nothing but lets a request name the party.
 */
export function matchingPolicies(rules: MatchingRules): Record<string, TypePolicy> {
  return {
    Jurisdiction: { fields: { match: rules.hit } },
    PartyMatchSearch: { fields: { [rules.jurisdiction.toLowerCase()]: rules.hit } },
    PartyMatchResult: { object: rules.hit },
    PartyMatchCandidate: {
      object: rules.hit,
      fields: {
        score: rules.score,
        features: rules.score,
        pseudonym: { ...rules.hit, minimize: [{ strategy: 'PSEUDONYM' }] },
        recordId: rules.record,
        party: rules.record,
        ivms101Person: rules.record,
      },
    },
  };
}
