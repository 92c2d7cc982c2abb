import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_THRESHOLD } from '../../../../core/matching/matchingDefaults.js';
import { parseMatchQuery } from '../../../../core/matching/parseMatchQuery.js';
import { scoreCandidate } from '../../../../core/matching/scoreCandidate.js';
import type { OrganizationRecord, PersonRecord } from '../../../../core/records.js';
import { matchableParty } from '../../../../subgraphs/kit/matching/matchableParty.js';
import {
  matchingIdentities,
  matchingParties,
} from '../../../../subgraphs/kit/seed/matchingParties.js';

// The labelled set: every query (an analyst's reference form of an identity, or a member's
// record of it) against every record another member holds of the same identity (a match) or
// of its look-alike (a non-match), all from the seed generator the members' seeds use.

const queryFor = (party: PersonRecord | OrganizationRecord) =>
  party.kind === 'Person'
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

const base = (identity: string) => identity.replace(/-namesake$/, '');
const queries = [
  ...matchingIdentities().map((identity) => ({
    identity: identity.identity,
    member: 'ANALYST',
    party: identity.reference,
  })),
  ...matchingParties(),
];
const pairs = queries.flatMap((query) =>
  matchingParties()
    .filter(
      (candidate) =>
        candidate.member !== query.member && base(candidate.identity) === base(query.identity),
    )
    .map((candidate) => ({ query, candidate, same: candidate.identity === query.identity })),
);
const labelled = pairs.filter(
  ({ query, candidate, same }) => same || decidable(query.party, candidate.party),
);

describe('matching on the labelled set from the seed generator', () => {
  const outcomes = labelled.map(({ query, candidate, same }) => {
    const { score } = scoreCandidate(queryFor(query.party), matchableParty(candidate.party, []));
    return { same, hit: score >= DEFAULT_MATCH_THRESHOLD };
  });
  const count = (same: boolean, hit: boolean) =>
    outcomes.filter((outcome) => outcome.same === same && outcome.hit === hit).length;
  const truePositives = count(true, true);
  const falsePositives = count(false, true);
  const falseNegatives = count(true, false);

  it('holds at least 300 pairs across all three members, matches and look-alikes', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(300);
    expect(labelled.filter((pair) => !pair.same).length).toBeGreaterThanOrEqual(50);
    const members = new Set(labelled.map((pair) => pair.candidate.member));
    expect([...members].sort()).toEqual(['DE', 'FR', 'SG']);
    // Undecidable namesake pairs are few, and reported rather than hidden.
    expect(pairs.length - labelled.length).toBeLessThan(pairs.length / 10);
  });

  it('reaches precision and recall of at least 0.95 at the default threshold', () => {
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / (truePositives + falseNegatives);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
