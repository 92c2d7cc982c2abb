import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MATCH_THRESHOLD,
  MAX_MATCH_LIMIT,
} from '../../../../core/matching/matchingDefaults.js';
import { scoreCandidate } from '../../../../core/matching/scoreCandidate.js';
import type { OrganizationRecord, PersonRecord } from '../../../../core/records.js';
import { matchableParty } from '../../../../subgraphs/kit/matching/matchableParty.js';
import { PartyIndex } from '../../../../subgraphs/kit/matching/PartyIndex.js';
import { createRng } from '../../../../subgraphs/kit/seed/createRng.js';
import {
  MATCHING_MEMBERS,
  matchingPartiesOf,
} from '../../../../subgraphs/kit/seed/matchingParties.js';
import { syntheticOrganization } from '../../../../subgraphs/kit/seed/syntheticOrganization.js';
import { syntheticPerson } from '../../../../subgraphs/kit/seed/syntheticPerson.js';
import { labelledPairs, precisionRecall, queryFor } from './labelledSet.js';

// The labelled set through each member's PartyIndex, as a member matches: the index must find
// exactly the pairs the pairwise scorer finds (tolerance: none), with the same scores, among
// thousands of other parties sharing the seeds' common names, so that its blocking and
// pruning lose no candidate the scorer would have taken.

const MEMBERS = MATCHING_MEMBERS;
const DISTRACTORS = 3_000;
const recordIdOf = (member: string, i: number) => `${member}-matching-${i}`;

function memberIndex(member: string): PartyIndex {
  const index = new PartyIndex();
  const rng = createRng(`party-index-recall-${member}`);
  const countries = ['FR', 'DE', 'SG', 'RU', 'CN', 'GB', 'TR', 'GR'];
  for (let i = 0; i < DISTRACTORS; i++) {
    const country = rng.pick(countries);
    const party: PersonRecord | OrganizationRecord =
      i % 4 === 3 ? syntheticOrganization(rng, country) : syntheticPerson(rng, country);
    index.add({ party, registry: 'WATCHLIST', recordId: `${member}-other-${i}`, walletIds: [] });
  }
  matchingPartiesOf(member).forEach((seeded, i) => {
    index.add({
      party: seeded.party,
      registry: 'WATCHLIST',
      recordId: recordIdOf(member, i),
      walletIds: [],
    });
  });
  return index;
}

describe('the labelled set through the party index', () => {
  const indexes = new Map(MEMBERS.map((member) => [member, memberIndex(member)]));
  const labelled = labelledPairs();
  const recordIds = new Map(
    MEMBERS.flatMap((member) =>
      matchingPartiesOf(member).map((seeded, i) => [seeded, recordIdOf(member, i)] as const),
    ),
  );

  const outcomesAt = (threshold: number) =>
    labelled.map(({ query, candidate, same }) => {
      const asked = queryFor(query.party);
      const pairwise = scoreCandidate(asked, matchableParty(candidate.party, []));
      const found = indexes
        .get(candidate.member as (typeof MEMBERS)[number])!
        .match(asked, threshold, MAX_MATCH_LIMIT)
        .find((match) => match.entry.recordId === recordIds.get(candidate));
      return {
        same,
        pairwiseHit: pairwise.score >= threshold,
        pairwiseScore: pairwise.score,
        hit: found !== undefined,
        score: found?.score ?? null,
      };
    });

  it('holds the labelled pairs among thousands of look-alike names in every member', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(300);
    for (const index of indexes.values()) {
      expect(index.size).toBeGreaterThan(DISTRACTORS);
      // The seeds' name parts are few: every query's parts are shared by many parties.
      expect(index.distinct.tokens).toBeLessThan(index.size / 5);
    }
  });

  for (const threshold of [DEFAULT_MATCH_THRESHOLD, 0.6, 0.9]) {
    it(`finds exactly the pairs the scorer finds at ${threshold}, with the same scores`, () => {
      const outcomes = outcomesAt(threshold);
      const differing = outcomes.filter((outcome) => outcome.hit !== outcome.pairwiseHit);
      expect(differing).toEqual([]);
      for (const outcome of outcomes.filter((o) => o.hit)) {
        expect(outcome.score).toBe(outcome.pairwiseScore);
      }
    });
  }

  it('keeps precision and recall of at least 0.95 at the default threshold', () => {
    const outcomes = outcomesAt(DEFAULT_MATCH_THRESHOLD);
    const { precision, recall } = precisionRecall(outcomes);
    const pairwise = precisionRecall(
      outcomes.map(({ same, pairwiseHit }) => ({ same, hit: pairwiseHit })),
    );
    expect(precision).toBe(pairwise.precision);
    expect(recall).toBe(pairwise.recall);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
