import type { RequestPolicy } from '../../../core/policy/RequestPolicy.js';
import { publishedCount, SMALL_COUNT_THRESHOLD } from '../publishedCount.js';
import type { CrossBorderRequest, RequestTransition } from './CrossBorderRequest.js';
import { requestDeadlines } from './requestDeadlines.js';

/** One published cell of `TransparencyReport.crossBorderRequests`. */
export interface CrossBorderRequestStatistic {
  month: string;
  type: CrossBorderRequest['type'];
  fromCountry: string;
  toCountry: string;
  outcome: CrossBorderRequest['state'];
  ground: string | null;
  count: string;
  decided: string;
  timelyShare: number | null;
}

interface Cell {
  key: Omit<CrossBorderRequestStatistic, 'count' | 'decided' | 'timelyShare'>;
  count: number;
  decided: number;
  timely: number;
}

/**
 * Requests by month received, type, issuing and executing country, outcome and ground, with
 * timeliness: of the requests whose decision has a legal deadline and was taken, the share
 * taken by it. Counts below 5 are published as `<5`, and a share over fewer than 5 decisions
 * is withheld, as every statistic of the transparency report (e-Evidence Art. 28 reporting).
 */
export function crossBorderRequestStatistics(
  requests: readonly { request: CrossBorderRequest; history: readonly RequestTransition[] }[],
  /** The member's request policy as it applies to a request (policyForRequest). */
  policyOf: (request: CrossBorderRequest) => RequestPolicy,
): CrossBorderRequestStatistic[] {
  const cells = new Map<string, Cell>();
  for (const { request, history } of requests) {
    const key = {
      month: request.receivedAt.slice(0, 7),
      type: request.type,
      fromCountry: request.issuingState,
      toCountry: request.executingState,
      outcome: request.state,
      ground: request.ground,
    };
    const id = JSON.stringify(key);
    const cell = cells.get(id) ?? { key, count: 0, decided: 0, timely: 0 };
    cell.count += 1;
    const policy = policyOf(request);
    const typePolicy = policy.types[request.type];
    const decision = typePolicy
      ? requestDeadlines(request, [...history], typePolicy, policy.holidays).find(
          (deadline) => deadline.milestone === 'DECIDE' && deadline.dueAt !== null,
        )
      : undefined;
    if (decision?.reachedAt) {
      cell.decided += 1;
      if (decision.met) cell.timely += 1;
    }
    cells.set(id, cell);
  }
  return [...cells.values()]
    .sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1))
    .map((cell) => ({
      ...cell.key,
      count: publishedCount(cell.count),
      decided: publishedCount(cell.decided),
      timelyShare: cell.decided < SMALL_COUNT_THRESHOLD ? null : cell.timely / cell.decided,
    }));
}
