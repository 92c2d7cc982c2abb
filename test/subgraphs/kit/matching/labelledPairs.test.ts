import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_THRESHOLD } from '../../../../core/matching/matchingDefaults.js';
import { scoreCandidate } from '../../../../core/matching/scoreCandidate.js';
import { matchableParty } from '../../../../subgraphs/kit/matching/matchableParty.js';
import { MATCHING_MEMBERS } from '../../../../subgraphs/kit/seed/matchingParties.js';
import { candidatePairs, labelledPairs, precisionRecall, queryFor } from './labelledSet.js';

describe('matching on the labelled set from the seed generator', () => {
  const pairs = candidatePairs();
  const labelled = labelledPairs();
  const outcomes = labelled.map(({ query, candidate, same }) => {
    const { score } = scoreCandidate(queryFor(query.party), matchableParty(candidate.party, []));
    return { same, hit: score >= DEFAULT_MATCH_THRESHOLD };
  });

  it('holds at least 300 pairs across all three members, matches and look-alikes', () => {
    expect(labelled.length).toBeGreaterThanOrEqual(300);
    expect(labelled.filter((pair) => !pair.same).length).toBeGreaterThanOrEqual(50);
    const members = new Set(labelled.map((pair) => pair.candidate.member));
    expect([...members].sort()).toEqual([...MATCHING_MEMBERS].sort());
    // Undecidable namesake pairs are few, and reported rather than hidden.
    expect(pairs.length - labelled.length).toBeLessThan(pairs.length / 10);
  });

  it('reaches precision and recall of at least 0.95 at the default threshold', () => {
    const { precision, recall } = precisionRecall(outcomes);
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });
});
