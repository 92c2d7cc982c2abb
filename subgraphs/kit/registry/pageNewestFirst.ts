import { checkPageSize, decodeCursor, encodeCursor, type CursorKey } from './pageCursor.js';
import type { PageRequest } from './types.js';

/** Newest first: sort value descending, then id descending, both as plain string order. */
export function compareNewestFirst(
  aSortValue: string,
  aId: string,
  bSortValue: string,
  bId: string,
): number {
  if (aSortValue !== bSortValue) return aSortValue > bSortValue ? -1 : 1;
  if (aId !== bId) return aId > bId ? -1 : 1;
  return 0;
}

/** Which entries of an in-memory list a page serves: indexes `start` to `end` (exclusive). */
export interface PageSlice {
  start: number;
  end: number;
  nextCursor: string | null;
}

/**
 * The page of an in-memory list of `size` entries held newest first, where `keyAt(i)` is
 * the i-th entry's sort value and id. The page starts after the key the cursor names, found
 * by binary search, so a reload that adds entries neither repeats nor skips one.
 */
export function pageNewestFirst(
  size: number,
  keyAt: (index: number) => CursorKey,
  page: PageRequest,
): PageSlice {
  const first = checkPageSize(page);
  const start = page.after === null ? 0 : indexAfter(size, keyAt, decodeCursor(page.after));
  const end = Math.min(start + first, size);
  return {
    start,
    end,
    nextCursor: end < size && end > start ? encodeCursor(keyAt(end - 1)) : null,
  };
}

/** The first index strictly after `cursor` in newest-first order. */
function indexAfter(size: number, keyAt: (index: number) => CursorKey, cursor: CursorKey): number {
  let low = 0;
  let high = size;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const key = keyAt(middle);
    if (compareNewestFirst(key.sortValue, key.id, cursor.sortValue, cursor.id) <= 0) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}
