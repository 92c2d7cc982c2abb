import type { AccessDenialReason } from './decideAccess.js';
import { createPseudonymizer } from './pseudonym.js';
import type { Caller, MinimizeRule } from './types.js';

/** MASK: trailing characters kept when the rule gives no `keep`. */
export const DEFAULT_MASK_KEEP = 4;

/**
 * MASK replaces characters with this bullet rather than `*`, which occurs in real values
 * (references, wildcards) and would make a masked value look like a plausible cleartext one.
 */
export const MASK_CHARACTER = '•';

/**
 * RANGE buckets when the rule gives none: the thresholds EU AML law draws in euro, 1 000
 * (transfer-of-funds rule for crypto-assets, Regulation (EU) 2023/1113) and 10 000 (cash
 * payment cap, Regulation (EU) 2024/1624), then each further order of magnitude. They are read
 * in the amount's own unit; a rule on native crypto amounts should give its own buckets.
 */
export const DEFAULT_RANGE_BUCKETS: readonly string[] = ['1000', '10000', '100000', '1000000'];

export interface MinimizeContext {
  /** The case's pseudonym key (derivePseudonymKey); null without a case: see `cannotApply`. */
  pseudonymKey: Uint8Array | null;
}

/**
 * Whether the rule reduces the value for this caller: not when the caller holds one of its
 * `unlessRoles`, states one of its `unlessPurposes` or comes from one of its
 * `unlessCountries`.
 */
export function minimizationApplies(rule: MinimizeRule, caller: Caller): boolean {
  if (caller.roles.some((role) => rule.unlessRoles.includes(role))) return false;
  if (caller.purpose !== null && rule.unlessPurposes.includes(caller.purpose)) return false;
  if (rule.unlessCountries.includes(caller.homeCountry)) return false;
  return true;
}

/**
 * Why the rule's strategy cannot be carried out for this request, or null when it can. A
 * PSEUDONYM needs the case's key: without a case there is nothing a pseudonym may join, and
 * one without a case would be a federation-wide linkage key. The value is then withheld, and
 * the caller must be told so, as for any withheld field, rather than receive a silent null.
 */
export function cannotApply(
  rule: MinimizeRule,
  context: MinimizeContext,
): AccessDenialReason | null {
  return rule.strategy === 'PSEUDONYM' && context.pseudonymKey === null
    ? 'CASE_REF_REQUIRED'
    : null;
}

/**
 * The value in the form the rule lets it leave. Null stays null (EXISTS answers false);
 * lists are reduced element by element, except under EXISTS, which answers once for the
 * whole list so that the number of entries does not leak. Fails closed: a value the strategy
 * cannot read (a malformed date, a non-decimal amount, an object) becomes null, never the
 * value itself; so does a strategy that cannot apply at all (`cannotApply`), which enforcement
 * reports as withheld before this is reached.
 */
export function minimize(value: unknown, rule: MinimizeRule, context: MinimizeContext): unknown {
  if (rule.strategy === 'EXISTS') return exists(value);
  return minimizeEach(value, rule, context);
}

function minimizeEach(value: unknown, rule: MinimizeRule, context: MinimizeContext): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((element) => minimizeEach(element, rule, context));
  switch (rule.strategy) {
    case 'REDACT':
      return null;
    case 'MASK':
      return typeof value === 'string' ? mask(value, rule.keep ?? DEFAULT_MASK_KEEP) : null;
    case 'INITIALS':
      return typeof value === 'string' ? initials(value) : null;
    case 'PSEUDONYM':
      if (typeof value !== 'string' || value.trim() === '' || context.pseudonymKey === null) {
        // A blank value would share one pseudonym with every other blank value: a false join.
        return null;
      }
      return pseudonymizerFor(context.pseudonymKey)(value);
    case 'YEAR':
      return truncateDate(value, 'YEAR');
    case 'MONTH':
      return truncateDate(value, 'MONTH');
    case 'RANGE':
      return rangeLabel(value, rule.buckets ?? DEFAULT_RANGE_BUCKETS);
    case 'EXISTS':
      return exists(value);
  }
}

