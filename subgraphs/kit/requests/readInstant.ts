import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import { RequestRefusal } from './RequestRefusal.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A required ISO 8601 instant, returned in UTC (`…Z`). A bare date is its UTC midnight; a
 * date-time must carry its offset, so that no member reads it in its own time zone.
 */
export function readInstant(value: unknown, field: string): string {
  if (value === undefined || value === null || value === '') {
    throw new RequestRefusal(
      ErrorCode.BAD_USER_INPUT,
      'MISSING_FIELD',
      `${field} is required`,
      field,
    );
  }
  const text = typeof value === 'string' ? value.trim() : '';
  const iso = ISO_DATE.test(text) ? `${text}T00:00:00Z` : ISO_DATE_TIME.test(text) ? text : null;
  const ms = iso === null ? Number.NaN : Date.parse(iso);
  // Date.parse rolls impossible days over (2024-02-30 is 1 March): the calendar part must survive.
  if (Number.isNaN(ms) || !sameCalendarDay(text.slice(0, 10))) {
    throw new RequestRefusal(
      ErrorCode.BAD_USER_INPUT,
      'INVALID_FIELD',
      `${field} is not an ISO 8601 date-time with its offset`,
      field,
    );
  }
  return new Date(ms).toISOString();
}

function sameCalendarDay(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === date;
}
