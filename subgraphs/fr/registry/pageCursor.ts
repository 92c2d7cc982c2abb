import type { PageRequest } from '../../kit/registry/types.js';

/** Largest page a caller may ask for (types.ts: `first` is 1..500). */
export const MAX_PAGE_SIZE = 500;

/** A cursor or page size the caller sent that this registry cannot honour. */
export class PageRequestError extends Error {
  override readonly name = 'PageRequestError';
}

/** Position after which the next page starts: the last record's sort value and id. */
export interface KeysetPosition {
  sortValue: string;
  id: string;
}

/** Opaque to callers; base64url JSON so that it survives URLs and logs unchanged. */
export function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(JSON.stringify([position.sortValue, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): KeysetPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      !Number.isNaN(Date.parse(value[0]))
    ) {
      return { sortValue: value[0], id: value[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new PageRequestError('invalid cursor: pass the nextCursor of a previous page unchanged');
}

export function checkPageSize(page: PageRequest): number {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
    throw new PageRequestError(`page size "first" must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  return page.first;
}
