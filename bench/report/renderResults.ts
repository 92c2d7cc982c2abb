import { connectionsFor } from '../scenarios.js';
import type { Scenario } from '../scenarios.js';
import type { BenchReport } from './BenchReport.js';
import { fixed, percent, table } from './format.js';
import { summarize } from './summarize.js';
import { SYSTEM_LABELS, SYSTEM_ORDER } from './systemLabels.js';

/** One table per scenario: every system at every connection count, medians over the rounds. */
export function renderResults(report: BenchReport): string[] {
  const out: string[] = [];
  out.push('### Results');
  out.push('');
  for (const scenario of report.scenarios) {
    out.push(`#### Scenario ${scenario.id}: ${scenario.name}`);
    out.push('');
    out.push(
      table(
        [
          'System',
          'Conns',
          'RPS',
          'p50 ms',
          'p99 ms',
          'Gateway CPU',
          'CPU ms / request',
          'Max RSS MiB',
          'Failed',
        ],
        resultRows(report, scenario),
      ),
    );
    out.push('');
  }
  return out;
}

/** The direct path through the replay client, the gateways through autocannon, Comity through both. */
function resultRows(report: BenchReport, scenario: Scenario): string[][] {
  const m = report.measurements;
  const rows: string[][] = [];
  for (const connections of connectionsFor(scenario, report.connections)) {
    for (const system of SYSTEM_ORDER) {
      for (const client of ['autocannon', 'replay'] as const) {
        if (system === 'direct' && client === 'autocannon') continue;
        if (system !== 'direct' && system !== 'comity' && client === 'replay') continue;
        const summary = summarize(
          m.filter(
            (x) =>
              x.scenario === scenario.id &&
              x.system === system &&
              x.connections === connections &&
              x.client === client,
          ),
        );
        if (!summary) continue;
        const label =
          system === 'comity' && client === 'replay'
            ? '(d) Comity, undici client'
            : SYSTEM_LABELS[system];
        rows.push([
          label,
          String(connections),
          fixed(summary.rps, 0),
          fixed(summary.p50, 2),
          fixed(summary.p99, 2),
          system === 'direct' ? '—' : percent(summary.cpu),
          system === 'direct' ? '—' : fixed(summary.cpuPerRequest, 2),
          system === 'direct' ? '—' : fixed(summary.maxRss, 0),
          String(summary.failures),
        ]);
      }
    }
  }
  return rows;
}
