import { parseMatchQuery } from '../../../../core/matching/parseMatchQuery.js';
import type { MatchQuery } from '../../../../core/matching/MatchQuery.js';
import type { OrganizationRecord, PersonRecord } from '../../../../core/records.js';
import {
  matchingIdentities,
  matchingParties,
} from '../../../../subgraphs/kit/seed/matchingParties.js';
import type { SeededParty } from '../../../../subgraphs/kit/seed/matchingParties.js';

// The labelled set: every query (an analyst's reference form of an identity, or a member's
// record of it) against every record another member holds of the same identity (a match) or
// of its look-alike (a non-match), all from the seed generator the members' seeds use.

export function queryFor(party: PersonRecord | OrganizationRecord): MatchQuery {
  return party.kind === 'Person'
    ? parseMatchQuery({
        schema: 'PERSON',
        names: [party.name],
        birthDate: party.birthDate,
        nationality: party.nationality,
        idNumbers: party.idNumber ? [party.idNumber] : [],
      })
    : parseMatchQuery({
        schema: 'COMPANY',
        names: [party.name],
        nationality: party.country,
        lei: party.lei,
      });
}

/**
 * Namesakes can be told apart only by what differs: a birth date on both sides for people,
 * an LEI on both sides or another country for companies. A pair where neither side holds
 * any of it is undecidable from the data, and left out of the set (and counted).
 */
function decidable(a: PersonRecord | OrganizationRecord, b: PersonRecord | OrganizationRecord) {
  if (a.kind === 'Person' && b.kind === 'Person')
    return a.birthDate !== null && b.birthDate !== null;
  if (a.kind === 'Organization' && b.kind === 'Organization') {
    return (a.lei !== null && b.lei !== null) || a.country !== b.country;
  }
  return false;
}

export interface LabelledPair {
  query: { identity: string; member: string; party: PersonRecord | OrganizationRecord };
  candidate: SeededParty;
  /** The same person or company: a match. */
  same: boolean;
}

const base = (identity: string) => identity.replace(/-namesake$/, '');

/** Every pair of a query and another member's record of its identity or look-alike. */
export function candidatePairs(): LabelledPair[] {
  const queries = [
    ...matchingIdentities().map((identity) => ({
      identity: identity.identity,
      member: 'ANALYST',
      party: identity.reference,
    })),
    ...matchingParties(),
  ];
  return queries.flatMap((query) =>
    matchingParties()
      .filter(
        (candidate) =>
          candidate.member !== query.member && base(candidate.identity) === base(query.identity),
      )
      .map((candidate) => ({ query, candidate, same: candidate.identity === query.identity })),
  );
}

/** The decidable pairs: the labelled set. */
export function labelledPairs(): LabelledPair[] {
  return candidatePairs().filter(
    ({ query, candidate, same }) => same || decidable(query.party, candidate.party),
  );
}

/** Precision and recall of hit / no-hit outcomes against the labels. */
export function precisionRecall(outcomes: readonly { same: boolean; hit: boolean }[]) {
  const count = (same: boolean, hit: boolean) =>
    outcomes.filter((outcome) => outcome.same === same && outcome.hit === hit).length;
  const truePositives = count(true, true);
  return {
    precision: truePositives / (truePositives + count(false, true)),
    recall: truePositives / (truePositives + count(true, false)),
  };
}
