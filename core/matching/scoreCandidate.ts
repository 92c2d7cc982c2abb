import type { MatchableParty, MatchQuery } from './MatchQuery.js';
import { nameSimilarity } from './nameSimilarity.js';
import type { NormalizedName } from './normalizeName.js';

export type MatchFeatureName =
  | 'identifier_match'
  | 'name_similarity'
  | 'birth_date_match'
  | 'birth_date_conflict'
  | 'nationality_match'
  | 'nationality_conflict'
  | 'lei_conflict'
  | 'address_similarity';

/** One reason a candidate scored as it did: the feature's value (0..1) and what it added. */
export interface MatchFeature {
  name: MatchFeatureName;
  value: number;
  contribution: number;
}

export interface ScoredCandidate {
  /** 0..1, the features' contributions added and clamped. */
  score: number;
  features: MatchFeature[];
}

/**
 * What each feature adds at full value. An exact identifier (LEI, national id, wallet)
 * decides alone; a name decides only with what agrees beside it; a birth year or an LEI that
 * differs says "someone else of that name" (look-alikes are common: a few given and family
 * names cover much of any population).
 */
export const FEATURE_WEIGHTS: Readonly<Record<MatchFeatureName, number>> = {
  identifier_match: 1,
  name_similarity: 0.85,
  birth_date_match: 0.15,
  birth_date_conflict: -0.35,
  nationality_match: 0.05,
  nationality_conflict: -0.1,
  lei_conflict: -0.35,
  address_similarity: 0.05,
};

const round = (value: number) => Math.round(value * 1000) / 1000;

function bestSimilarity(a: readonly NormalizedName[], b: readonly NormalizedName[]): number {
  let best = 0;
  for (const x of a) for (const y of b) best = Math.max(best, nameSimilarity(x, y));
  return best;
}

/**
 * Birth dates compared at the precision both have: the same date is a match (1), the same
 * year a partial one (0.5: a day or month mistyped, or only the year known), another year a
 * conflict. Null when either is unknown.
 */
export function compareBirthDates(a: string, b: string): 'MATCH' | 'SAME_YEAR' | 'CONFLICT' {
  const precision = Math.min(a.length, b.length);
  if (a.slice(0, 4) !== b.slice(0, 4)) return 'CONFLICT';
  return a.slice(0, precision) === b.slice(0, precision) && precision > 4 ? 'MATCH' : 'SAME_YEAR';
}

/**
 * The most a party can score with names `nameSimilarity` alike and no identifier in common:
 * what an index prunes by before scoring a party, without losing one that would reach the
 * threshold (the rounding of each contribution is allowed for).
 */
export function scoreBoundWithoutIdentifier(query: MatchQuery, nameSimilarity: number): number {
  const w = FEATURE_WEIGHTS;
  return (
    nameSimilarity * w.name_similarity +
    (query.birthDate !== null ? w.birth_date_match : 0) +
    (query.nationality !== null ? w.nationality_match : 0) +
    (query.addresses.length > 0 ? w.address_similarity : 0) +
    0.002
  );
}

/** The name similarity below which a party without a common identifier cannot reach `threshold`. */
export function nameSimilarityNeeded(query: MatchQuery, threshold: number): number {
  return Math.max(
    0,
    (threshold - scoreBoundWithoutIdentifier(query, 0)) / FEATURE_WEIGHTS.name_similarity,
  );
}

/**
 * Scores one party against a query, feature by feature, so that an analyst can see why it
 * matched. Pure: the same query and party give the same score in every member. An index that
 * has already compared the names passes their similarity (`knownNameSimilarity`).
 */
export function scoreCandidate(
  query: MatchQuery,
  party: MatchableParty,
  knownNameSimilarity?: number,
): ScoredCandidate {
  const features: MatchFeature[] = [];
  const add = (name: MatchFeatureName, value: number) => {
    if (value !== 0)
      features.push({
        name,
        value: round(value),
        contribution: round(value * FEATURE_WEIGHTS[name]),
      });
  };
  // A party holds a handful of identifiers and wallets: a scan beats building sets.
  const identified =
    (query.lei !== null && party.identifiers.includes(query.lei)) ||
    query.idNumbers.some((id) => party.identifiers.includes(id)) ||
    query.wallets.some((wallet) => party.wallets.includes(wallet));
  if (identified) add('identifier_match', 1);
  if (query.names.length > 0) {
    add('name_similarity', knownNameSimilarity ?? bestSimilarity(query.names, party.names));
  }
  if (query.birthDate !== null && party.birthDate !== null) {
    const compared = compareBirthDates(query.birthDate, party.birthDate);
    if (compared === 'MATCH') add('birth_date_match', 1);
    else if (compared === 'SAME_YEAR') add('birth_date_match', 0.5);
    else add('birth_date_conflict', 1);
  }
  if (query.nationality !== null && party.nationality !== null) {
    add(query.nationality === party.nationality ? 'nationality_match' : 'nationality_conflict', 1);
  }
  // An LEI names one legal entity: two different ones are two companies, whatever the name.
  if (query.lei !== null && party.lei !== null && query.lei !== party.lei) add('lei_conflict', 1);
  if (query.addresses.length > 0 && party.addresses.length > 0) {
    const similarity = bestSimilarity(query.addresses, party.addresses);
    if (similarity >= 0.9) add('address_similarity', similarity);
  }
  const total = features.reduce((sum, feature) => sum + feature.contribution, 0);
  return { score: round(Math.min(1, Math.max(0, total))), features };
}
