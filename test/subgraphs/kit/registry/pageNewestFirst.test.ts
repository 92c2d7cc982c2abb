import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { encodeCursor, type CursorKey } from '../../../../subgraphs/kit/registry/pageCursor.js';
import {
  compareNewestFirst,
  pageNewestFirst,
} from '../../../../subgraphs/kit/registry/pageNewestFirst.js';

/** Keys held newest first, as the in-memory registries hold them. */
function sorted(keys: CursorKey[]): CursorKey[] {
  return [...keys].sort((a, b) => compareNewestFirst(a.sortValue, a.id, b.sortValue, b.id));
}

const KEYS = sorted([
  { sortValue: '2024-01-01', id: 'a' },
  { sortValue: '2025-06-30', id: 'b' },
  { sortValue: '2024-01-01', id: 'c' },
  { sortValue: '2022-03-15', id: 'd' },
  { sortValue: '2023-12-31', id: 'e' },
]);

/** Every id, page by page, following nextCursor. */
function walk(keys: CursorKey[], first: number): string[][] {
  const pages: string[][] = [];
  let after: string | null = null;
  do {
    const slice = pageNewestFirst(keys.length, (index) => keys[index]!, { first, after });
    pages.push(keys.slice(slice.start, slice.end).map((key) => key.id));
    after = slice.nextCursor;
  } while (after !== null);
  return pages;
}

describe('pageNewestFirst', () => {
  it('orders by sort value, then id, both descending', () => {
    expect(KEYS.map((key) => key.id)).toEqual(['b', 'c', 'a', 'e', 'd']);
    expect(compareNewestFirst('2024-01-01', 'a', '2024-01-01', 'a')).toBe(0);
  });

  it('pages through everything once, the last page without a cursor', () => {
    expect(walk(KEYS, 2)).toEqual([['b', 'c'], ['a', 'e'], ['d']]);
    expect(walk(KEYS, 5)).toEqual([['b', 'c', 'a', 'e', 'd']]);
    expect(walk([], 3)).toEqual([[]]);
  });

  it('continues after the record the cursor names, even when records were added since', () => {
    const after = encodeCursor({ sortValue: '2024-01-01', id: 'c' });
    const grown = sorted([...KEYS, { sortValue: '2030-01-01', id: 'new' }]);
    const slice = pageNewestFirst(grown.length, (index) => grown[index]!, { first: 2, after });
    expect(grown.slice(slice.start, slice.end).map((key) => key.id)).toEqual(['a', 'e']);
  });

  it('serves an empty last page after the oldest record', () => {
    const after = encodeCursor({ sortValue: '2022-03-15', id: 'd' });
    const slice = pageNewestFirst(KEYS.length, (index) => KEYS[index]!, { first: 2, after });
    expect(slice).toEqual({ start: 5, end: 5, nextCursor: null });
  });

  it('refuses a bad cursor and a bad page size as BAD_USER_INPUT', () => {
    const keyAt = (index: number) => KEYS[index]!;
    expect(() => pageNewestFirst(KEYS.length, keyAt, { first: 2, after: 'garbage' })).toThrow(
      expect.objectContaining({
        constructor: GraphQLError,
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'after', reason: 'BAD_CURSOR' },
      }),
    );
    expect(() => pageNewestFirst(KEYS.length, keyAt, { first: 0, after: null })).toThrow(
      expect.objectContaining({
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'first', reason: 'OUT_OF_RANGE' },
      }),
    );
  });
});
