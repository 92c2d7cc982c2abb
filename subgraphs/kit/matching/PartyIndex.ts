import { jaroWinkler } from '@skyra/jaro-winkler';
import type { MatchableParty, MatchQuery } from '../../../core/matching/MatchQuery.js';
import {
  formSimilarity,
  nameSimilarity,
  tokenForms,
} from '../../../core/matching/nameSimilarity.js';
import type { TokenForms } from '../../../core/matching/nameSimilarity.js';
import { normalizeName } from '../../../core/matching/normalizeName.js';
import type { MatchSchema, NormalizedName } from '../../../core/matching/normalizeName.js';
import {
  nameSimilarityNeeded,
  scoreBoundWithoutIdentifier,
  scoreCandidate,
} from '../../../core/matching/scoreCandidate.js';
import type { ScoredCandidate } from '../../../core/matching/scoreCandidate.js';
import type { NamedParty } from '../registry/everyParty.js';
import { matchableParty } from './matchableParty.js';

export interface IndexedParty extends NamedParty {
  matchable: MatchableParty;
}

export interface PartyMatch extends ScoredCandidate {
  entry: IndexedParty;
}

/** One distinct name of the index's parties, with the parties that bear it. */
interface IndexedName {
  schema: MatchSchema;
  name: NormalizedName;
  entries: number[];
}

/** One distinct name part (token) of the index, its compared forms and the names holding it. */
interface IndexedToken {
  forms: TokenForms;
  names: number[];
}

/** A name written as one word (`jeanpierre`), which nameSimilarity also compares. */
interface IndexedJoined {
  text: string;
  names: number[];
}

/**
 * Where a spelling is looked for: its first three letters, and the first and last three of
 * its phonetic skeleton, so that `Petrov` meets `Petrow`, `Mohammed` meets `mhmd` and
 * `Yevgeny` meets `Evgeny`. These keys lead to distinct tokens, not to parties: a token
 * reached is kept only if it is alike enough to count (see match).
 */
