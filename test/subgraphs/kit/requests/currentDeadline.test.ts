import { describe, expect, it } from 'vitest';
import type { RequestState } from '../../../../subgraphs/kit/requests/CrossBorderRequest.js';
import { currentDeadline } from '../../../../subgraphs/kit/requests/currentDeadline.js';
import type { CurrentDeadline } from '../../../../subgraphs/kit/requests/currentDeadline.js';
import type { RequestDeadline } from '../../../../subgraphs/kit/requests/requestDeadlines.js';

const ACK: RequestDeadline = {
  milestone: 'ACKNOWLEDGE',
  dueAt: '2024-05-08T23:59:59.999Z',
  legalBasis: 'a',
  reachedAt: null,
  met: false,
};
const ACKED: RequestDeadline = { ...ACK, reachedAt: '2024-05-06T09:00:00.000Z', met: true };
const DECIDE: RequestDeadline = {
  milestone: 'DECIDE',
  dueAt: '2024-06-02T10:00:00.000Z',
  legalBasis: 'b',
  reachedAt: null,
  met: false,
};
const EXECUTE_NOT_STARTED: RequestDeadline = {
  milestone: 'EXECUTE',
  dueAt: null,
  legalBasis: 'c',
  reachedAt: null,
  met: false,
};
const NONE: CurrentDeadline = { dueAt: null, milestone: null, overdue: false };

describe('currentDeadline', () => {
  const table: [string, RequestDeadline[], RequestState, string, CurrentDeadline][] = [
    [
      'the earliest pending deadline',
      [DECIDE, ACK],
      'SUBMITTED',
      '2024-05-07T00:00:00.000Z',
      { dueAt: ACK.dueAt, milestone: 'ACKNOWLEDGE', overdue: false },
    ],
    [
      'overdue once its time has passed',
      [ACK, DECIDE],
      'SUBMITTED',
      '2024-05-09T00:00:00.000Z',
      { dueAt: ACK.dueAt, milestone: 'ACKNOWLEDGE', overdue: true },
    ],
    [
      'a reached milestone gives way to the next',
      [ACKED, DECIDE, EXECUTE_NOT_STARTED],
      'ACKNOWLEDGED',
      '2024-05-09T00:00:00.000Z',
      { dueAt: DECIDE.dueAt, milestone: 'DECIDE', overdue: false },
    ],
    [
      'a period not started yet is not due',
      [ACKED, EXECUTE_NOT_STARTED],
      'ACKNOWLEDGED',
      '2024-05-09T00:00:00.000Z',
      NONE,
    ],
    [
      'postponed: the clock is suspended, even when overdue',
      [ACK],
      'POSTPONED',
      '2024-07-01T00:00:00.000Z',
      NONE,
    ],
    ['final: nothing is due', [ACK], 'REFUSED', '2024-07-01T00:00:00.000Z', NONE],
    ['no deadlines at all', [], 'SUBMITTED', '2024-07-01T00:00:00.000Z', NONE],
  ];
  it.each(table)('%s', (_, deadlines, state, now, expected) => {
    expect(currentDeadline(deadlines, { state }, now)).toEqual(expected);
  });
});
