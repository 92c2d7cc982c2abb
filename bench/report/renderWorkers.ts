import os from 'node:os';
import type { BenchReport, WorkerRow } from './BenchReport.js';
import { fixed, percent, table } from './format.js';
import { ratioText } from './roundRatio.js';
import { summarize } from './summarize.js';
import { workerRatio } from './workerRatio.js';

/** `GATEWAY_WORKERS` 2 against 1, or why it was not measured. */
export function renderWorkers(report: BenchReport): string[] {
  const out: string[] = [];
  out.push('### Gateway workers');
  out.push('');
  if (!report.workers.implemented) {
    out.push(
      'N/A: the gateway does not read `GATEWAY_WORKERS` yet (no multi-worker gateway); the harness measures 1 vs 2 workers as soon as it does.',
    );
  } else {
    out.push(...workerResults(report));
  }
  out.push('');
  return out;
}

function workerResults(report: BenchReport): string[] {
  const out: string[] = [];
  const rows = report.workers.rows;
  out.push(
    `Two Comity gateways side by side on the same subgraphs, one with \`GATEWAY_WORKERS=1\` and one with 2 (node:cluster), each warmed up for 1 s per scenario at the highest connection count, then ${new Set(rows.map((row) => row.round)).size} interleaved round(s) of ${report.durationSec} s per scenario and connection count, the order alternated per round (autocannon), each measurement after the processes are idle. Medians over the rounds; gateway CPU and resident set are summed over the primary and its workers. Both run on the same ${os.cpus().length} cores as the four subgraphs${report.auditStore === 'postgresql' ? ', PostgreSQL' : ''}${report.registryCache ? ', Redis' : ''} and the load generator, so a second worker can only take CPU the others would use.`,
  );
  out.push('');
  out.push(workersTable(rows));
  const pairs = [...new Set(rows.map((row) => `${row.scenario}|${row.connections}`))]
    .map((key) => key.split('|').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const ratios = pairs
    .map(([scenario, connections]) => ({
      scenario,
      connections,
      ratio: workerRatio(rows, scenario, connections),
    }))
    .filter((entry) => entry.ratio.rounds.length > 0);
  if (ratios.length > 0) {
    out.push('');
    out.push(
      `RPS with 2 workers ÷ with 1, per round: ${ratios.map((entry) => `scenario ${entry.scenario} at ${entry.connections} conn ${ratioText(entry.ratio)}`).join('; ')}.`,
    );
  }
  return out;
}

/** Medians per scenario, connection count and number of workers. */
function workersTable(rows: WorkerRow[]): string {
  const groups = new Map<string, WorkerRow[]>();
  for (const row of rows) {
    const key = `${row.scenario}|${row.connections}|${row.workers}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const ordered = [...groups.values()].sort(
    (a, b) =>
      a[0]!.scenario - b[0]!.scenario ||
      a[0]!.connections - b[0]!.connections ||
      a[0]!.workers - b[0]!.workers,
  );
  return table(
    [
      'Workers',
      'Scenario',
      'Conns',
      'RPS',
      'p50 ms',
      'p99 ms',
      'Gateway CPU',
      'Max RSS MiB',
      'Failed',
    ],
    ordered.map((group) => {
      const first = group[0]!;
      const summary = summarize(group)!;
      return [
        String(first.workers),
        String(first.scenario),
        String(first.connections),
        fixed(summary.rps, 0),
        fixed(summary.p50, 2),
        fixed(summary.p99, 2),
        percent(summary.cpu),
        fixed(summary.maxRss, 0),
        String(summary.failures),
      ];
    }),
  );
}
