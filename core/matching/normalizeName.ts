import { splitLegalForm } from './legalForms.js';
import { toLatin } from './toLatin.js';

export type MatchSchema = 'PERSON' | 'COMPANY';

/** A name as the matcher compares it. */
export interface NormalizedName {
  /** Lower-case ASCII tokens; for a company, its stem without the legal form. */
  tokens: readonly string[];
  /** A company's legal form under its abbreviation (`gmbh`, `pte ltd`); null for persons. */
  legalForm: string | null;
}

/**
 * Particles joined to the name they precede, so that `al-Rashid`, `Al Rashid` and the
 * romanised Arabic `alrashd` read as one token, as do `von der Heide` and `Vonderheide`.
 */
const PARTICLES: ReadonlySet<string> = new Set([
  'al',
  'el',
  'ad',
  'ar',
  'as',
  'ash',
  'at',
  'az',
  'bin',
  'ibn',
  'abu',
  'van',
  'von',
  'der',
  'den',
  'de',
  'du',
  'da',
  'di',
  'la',
  'le',
]);

function joinParticles(tokens: readonly string[]): string[] {
  const joined: string[] = [];
  let pending = '';
  tokens.forEach((token, i) => {
    if (PARTICLES.has(token) && i < tokens.length - 1) pending += token;
    else {
      joined.push(pending + token);
      pending = '';
    }
  });
  return joined;
}

/**
 * A name as registries of different countries write it, reduced to what they agree on:
 * Latin script without diacritics (toLatin), lower case, no punctuation (dots dropped so that
 * `S.r.l.` is `srl`; apostrophes dropped; hyphens, commas and quotes split), particles joined
 * to their name, and for a company its legal form set apart under one abbreviation. Name-part
 * order is kept: the comparison (nameSimilarity) ignores it.
 */
export function normalizeName(name: string, schema: MatchSchema): NormalizedName {
  const text = toLatin(name)
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  const tokens = text === '' ? [] : text.split(' ');
  if (schema === 'PERSON') return { tokens: joinParticles(tokens), legalForm: null };
  const { stem, legalForm } = splitLegalForm(tokens);
  const withoutArticle = stem.filter((token) => token !== 'the');
  return { tokens: withoutArticle.length > 0 ? withoutArticle : stem, legalForm };
}