/**
 * One pseudonymizer per case key. The keyring hands out the same key object for a case while
 * it keeps it, so a case's analysts share one cache; a key it has dropped takes its cache with it.
 */
const pseudonymizers = new WeakMap<Uint8Array, (value: string) => string>();

function pseudonymizerFor(key: Uint8Array): (value: string) => string {
  let pseudonymizer = pseudonymizers.get(key);
  if (pseudonymizer === undefined) {
    pseudonymizer = createPseudonymizer(key, PSEUDONYMS_KEPT_PER_CASE);
    pseudonymizers.set(key, pseudonymizer);
  }
  return pseudonymizer;
}

/** The keyring keeps up to 1,000 cases: 256 results each bound the whole to about 40 MB. */
const PSEUDONYMS_KEPT_PER_CASE = 256;

function exists(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.some(exists);
  return true;
}

/**
 * Counts characters as code points, so an accented or non-Latin value keeps its visible
 * length and no surrogate half is shown. At most half of them are kept visible.
 */
function mask(value: string, keep: number): string {
  const characters = Array.from(value);
  const requested = Number.isInteger(keep) && keep > 0 ? keep : 0;
  const visible = Math.min(requested, Math.floor(characters.length / 2));
  const hidden = characters.length - visible;
  return MASK_CHARACTER.repeat(hidden) + characters.slice(hidden).join('');
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The first letter or digit of a name part, whole (`É`, not `E` and a loose accent). */
function initialOf(part: string): string | null {
  for (const { segment } of graphemes.segment(part)) {
    if (/^[\p{L}\p{N}]/u.test(segment)) return segment;
  }
  return null;
}

/**
 * `Jean-Pierre Dupont` → `J.-P. D.`: each whitespace-separated word becomes its initials,
 * hyphenated parts keep their hyphen. Case is kept as written (`van der Berg` → `v. d. B.`),
 * so particles stay recognisable. Punctuation-only words (`,`, `&`) are dropped.
 */
function initials(value: string): string | null {
  const words = value
    .normalize('NFC')
    .split(/\s+/u)
    .map((word) =>
      word
        .split('-')
        .map(initialOf)
        .filter((initial): initial is string => initial !== null)
        .map((initial) => `${initial}.`)
        .join('-'),
    )
    .filter((word) => word !== '');
  return words.length === 0 ? null : words.join(' ');
}

const DATE_PATTERN =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

/**
 * ISO 8601 calendar dates are cut as written; timestamps with an offset are first brought to
 * UTC (`1984-06-30T23:30:00-02:00` is in July), the time base docs/architecture.md §3 fixes. A value less
 * precise than asked (`1984` under MONTH) leaves as it is: it already says less.
 */
function truncateDate(value: unknown, precision: 'YEAR' | 'MONTH'): string | null {
  const utc = value instanceof Date ? utcParts(value) : parseIsoDate(value);
  if (utc === null) return null;
  if (precision === 'YEAR' || utc.month === null) return utc.year;
  return `${utc.year}-${utc.month}`;
}

interface DateParts {
  year: string;
  month: string | null;
}

function utcParts(date: Date): DateParts | null {
  if (Number.isNaN(date.getTime())) return null;
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) return null;
  return {
    year: String(year).padStart(4, '0'),
    month: String(date.getUTCMonth() + 1).padStart(2, '0'),
  };
}

