import type {
  RequestDeadlineRule,
  RequestMilestone,
  RequestTypePolicy,
} from '../../../core/policy/RequestPolicy.js';
import { addPeriod } from './addPeriod.js';
import type { CrossBorderRequest, RequestTransition } from './CrossBorderRequest.js';

/** One legal time limit of one request. */
export interface RequestDeadline {
  milestone: RequestMilestone;
  /** Null until the period can start (execution before recognition, expiry before execution). */
  dueAt: string | null;
  legalBasis: string;
  /** When the milestone was reached, from the history; null while pending. */
  reachedAt: string | null;
  /** The milestone was reached by dueAt (false while pending). */
  met: boolean;
}

type HistoryStep = Pick<RequestTransition, 'action' | 'from' | 'to' | 'at'>;

/**
 * The deadlines of a request under its type's policy: the rules for its urgency, each counted
 * from the moment its `from` names. A granted extension of a running deadline replaces its due
 * time (extensions are only ever later, see transitionRequest).
 */
export function requestDeadlines(
  request: CrossBorderRequest,
  history: readonly HistoryStep[],
  typePolicy: Pick<RequestTypePolicy, 'deadlines'>,
  holidays: ReadonlySet<string> | readonly string[],
): RequestDeadline[] {
  return typePolicy.deadlines
    .filter((rule) => rule.urgent === undefined || rule.urgent === request.urgent)
    .map((rule) => {
      const start = periodStart(request, rule.from);
      const computed = start === null ? null : addPeriod(start, rule.amount, rule.unit, holidays);
      const extension =
        computed === null
          ? undefined
          : request.extensions.findLast((granted) => granted.milestone === rule.milestone);
      const dueAt = extension?.until ?? computed;
      const reachedAt = history.find((step) => reaches(step, rule.milestone))?.at ?? null;
      return {
        milestone: rule.milestone,
        dueAt,
        legalBasis: rule.legalBasis,
        reachedAt,
        met: reachedAt !== null && (dueAt === null || Date.parse(reachedAt) <= Date.parse(dueAt)),
      };
    });
}

function periodStart(
  request: CrossBorderRequest,
  from: RequestDeadlineRule['from'],
): string | null {
  switch (from) {
    case 'RECEIPT':
      return request.receivedAt;
    case 'DECISION':
      return request.recognisedAt;
    case 'EXECUTION':
      return request.executedAt;
  }
}

function reaches(step: HistoryStep, milestone: RequestMilestone): boolean {
  switch (milestone) {
    // Receipt is confirmed by whatever the executing side does first, a refusal included.
    case 'ACKNOWLEDGE':
      return step.from === 'SUBMITTED' && step.to !== 'SUBMITTED' && step.action !== 'WITHDRAW';
    case 'DECIDE':
      return step.action === 'RECOGNISE' || step.action === 'REFUSE';
    case 'EXECUTE':
      return step.action === 'EXECUTE';
    // A standing order's life ends when it runs out, or earlier when it is revoked.
    case 'EXPIRE':
      return step.action === 'EXPIRE' || step.action === 'REVOKE';
  }
}
