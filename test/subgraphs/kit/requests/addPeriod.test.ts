import { describe, expect, it } from 'vitest';
import type { PeriodUnit } from '../../../../core/policy/RequestPolicy.js';
import { addPeriod } from '../../../../subgraphs/kit/requests/addPeriod.js';

// 2024-05-03 is a Friday; 2024-05-06 the Monday after.
const FRIDAY = '2024-05-03T10:00:00.000Z';

describe('addPeriod', () => {
  const table: [string, string, number, PeriodUnit, string[], string][] = [
    ['48 hours over a weekend', FRIDAY, 48, 'HOURS', [], '2024-05-05T10:00:00.000Z'],
    ['8 hours', FRIDAY, 8, 'HOURS', [], '2024-05-03T18:00:00.000Z'],
    ['45 calendar days over a month end', FRIDAY, 45, 'DAYS', [], '2024-06-17T10:00:00.000Z'],
    [
      'calendar days ignore holidays',
      FRIDAY,
      3,
      'DAYS',
      ['2024-05-06'],
      '2024-05-06T10:00:00.000Z',
    ],
    [
      '1 working day from a Friday is Monday',
      FRIDAY,
      1,
      'WORKING_DAYS',
      [],
      '2024-05-06T23:59:59.999Z',
    ],
    [
      'a holiday Monday is skipped',
      FRIDAY,
      1,
      'WORKING_DAYS',
      ['2024-05-06'],
      '2024-05-07T23:59:59.999Z',
    ],
    ['weekend and holiday', FRIDAY, 2, 'WORKING_DAYS', ['2024-05-06'], '2024-05-08T23:59:59.999Z'],
    [
      'from a Saturday',
      '2024-05-04T08:00:00.000Z',
      1,
      'WORKING_DAYS',
      [],
      '2024-05-06T23:59:59.999Z',
    ],
    ['a whole week', FRIDAY, 5, 'WORKING_DAYS', [], '2024-05-10T23:59:59.999Z'],
    [
      'zero working days: the end of the start day',
      FRIDAY,
      0,
      'WORKING_DAYS',
      [],
      '2024-05-03T23:59:59.999Z',
    ],
    // 23:30 at UTC-2 is already Saturday in UTC, so the next working day is Monday.
    [
      'the day is the UTC day',
      '2024-05-03T23:30:00-02:00',
      1,
      'WORKING_DAYS',
      [],
      '2024-05-06T23:59:59.999Z',
    ],
  ];
  it.each(table)('%s', (_, start, amount, unit, holidays, expected) => {
    expect(addPeriod(start, amount, unit, holidays)).toBe(expected);
    expect(addPeriod(start, amount, unit, new Set(holidays))).toBe(expected);
  });

  it.each([
    ['not a date', 1],
    [FRIDAY, -1],
    [FRIDAY, 1.5],
  ] as const)('refuses start %s with amount %s', (start, amount) => {
    expect(() => addPeriod(start, amount, 'DAYS', [])).toThrow(RangeError);
  });
});
