import type { WorkerRow } from './BenchReport.js';
import { perRound } from './roundRatio.js';
import type { RoundRatio } from './roundRatio.js';

/** RPS with 2 workers ÷ with 1, per round (both measured back to back in it), and the median. */
export function workerRatio(rows: WorkerRow[], scenario: number, connections: number): RoundRatio {
  const of = (workers: number) =>
    rows.filter(
      (row) =>
        row.workers === workers && row.scenario === scenario && row.connections === connections,
    );
  return perRound(of(2), of(1), (two, one) => two.rps / one.rps);
}

/** The ratio the targets table quotes: scenario 2 (else the first) at its highest connection count. */
export function headlineWorkerRatio(rows: WorkerRow[]) {
  if (rows.length === 0) return null;
  const scenario = rows.some((row) => row.scenario === 2) ? 2 : rows[0]!.scenario;
  const connections = Math.max(
    ...rows.filter((row) => row.scenario === scenario).map((row) => row.connections),
  );
  const ratio = workerRatio(rows, scenario, connections);
  return ratio.rounds.length > 0 ? { scenario, connections, ratio } : null;
}
