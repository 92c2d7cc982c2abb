import type { BenchReport } from './BenchReport.js';
import { median } from './median.js';

/**
 * At `connections` = 1: the RPS loss that one synchronous audit commit per request causes by
 * itself, against FR's request without policy and audit (1 − t / (t + commit)).
 */
export function commitFloor(report: BenchReport, connections: number) {
  const commits = report.policy.commits;
  if (!commits || connections !== 1) return null;
  const requestMs = median(
    report.policy.rows
      .filter((r) => r.variant === 'without' && r.connections === 1)
      .map((r) => r.p50),
  );
  if (!Number.isFinite(requestMs)) return null;
  return { commitMs: commits.p50, requestMs, loss: commits.p50 / (requestMs + commits.p50) };
}
