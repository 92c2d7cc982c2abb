/** A place in a source text that spells out the members instead of reading the membership. */
export interface MemberListFinding {
  line: number;
  kind: 'literal list' | 'selections' | 'object keys';
  text: string;
}

/** How many distinct member codes make a list "the members": all of them, at most three. */
const enough = (codes: readonly string[]) => Math.min(3, codes.length);

const STRING_TOKEN = /(['"`])([^'"`\n\\]{1,40})\1/y;
const SEPARATOR = /\s*[,|]\s*/y;
const COUNTRY_CODE = /^[A-Za-z]{2}$/;
const QUOTES = new Set(["'", '"', '`']);

/**
 * Where `text` names at least three members (every member when fewer) one after another:
 *
 * - a run of string literals separated by `,` or `|` (an array, a union, arguments) whose
 *   two-letter entries, in either case, are all member codes, with or without other words
 *   (`'directory'`). A run with a country that is no member is a list of countries, not of
 *   members, and passes;
 * - GraphQL selections of the members' namespace fields close together (`xx { … } yy { … }`);
 * - object keys named after the namespace fields close together (`{ xx: …, yy: … }`).
 *
 * `codes` are the members' namespace fields, lower case. Selections and keys are matched in
 * lower case only: upper-case keys are countries (a table of legal forms), not namespaces.
 */
export function findMemberLists(text: string, codes: readonly string[]): MemberListFinding[] {
  const members = new Set(codes.map((code) => code.toLowerCase()));
  const findings: MemberListFinding[] = [];
  const lineAt = (index: number) => text.slice(0, index).split('\n').length;
  const add = (kind: MemberListFinding['kind'], start: number, end: number) =>
    findings.push({ kind, line: lineAt(start), text: text.slice(start, end).replace(/\s+/g, ' ') });

  for (let index = 0; index < text.length;) {
    const run = QUOTES.has(text[index]!) ? literalRun(text, index) : null;
    if (run === null) {
      index += 1;
      continue;
    }
    const countries = run.values.filter((value) => COUNTRY_CODE.test(value));
    const named = new Set(
      countries.map((value) => value.toLowerCase()).filter((v) => members.has(v)),
    );
    if (named.size >= enough(codes) && countries.every((value) => members.has(value.toLowerCase())))
      add('literal list', run.start, run.end);
    index = run.end;
  }

  const alternatives = [...members].join('|');
  if (alternatives === '') return findings;
  // A namespace field opening a selection set, after optional arguments and directives.
  const selection = new RegExp(
    `(?<![\\w.$-])(${alternatives})\\s*(?:\\([^)]*\\)\\s*)?(?:@\\w+(?:\\([^)]*\\))?\\s*)*\\{`,
    'g',
  );
  clusters(text, selection, 1_500, codes).forEach(([start, end]) => add('selections', start, end));
  const key = new RegExp(`(?<![\\w.$-])['"]?(${alternatives})['"]?\\s*:(?!:)`, 'g');
  clusters(text, key, 400, codes).forEach(([start, end]) => add('object keys', start, end));
  return findings.sort((a, b) => a.line - b.line);
}

/** Two or more string literals from `start`, separated by `,` or `|`; null when fewer. */
function literalRun(
  text: string,
  start: number,
): { start: number; end: number; values: string[] } | null {
  const values: string[] = [];
  let at = start;
  let end = start;
  for (;;) {
    STRING_TOKEN.lastIndex = at;
    const token = STRING_TOKEN.exec(text);
    if (token === null) break;
    values.push(token[2]!);
    end = STRING_TOKEN.lastIndex;
    SEPARATOR.lastIndex = end;
    if (SEPARATOR.exec(text) === null) break;
    at = SEPARATOR.lastIndex;
  }
  return values.length >= 2 ? { start, end, values } : null;
}

/**
 * Spans where matches of `pattern` name enough distinct members, each within `width`
 * characters of the span's first match; spans do not overlap.
 */
function clusters(
  text: string,
  pattern: RegExp,
  width: number,
  codes: readonly string[],
): [number, number][] {
  const matches = [...text.matchAll(pattern)].map((match) => ({
    code: match[1]!.toLowerCase(),
    start: match.index,
    end: match.index + match[0].length,
  }));
  const spans: [number, number][] = [];
  for (let first = 0; first < matches.length;) {
    const seen = new Set<string>();
    let last = first;
    for (let next = first; next < matches.length; next++) {
      if (matches[next]!.start - matches[first]!.start > width) break;
      seen.add(matches[next]!.code);
      last = next;
      if (seen.size >= enough(codes)) break;
    }
    if (seen.size >= enough(codes)) {
      spans.push([matches[first]!.start, matches[last]!.end]);
      first = last + 1;
    } else {
      first += 1;
    }
  }
  return spans;
}