function spellingKeys(forms: TokenForms): string[] {
  const keys = [`n:${forms.token.slice(0, 3)}`, `s:${forms.skeleton.slice(0, 3)}`];
  if (forms.skeleton.length >= 3) keys.push(`e:${forms.skeleton.slice(-3)}`);
  return keys;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

/** Entries whose name is not one distinct name (several, or none) are compared name by name. */
const NO_SINGLE_NAME = -1;

/**
 * A member's parties, held in memory for matching (docs/matching.md, "The index"). Normalised
 * once at build: each distinct name and name part is kept once, with its compared forms, so a
 * query compares each distinct spelling once and each distinct name once, then scores only the
 * parties whose name can still reach the threshold, and every party sharing an identifier or
 * wallet with the query. Immutable once built: a refresh builds a new one (openPartyIndex).
 */
export class PartyIndex {
  readonly #entries: IndexedParty[] = [];
  /** Per entry, its one distinct name's id, or NO_SINGLE_NAME. */
  readonly #entryName: number[] = [];
  readonly #names: IndexedName[] = [];
  readonly #nameIds = new Map<string, number>();
  readonly #tokens: IndexedToken[] = [];
  readonly #tokenIds = new Map<string, number>();
  readonly #joined: IndexedJoined[] = [];
  readonly #joinedIds = new Map<string, number>();
  /** Spelling key → token ids, and → joined-name ids. */
  readonly #tokenBlocks = new Map<string, number[]>();
  readonly #joinedBlocks = new Map<string, number[]>();
  /** `i:` identifier or `w:` wallet → entry positions. */
  readonly #identifierBlocks = new Map<string, number[]>();
  /**
   * Per name, the query that last reached it and that query's similarity to it: a match is
   * synchronous, so one set of arrays serves every query, with no set or map per query.
   */
  #reachedBy = new Int32Array(0);
  #comparedBy = new Int32Array(0);
  #similarity = new Float64Array(0);
  #queries = 0;
  /** Registries repeat names (a party in several records): each spelling is normalised once. */
  readonly #normalized = new Map<string, NormalizedName>();

  readonly #normalize = (raw: string, schema: MatchSchema): NormalizedName => {
    const key = `${schema}\u0000${raw}`;
    let name = this.#normalized.get(key);
    if (name === undefined) {
      name = normalizeName(raw, schema);
      this.#normalized.set(key, name);
    }
    return name;
  };

  add(named: NamedParty): void {
    const matchable = matchableParty(named.party, named.walletIds, this.#normalize);
    const position = this.#entries.push({ ...named, matchable }) - 1;
    const nameIds = matchable.names.map((name) => this.#internName(matchable.schema, name));
    const distinct = [...new Set(nameIds)];
    this.#entryName.push(distinct.length === 1 ? distinct[0]! : NO_SINGLE_NAME);
    for (const id of distinct) this.#names[id]!.entries.push(position);
    for (const id of matchable.identifiers) push(this.#identifierBlocks, `i:${id}`, position);
    for (const wallet of matchable.wallets) push(this.#identifierBlocks, `w:${wallet}`, position);
  }

  #internName(schema: MatchSchema, name: NormalizedName): number {
    const key = `${schema}:${name.tokens.join(' ')}`;
    const known = this.#nameIds.get(key);
    if (known !== undefined) return known;
    const id = this.#names.push({ schema, name, entries: [] }) - 1;
    this.#nameIds.set(key, id);
    for (const token of name.tokens) {
      let tokenId = this.#tokenIds.get(token);
      if (tokenId === undefined) {
        const forms = tokenForms(token);
        tokenId = this.#tokens.push({ forms, names: [] }) - 1;
        this.#tokenIds.set(token, tokenId);
        for (const key of spellingKeys(forms)) push(this.#tokenBlocks, key, tokenId);
      }
      const holders = this.#tokens[tokenId]!.names;
      if (holders[holders.length - 1] !== id) holders.push(id);
    }
    const text = name.tokens.join('');
    let joinedId = this.#joinedIds.get(text);
    if (joinedId === undefined) {
      joinedId = this.#joined.push({ text, names: [] }) - 1;
      this.#joinedIds.set(text, joinedId);
      for (const key of spellingKeys(tokenForms(text))) push(this.#joinedBlocks, key, joinedId);
    }
    this.#joined[joinedId]!.names.push(id);
    return id;
  }

  get size(): number {
    return this.#entries.length;
  }

  /** Distinct names and name parts: what a query compares against, at most. */
  get distinct(): { names: number; tokens: number } {
    return { names: this.#names.length, tokens: this.#tokens.length };
  }

  /**
   * Parties of the query's schema scoring at least `threshold`, best first, at most `limit`.
   * The same parties and scores as scoreCandidate over every party, but for a name alike only
   * in spellings that share none of their spelling keys (test/subgraphs/kit/matching/
   * partyIndexRecall.test.ts holds it to the scorer on the labelled set).
   */
  match(query: MatchQuery, threshold: number, limit: number): PartyMatch[] {
    if (this.#reachedBy.length < this.#names.length || this.#queries >= 2 ** 30) {
      this.#queries = 0;
      this.#reachedBy = new Int32Array(this.#names.length);
      this.#comparedBy = new Int32Array(this.#names.length);
      this.#similarity = new Float64Array(this.#names.length);
    }
    const serial = ++this.#queries;
    const similarityOf = this.#tokenSimilarityCache(query);
    const similarityTo = (id: number): number => {
      if (this.#comparedBy[id] === serial) return this.#similarity[id]!;
      let similarity = 0;
      const { name } = this.#names[id]!;
      for (const asked of query.names) {
        similarity = Math.max(similarity, nameSimilarity(asked, name, similarityOf));
      }
      this.#comparedBy[id] = serial;
      this.#similarity[id] = similarity;
      return similarity;
    };
    const entrySimilarity = (position: number): number => {
      const single = this.#entryName[position]!;
      if (single !== NO_SINGLE_NAME) return similarityTo(single);
      let best = 0;
      for (const name of this.#entries[position]!.matchable.names) {
        for (const asked of query.names) {
          best = Math.max(best, nameSimilarity(asked, name, similarityOf));
        }
      }
      return best;
    };

    const matches: PartyMatch[] = [];
    const scored = new Set<number>();
    const score = (position: number) => {
      if (scored.has(position)) return;
      scored.add(position);
      const entry = this.#entries[position]!;
      if (entry.matchable.schema !== query.schema) return;
      const known = query.names.length > 0 ? entrySimilarity(position) : undefined;
      const candidate = scoreCandidate(query, entry.matchable, known);
      if (candidate.score >= threshold) matches.push({ ...candidate, entry });
    };

    // An identifier or wallet in common decides alone: every such party is scored.
    for (const id of [...query.idNumbers, ...(query.lei ? [query.lei] : [])]) {
      for (const position of this.#identifierBlocks.get(`i:${id}`) ?? []) score(position);
    }
    for (const wallet of query.wallets) {
      for (const position of this.#identifierBlocks.get(`w:${wallet}`) ?? []) score(position);
    }

    // Otherwise the name must carry the score: a party whose name is too unlike to reach the
    // threshold with every other feature agreeing is not scored. Its name similarity is at
    // least `needed` only if a part of it is that alike to a part of the query's name (the
    // pairs' mean is at most the best pair) or the names written as one word are.
    if (query.names.length > 0) {
      const needed = nameSimilarityNeeded(query, threshold);
      for (const id of this.#candidateNames(query, needed, similarityOf, serial)) {
        const indexed = this.#names[id]!;
        if (indexed.schema !== query.schema) continue;
        if (scoreBoundWithoutIdentifier(query, similarityTo(id)) < threshold) continue;
        for (const position of indexed.entries) score(position);
      }
      // Parties with several names were reached by each: scored once, on their best name.
    }

    return matches
      .sort((a, b) => b.score - a.score || a.entry.recordId.localeCompare(b.entry.recordId))
      .slice(0, limit);
  }

  /** Ids of the names holding a part (or written as one word) at least `needed` alike. */
  #candidateNames(
    query: MatchQuery,
    needed: number,
    similarityOf: (x: string, y: string) => number,
    serial: number,
  ): number[] {
    const names: number[] = [];
    const reach = (ids: readonly number[]) => {
      for (const id of ids) {
        if (this.#reachedBy[id] === serial) continue;
        this.#reachedBy[id] = serial;
        names.push(id);
      }
    };
    // A token or joined name taken once is not compared again; one found unlike may still be
    // alike to another part of the query.
    const takenTokens = new Set<number>();
    const takenJoined = new Set<number>();
    for (const asked of query.names) {
      for (const token of asked.tokens) {
        for (const key of spellingKeys(tokenForms(token))) {
          for (const tokenId of this.#tokenBlocks.get(key) ?? []) {
            if (takenTokens.has(tokenId)) continue;
            const indexed = this.#tokens[tokenId]!;
            if (similarityOf(token, indexed.forms.token) < needed) continue;
            takenTokens.add(tokenId);
            reach(indexed.names);
          }
        }
      }
      const text = asked.tokens.join('');
      for (const key of spellingKeys(tokenForms(text))) {
        for (const joinedId of this.#joinedBlocks.get(key) ?? []) {
          if (takenJoined.has(joinedId)) continue;
          const joined = this.#joined[joinedId]!;
          if (jaroWinkler(text, joined.text) < needed) continue;
          takenJoined.add(joinedId);
          reach(joined.names);
        }
      }
    }
    return names;
  }

  /**
   * tokenSimilarity between the query's parts and the index's, each pair computed once per
   * query on forms computed once (the query's here, the index's at build).
   */
  #tokenSimilarityCache(query: MatchQuery): (x: string, y: string) => number {
    const asked = new Map<string, { forms: TokenForms; known: Map<string, number> }>();
    for (const name of query.names) {
      for (const token of name.tokens) {
        if (!asked.has(token)) asked.set(token, { forms: tokenForms(token), known: new Map() });
      }
    }
    const formsOf = (token: string): TokenForms => {
      const id = this.#tokenIds.get(token);
      return id === undefined ? tokenForms(token) : this.#tokens[id]!.forms;
    };
    return (x, y) => {
      if (x === y) return 1;
      // Symmetric: whichever side is the query's holds the cache.
      const [own, other] = asked.has(x) ? [asked.get(x)!, y] : [asked.get(y), x];
      if (own === undefined) return formSimilarity(formsOf(x), formsOf(y));
      let similarity = own.known.get(other);
      if (similarity === undefined) {
        similarity = formSimilarity(own.forms, formsOf(other));
        own.known.set(other, similarity);
      }
      return similarity;
    };
  }
}
