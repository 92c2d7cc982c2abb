import { jaroWinkler } from '@skyra/jaro-winkler';
import type { NormalizedName } from './normalizeName.js';

/**
 * Spellings that romanisations of one name differ by (`Viktor` / `Victor`, `Petrov` /
 * `Petrow`, `Yevgeny` / `Jewgeni`, `Schmidt` / `Shmidt`), rewritten to one: a phonetic key in
 * the spirit of the transliteration tables, not a sound model of any one language.
 */
const PHONETIC_RULES: readonly (readonly [RegExp, string])[] = [
  [/sch/g, 'sh'],
  [/tch/g, 'ch'],
  [/ph/g, 'f'],
  [/ck/g, 'k'],
  [/kh/g, 'h'],
  [/dj/g, 'j'],
  [/x/g, 'ks'],
  [/q/g, 'k'],
  [/c/g, 'k'],
  [/w/g, 'v'],
  [/[yj]/g, 'i'],
  [/ou/g, 'u'],
  [/oo/g, 'u'],
  [/ee/g, 'i'],
  [/(.)\1+/g, '$1'],
];

/** The phonetic key of a normalised token (see PHONETIC_RULES). */
export function phoneticKey(token: string): string {
  let key = token;
  for (const [pattern, replacement] of PHONETIC_RULES) key = key.replace(pattern, replacement);
  return key;
}

/**
 * A token's consonant skeleton: vowels after the first letter dropped and doubled letters
 * merged. Romanised Arabic has no short vowels (`mhmd`), and transliterations disagree most on
 * vowels (`Mohammed`, `Muhammad`); their skeletons agree (`mhmd`).
 */
export function consonantSkeleton(token: string): string {
  const head = token.slice(0, 1);
  const rest = token.slice(1).replace(/[aeiouy]/g, '');
  return (head + rest).replace(/(.)\1+/g, '$1');
}

/** Tokens equal once romanisation differences are set aside: nearly as good as equal. */
const SAME_KEY = 0.98;
/** A skeleton agreement is weaker evidence than the spelling's own. */
const SKELETON_WEIGHT = 0.95;
/**
 * Below this, two tokens are different names that share letters (`Martin`, `Bernard`:
 * Jaro-Winkler 0.73); their similarity is pushed down steeply so that one shared first name
 * does not carry a pair of names.
 */
const SAME_NAME_FLOOR = 0.9;

/** A token with the forms tokenSimilarity compares, computed once (an index keeps them). */
export interface TokenForms {
  token: string;
  key: string;
  /** The skeleton of the phonetic key. */
  skeleton: string;
}

export function tokenForms(token: string): TokenForms {
  const key = phoneticKey(token);
  return { token, key, skeleton: consonantSkeleton(key) };
}

/** tokenSimilarity on forms already computed: the matcher's inner loop. */
export function formSimilarity(a: TokenForms, b: TokenForms): number {
  if (a.token === b.token) return 1;
  if (a.key === b.key) return SAME_KEY;
  let similarity = Math.max(jaroWinkler(a.token, b.token), jaroWinkler(a.key, b.key));
  if (a.skeleton.length >= 3 && b.skeleton.length >= 3) {
    similarity = Math.max(similarity, SKELETON_WEIGHT * jaroWinkler(a.skeleton, b.skeleton));
  }
  return similarity >= SAME_NAME_FLOOR
    ? similarity
    : similarity * (similarity / SAME_NAME_FLOOR) ** 3;
}

/** Similarity of two tokens, 0..1: Jaro-Winkler of the spellings, phonetic keys or skeletons. */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return formSimilarity(tokenForms(a), tokenForms(b));
}

/** Per name part the longer name has and the shorter lacks (a missing middle name). */
const MISSING_PART_FACTOR = 0.95;
/** A lone name part against a full name is weak evidence (`Petrov` for `Viktor Petrov`). */
const SINGLE_PART_FACTOR = 0.8;

/**
 * How alike two normalised names are, 0..1, whatever the order of their parts: each part of
 * the shorter name is paired with the most similar unused part of the longer one, the pairs'
 * mean is lowered per part left unpaired, and the names written as one word (`Jean Pierre`,
 * `Jeanpierre`) are compared too. `similarityOf` is tokenSimilarity, or an index's cache of it.
 */
export function nameSimilarity(
  a: NormalizedName,
  b: NormalizedName,
  similarityOf: (x: string, y: string) => number = tokenSimilarity,
): number {
  if (a.tokens.length === 0 || b.tokens.length === 0) return 0;
  const [shorter, longer] =
    a.tokens.length <= b.tokens.length ? [a.tokens, b.tokens] : [b.tokens, a.tokens];
  // Pairs greedily, first best in order; a part whose every pairing scores 0 takes the first
  // part left, so that the count of parts left unpaired stays the same.
  const used = new Uint8Array(longer.length);
  let total = 0;
  for (const token of shorter) {
    let best = 0;
    let bestIndex = -1;
    for (let index = 0; index < longer.length; index++) {
      if (used[index] === 1) continue;
      if (bestIndex === -1) bestIndex = index;
      const similarity = similarityOf(token, longer[index]!);
      if (similarity > best) {
        best = similarity;
        bestIndex = index;
      }
    }
    total += best;
    used[bestIndex] = 1;
  }
  const missing = longer.length - shorter.length;
  const factor =
    missing === 0 ? 1 : shorter.length === 1 ? SINGLE_PART_FACTOR : MISSING_PART_FACTOR ** missing;
  const paired = (total / shorter.length) * factor;
  // Parts written as one word (`Jeanpierre`): only where the part counts differ, and between
  // spellings of about the same length, or `Viktor` would pass for the start of `Viktorpetrov`.
  if (missing === 0) return paired;
  const [joinedA, joinedB] = [a.tokens.join(''), b.tokens.join('')];
  const comparable =
    Math.min(joinedA.length, joinedB.length) >= 0.85 * Math.max(joinedA.length, joinedB.length);
  return comparable ? Math.max(paired, jaroWinkler(joinedA, joinedB)) : paired;
}