function parseIsoDate(value: unknown): DateParts | null {
  if (typeof value !== 'string') return null;
  const match = DATE_PATTERN.exec(value.trim());
  if (match === null) return null;
  const [, year, month, day, hour, minute, second, offset] = match;
  if (year === undefined) return null;
  if (month === undefined) return { year, month: null };
  if (!isWithin(month, 1, 12)) return null;
  if (day !== undefined && !isWithin(day, 1, daysInMonth(Number(year), Number(month)))) {
    return null;
  }
  if (hour !== undefined && !(isWithin(hour, 0, 23) && isWithin(minute, 0, 59))) return null;
  // 60 admits a leap second.
  if (second !== undefined && !isWithin(second, 0, 60)) return null;
  if (offset === undefined || offset === 'Z' || day === undefined) return { year, month };

  const offsetDigits = offset.slice(1).replace(':', '');
  const offsetHours = offsetDigits.slice(0, 2);
  const offsetMinutes = offsetDigits.slice(2);
  if (!isWithin(offsetHours, 0, 23) || !isWithin(offsetMinutes, 0, 59)) return null;
  const offsetSign = offset.startsWith('-') ? -1 : 1;
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not turn years 0-99 into 1900-1999.
  date.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  date.setUTCHours(Number(hour), Number(minute));
  date.setUTCMinutes(
    date.getUTCMinutes() - offsetSign * (Number(offsetHours) * 60 + Number(offsetMinutes)),
  );
  return utcParts(date);
}

function isWithin(digits: string | undefined, min: number, max: number): boolean {
  const number = Number(digits);
  return digits !== undefined && number >= min && number <= max;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

const DECIMAL_PATTERN = /^([+-]?)(\d+)(?:\.(\d+))?$/;

interface Decimal {
  negative: boolean;
  integer: string;
  fraction: string;
}

/** Parses a decimal string without floats, dropping leading and trailing zeros. */
function parseDecimal(text: string): Decimal | null {
  const match = DECIMAL_PATTERN.exec(text.trim());
  if (match === null) return null;
  const integer = (match[2] ?? '').replace(/^0+/, '');
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  // -0 and 0 are the same amount.
  const negative = match[1] === '-' && (integer !== '' || fraction !== '');
  return { negative, integer, fraction };
}

/**
 * Exact comparison of two decimals: amounts are strings (docs/architecture.md §3) and may carry 18 decimal
 * places (wei) or more digits than a double holds, so a float compare would misplace values
 * next to a bucket bound.
 */
function compareDecimals(a: Decimal, b: Decimal): number {
  if (a.negative !== b.negative) return a.negative ? -1 : 1;
  const magnitude = compareMagnitudes(a, b);
  return a.negative ? -magnitude : magnitude;
}

function compareMagnitudes(a: Decimal, b: Decimal): number {
  if (a.integer.length !== b.integer.length) return a.integer.length < b.integer.length ? -1 : 1;
  if (a.integer !== b.integer) return a.integer < b.integer ? -1 : 1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, '0');
  const fb = b.fraction.padEnd(width, '0');
  if (fa === fb) return 0;
  return fa < fb ? -1 : 1;
}

/**
 * The label of the bucket the amount falls in. Bounds are upper bounds, lower bound
 * included: with ["1000", "10000"], 999.99 → `<1000`, 1000 → `1000-10000`, 10000 →
 * `>=10000`. Labels use the bounds as the rule writes them. Buckets that are not strictly
 * ascending decimals make the rule unreadable, and the amount is redacted.
 */
function rangeLabel(value: unknown, buckets: readonly string[]): string | null {
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'bigint' || (typeof value === 'number' && Number.isFinite(value))
        ? String(value)
        : null;
  if (text === null || buckets.length === 0) return null;
  const amount = parseDecimal(text);
  const bounds = buckets.map(parseDecimal);
  if (amount === null || bounds.some((bound) => bound === null)) return null;
  const parsed = bounds as Decimal[];
  for (let i = 1; i < parsed.length; i += 1) {
    if (compareDecimals(parsed[i - 1], parsed[i]) >= 0) return null;
  }
  const index = parsed.findIndex((bound) => compareDecimals(amount, bound) < 0);
  if (index === 0) return `<${buckets[0]}`;
  if (index === -1) return `>=${buckets[buckets.length - 1]}`;
  return `${buckets[index - 1]}-${buckets[index]}`;
}
