import transliterate from '@sindresorhus/transliterate';

/**
 * Greek the generic table renders letter by letter or in its ancient value (`ου` → `oy`,
 * `β` → `b`); ELOT 743, the romanisation Greek passports use, reads `ou` and `v`.
 */
const GREEK_DIGRAPHS: readonly (readonly [RegExp, string])[] = [
  [/ου/g, 'ou'],
  [/ΟΥ/g, 'OU'],
  [/Ου/g, 'Ou'],
  [/αυ/g, 'av'],
  [/ευ/g, 'ev'],
  [/β/g, 'v'],
  [/Β/g, 'V'],
];

/**
 * A name in Latin letters without diacritics: accents dropped (`Élodie` → `Elodie`, `Müller`
 * → `Muller`, as registries that cannot store them write them), other scripts romanised —
 * Cyrillic, Greek (with ELOT 743 digraphs), Arabic (consonants only: the script writes no
 * short vowels) — by @sindresorhus/transliterate's tables.
 */
export function toLatin(value: string): string {
  let text = value.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  for (const [pattern, replacement] of GREEK_DIGRAPHS) text = text.replace(pattern, replacement);
  return transliterate(text);
}
