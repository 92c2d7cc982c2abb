import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import type { PageRequest } from './types.js';

/** Largest page a registry serves: `PageRequest.first` is 1..MAX_PAGE_SIZE. */
export const MAX_PAGE_SIZE = 500;

/**
 * Where the next page starts: the last record served, by the value its list is sorted on
 * (an ISO 8601 date or UTC date-time) and its id. A cursor names a record, not an offset,
 * so records added between two pages neither repeat nor skip one.
 */
export interface CursorKey {
  sortValue: string;
  id: string;
}

/** Bounds the work a forged cursor can cause; far above any cursor a real record yields. */
const MAX_CURSOR_LENGTH = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Date-times exactly as `Date.prototype.toISOString` writes them, which is how members store them. */
const UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** C0 and C1 controls: PostgreSQL refuses NUL in text, and no record id holds one. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Opaque to callers; base64url JSON so that it survives URLs and logs unchanged. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify([key.sortValue, key.id])).toString('base64url');
}

/**
 * The key a cursor from `encodeCursor` carries. Anything else — not base64url, not the
 * JSON pair, an impossible date, not written exactly as `encodeCursor` writes it — is the
 * caller's mistake (BAD_USER_INPUT), raised before any backend sees the value.
 */
export function decodeCursor(cursor: string): CursorKey {
  const key =
    typeof cursor === 'string' && cursor.length <= MAX_CURSOR_LENGTH && BASE64URL.test(cursor)
      ? parseKey(Buffer.from(cursor, 'base64url').toString('utf8'))
      : null;
  // Only the one spelling encodeCursor writes is accepted, so every cursor has one meaning.
  if (key === null || encodeCursor(key) !== cursor) throw badCursor();
  return key;
}

/** `page.first`, checked: a page size out of range is the caller's mistake, not a crash. */
export function checkPageSize(page: PageRequest): number {
  if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
    throw new GraphQLError(`Argument "first" must be between 1 and ${MAX_PAGE_SIZE}`, {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName: 'first', reason: 'OUT_OF_RANGE' },
    });
  }
  return page.first;
}

function parseKey(json: string): CursorKey | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [sortValue, id] = value as unknown[];
  return isSortValue(sortValue) && isRecordId(id) ? { sortValue, id } : null;
}

/** A real calendar day of years 0001..9999: the range both Date and PostgreSQL hold. */
function isSortValue(value: unknown): value is string {
  if (typeof value !== 'string' || value.startsWith('0000')) return false;
  if (CALENDAR_DATE.test(value)) {
    const day = new Date(`${value}T00:00:00.000Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value;
  }
  if (!UTC_DATE_TIME.test(value)) return false;
  // Date rolls impossible fields over (02-30 → 03-01, 24:00 → next day): compare back.
  const instant = new Date(value);
  return !Number.isNaN(instant.getTime()) && instant.toISOString() === value;
}

function isRecordId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.trim() !== '' &&
    !CONTROL.test(value) &&
    !LONE_SURROGATE.test(value)
  );
}

function badCursor(): GraphQLError {
  return new GraphQLError(
    'Argument "after" is not a cursor of this list: pass a nextCursor unchanged',
    {
      extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName: 'after', reason: 'BAD_CURSOR' },
    },
  );
}
