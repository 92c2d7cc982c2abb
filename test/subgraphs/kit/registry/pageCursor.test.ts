import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  checkPageSize,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  type CursorKey,
} from '../../../../subgraphs/kit/registry/pageCursor.js';

const BAD_CURSOR = { code: 'BAD_USER_INPUT', argumentName: 'after', reason: 'BAD_CURSOR' };
const OUT_OF_RANGE = { code: 'BAD_USER_INPUT', argumentName: 'first', reason: 'OUT_OF_RANGE' };

/** What `fn` threw, so each case can say what it must be. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Base64url of any text: a cursor that is well-formed on the outside. */
const base64url = (text: string) => Buffer.from(text).toString('base64url');
const pair = (sortValue: unknown, id: unknown = 'rec-1') =>
  base64url(JSON.stringify([sortValue, id]));

describe('page cursor codec', () => {
  const keys: [string, CursorKey][] = [
    ['a calendar date', { sortValue: '2024-03-15', id: 'de-sanction-0000001' }],
    ['a UTC date-time', { sortValue: '2024-03-15T10:15:00.000Z', id: 'FR-GEL-2024-000001' }],
    ['a leap day', { sortValue: '2024-02-29', id: 'leap' }],
    ['the first year', { sortValue: '0001-01-01', id: 'a' }],
    ['the last instant', { sortValue: '9999-12-31T23:59:59.999Z', id: 'z' }],
    ['an id with spaces and non-ASCII', { sortValue: '2023-01-01', id: 'Sanktion Ü 🙂 "1"' }],
  ];

  it.each(keys)('round-trips %s', (_name, key) => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(key);
  });

  const valid = encodeCursor({ sortValue: '2024-03-15', id: 'rec-1' });
  const rejected: [string, string][] = [
    // Garbage: not base64url, or nothing that decodes to JSON.
    ['empty', ''],
    ['a word', 'garbage'],
    ['punctuation', 'not a cursor!'],
    ['standard base64 with padding', Buffer.from('["2024-03-15","rec-1"]').toString('base64')],
    ['a valid cursor with whitespace', ` ${valid}`],
    ['a valid cursor cut short', valid.slice(0, -3)],
    ['a valid cursor with a character changed', `${valid.slice(0, 5)}_${valid.slice(6)}`],
    ['invalid UTF-8', Buffer.from([0xff, 0xfe, 0xfd]).toString('base64url')],
    ['far too long', 'A'.repeat(100_000)],
    // Well-formed base64url of the wrong shape.
    ['JSON null', base64url('null')],
    ['an object', base64url('{"sortValue":"2024-03-15","id":"rec-1"}')],
    ['an empty array', base64url('[]')],
    ['one element', base64url('["2024-03-15"]')],
    ['three elements', base64url('["2024-03-15","rec-1","x"]')],
    ['a number as id', pair('2024-03-15', 7)],
    ['an empty id', pair('2024-03-15', '')],
    ['a blank id', pair('2024-03-15', '   ')],
    ['a NUL in the id', pair('2024-03-15', 'rec\u00001')],
    ['a control character in the id', pair('2024-03-15', 'rec\n1')],
    ['a lone surrogate in the id', pair('2024-03-15', '\ud800')],
    ['not a date', pair('yesterday')],
    ['a date-time with an offset', pair('2024-03-15T10:15:00+02:00')],
    ['a date-time without milliseconds', pair('2024-03-15T10:15:00Z')],
    ['a JSON spelling encodeCursor never writes', base64url('[ "2024-03-15", "rec-1" ]')],
    ['an escaped spelling encodeCursor never writes', base64url('["2024-03-15","rec\\u002d1"]')],
    ['SQL in the sort value', pair("2024-03-15' OR '1'='1")],
    // Negative and overflowing positions.
    ['a negative offset', pair(-1)],
    ['an offset past 2^53', base64url('[9007199254740993,"rec-1"]')],
    ['an offset overflowing to Infinity', base64url('[1e400,"rec-1"]')],
    ['a negative year', pair('-000001-01-01')],
    ['year zero', pair('0000-01-01')],
    ['a five-digit year', pair('10000-01-01')],
    ['a year past what Date holds', pair('+275761-01-01T00:00:00.000Z')],
    ['month 13', pair('2024-13-01')],
    ['month 0', pair('2024-00-10')],
    ['30 February', pair('2024-02-30')],
    ['29 February of a common year', pair('2023-02-29')],
    ['day 32', pair('2024-01-32')],
    ['hour 24', pair('2024-01-01T24:00:00.000Z')],
    ['minute 60', pair('2024-01-01T23:60:00.000Z')],
  ];

  it.each(rejected)('rejects %s as BAD_USER_INPUT on "after"', (_name, cursor) => {
    const error = thrownBy(() => decodeCursor(cursor));
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error).not.toBeInstanceOf(RangeError);
    expect((error as GraphQLError).extensions).toEqual(BAD_CURSOR);
  });

  it('says what to do without echoing the cursor', () => {
    const error = thrownBy(() => decodeCursor(pair('2024-02-30', 'secret-looking-id')));
    expect((error as GraphQLError).message).toMatch(/"after".*nextCursor/);
    expect((error as GraphQLError).message).not.toContain('secret-looking-id');
  });
});

describe('page size', () => {
  it.each([1, 17, MAX_PAGE_SIZE])('accepts %s', (first) => {
    expect(checkPageSize({ first, after: null })).toBe(first);
  });

  it.each([0, -1, MAX_PAGE_SIZE + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'rejects %s as BAD_USER_INPUT on "first"',
    (first) => {
      const error = thrownBy(() => checkPageSize({ first, after: null }));
      expect(error).toBeInstanceOf(GraphQLError);
      expect((error as GraphQLError).extensions).toEqual(OUT_OF_RANGE);
    },
  );
});
