import type { MatchableParty, MatchQuery } from '../../../core/matching/MatchQuery.js';
import { consonantSkeleton, phoneticKey } from '../../../core/matching/nameSimilarity.js';
import { scoreCandidate } from '../../../core/matching/scoreCandidate.js';
import type { ScoredCandidate } from '../../../core/matching/scoreCandidate.js';
import type { NamedParty } from '../registry/everyParty.js';
import { matchableParty } from './matchableParty.js';

export interface IndexedParty extends NamedParty {
  matchable: MatchableParty;
}

export interface PartyMatch extends ScoredCandidate {
  entry: IndexedParty;
}

/**
 * The blocking keys of a name token: its first three letters and the first three of its
 * phonetic skeleton, so that `Petrov` meets `Petrow` and `Mohammed` meets `mhmd`, while a
 * query is scored against a few hundred parties, not all of them.
 */
function tokenKeys(token: string): string[] {
  return [`n:${token.slice(0, 3)}`, `s:${consonantSkeleton(phoneticKey(token)).slice(0, 3)}`];
}

function keysOf(
  party: Pick<MatchableParty, 'names'>,
  identifiers: readonly string[],
  wallets: readonly string[],
): Set<string> {
  const keys = new Set<string>();
  for (const name of party.names)
    for (const token of name.tokens) for (const key of tokenKeys(token)) keys.add(key);
  for (const id of identifiers) keys.add(`i:${id}`);
  for (const wallet of wallets) keys.add(`w:${wallet}`);
  return keys;
}

/**
 * A member's parties, held in memory for matching: each with its normalised names and
 * identifiers, and an inverted index from blocking keys to parties. Immutable: a refresh
 * builds a new one (openPartyIndex).
 */
export class PartyIndex {
  readonly #entries: IndexedParty[] = [];
  readonly #blocks = new Map<string, number[]>();

  add(named: NamedParty): void {
    const matchable = matchableParty(named.party, named.walletIds);
    const position = this.#entries.push({ ...named, matchable }) - 1;
    for (const key of keysOf(matchable, matchable.identifiers, matchable.wallets)) {
      const block = this.#blocks.get(key);
      if (block) block.push(position);
      else this.#blocks.set(key, [position]);
    }
  }

  get size(): number {
    return this.#entries.length;
  }

  /** Parties of the query's schema scoring at least `threshold`, best first, at most `limit`. */
  match(query: MatchQuery, threshold: number, limit: number): PartyMatch[] {
    const positions = new Set<number>();
    for (const key of keysOf(
      query,
      [...query.idNumbers, ...(query.lei ? [query.lei] : [])],
      query.wallets,
    )) {
      for (const position of this.#blocks.get(key) ?? []) positions.add(position);
    }
    const matches: PartyMatch[] = [];
    for (const position of positions) {
      const entry = this.#entries[position]!;
      if (entry.matchable.schema !== query.schema) continue;
      const scored = scoreCandidate(query, entry.matchable);
      if (scored.score >= threshold) matches.push({ ...scored, entry });
    }
    return matches
      .sort((a, b) => b.score - a.score || a.entry.recordId.localeCompare(b.entry.recordId))
      .slice(0, limit);
  }
}
