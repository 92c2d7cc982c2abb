import { REQUEST_MILESTONES } from '../../../core/policy/RequestPolicy.js';
import type { RequestMilestone } from '../../../core/policy/RequestPolicy.js';
import { FINAL_STATES } from './CrossBorderRequest.js';
import type { CrossBorderRequest } from './CrossBorderRequest.js';
import type { RequestDeadline } from './requestDeadlines.js';

/** The deadline a request is working towards now, for its list row and its `overdue` flag. */
export interface CurrentDeadline {
  /** Null when no deadline runs: none pending, the request final, or postponed. */
  dueAt: string | null;
  milestone: RequestMilestone | null;
  overdue: boolean;
}

const NONE: CurrentDeadline = { dueAt: null, milestone: null, overdue: false };

/**
 * The earliest pending deadline whose period has started. A postponement suspends the clock:
 * nothing is due, nothing is overdue, until the request resumes.
 */
export function currentDeadline(
  deadlines: readonly RequestDeadline[],
  request: Pick<CrossBorderRequest, 'state'>,
  now: string,
): CurrentDeadline {
  if (FINAL_STATES.has(request.state) || request.state === 'POSTPONED') return NONE;
  const next = deadlines
    .filter(
      (deadline): deadline is RequestDeadline & { dueAt: string } =>
        deadline.reachedAt === null && deadline.dueAt !== null,
    )
    .sort(
      (a, b) =>
        Date.parse(a.dueAt) - Date.parse(b.dueAt) ||
        REQUEST_MILESTONES.indexOf(a.milestone) - REQUEST_MILESTONES.indexOf(b.milestone),
    )[0];
  if (next === undefined) return NONE;
  return {
    dueAt: next.dueAt,
    milestone: next.milestone,
    overdue: Date.parse(now) > Date.parse(next.dueAt),
  };
}
