import type { PeriodUnit } from '../../../core/policy/RequestPolicy.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * The end of a legal period starting at `start` (ISO 8601). HOURS and DAYS run on the
 * calendar. WORKING_DAYS count whole working days after the start day (Monday to Friday, not
 * a holiday) and end with the last of them.
 */
export function addPeriod(
  start: string,
  amount: number,
  unit: PeriodUnit,
  holidays: ReadonlySet<string> | readonly string[],
): string {
  const startMs = Date.parse(start);
  if (Number.isNaN(startMs)) throw new RangeError('a period starts at an ISO 8601 date-time');
  if (!Number.isInteger(amount) || amount < 0) {
    throw new RangeError('a period is a whole, non-negative number of units');
  }
  if (unit === 'HOURS') return new Date(startMs + amount * HOUR_MS).toISOString();
  if (unit === 'DAYS') return new Date(startMs + amount * DAY_MS).toISOString();

  // Days are UTC dates: the federation has one clock, and a member's holiday list is dates.
  const skip = new Set<string>(holidays);
  let day = Math.floor(startMs / DAY_MS) * DAY_MS;
  for (let counted = 0; counted < amount;) {
    day += DAY_MS;
    if (isWorkingDay(day, skip)) counted += 1;
  }
  return new Date(day + DAY_MS - 1).toISOString();
}

function isWorkingDay(dayMs: number, holidays: ReadonlySet<string>): boolean {
  const date = new Date(dayMs);
  const weekday = date.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date.toISOString().slice(0, 10));
}
