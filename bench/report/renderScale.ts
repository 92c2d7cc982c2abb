import type { BenchReport } from './BenchReport.js';
import { fixed, table } from './format.js';
import { median } from './median.js';

/** The scale check: how it ran and what it measured, or why it did not. */
export function renderScale(report: BenchReport): string[] {
  const out: string[] = [];
  out.push('### Scale');
  out.push('');
  const scale = report.scaleCheck;
  if (!scale) {
    out.push(
      "Not run in this run. `npm run bench -- --scale-check 1000000 --scale-data <dir>` measures scenario 1 on Comity at one connection on a federation holding that many records per registry (a bare `--scale-check` at the end of the line means 1,000,000) against a second federation on this run's data, side by side in alternating rounds, both without the registry cache so that France answers from its SQL indexes; it reports every large process's peak RSS. `<dir>` is a data root seeded beforehand (`COMITY_DATA_ROOT=<dir> npm run seed -- --scale 1000000`); without it the harness seeds one, bounded by `--scale-check-timeout` (`npm run bench -- --help`).",
    );
  } else if (scale.error) {
    out.push(
      `Scale check at ${scale.scale.toLocaleString('en')} records could not complete: ${scale.error}`,
    );
  } else {
    out.push(...scaleResults(report, scale));
  }
  out.push('');
  return out;
}

function scaleResults(
  report: BenchReport,
  scale: NonNullable<BenchReport['scaleCheck']>,
): string[] {
  const out: string[] = [];
  const p50 = (rows: typeof scale.rows) => fixed(median(rows.map((r) => r.p50)), 2);
  const seeded = scale.seededBefore
    ? 'seeded before the run (`--scale-data`)'
    : `seeded in ${fixed(scale.seedSeconds, 0)} s`;
  out.push(
    `${scale.scale.toLocaleString('en')} records per registry, ${seeded}. Two federations side by side, both without the registry cache (France answers from its SQL indexes), scenario 1 on Comity at one connection (undici client), ${scale.rows.length} round(s) of ${scale.windowSec ?? report.durationSec} s each, the side that runs first alternating, each window after both federations are idle. The ratio in the targets table is the median of the per-round ratios.${scale.answers ? ` Before the rounds both answered the operation once: at ${scale.scale.toLocaleString('en')} records ${scale.answers.large}, at ${report.scale.toLocaleString('en')} ${scale.answers.baseline}; ${scale.answers.clean === false ? '**errors**, so the two latencies are not of the work the scenario asks for' : scale.answers.same ? 'the same answer' : '**different answers**, so the two latencies are not of the same work'}.` : ''}`,
  );
  out.push('');
  out.push(
    table(
      ['Records per registry', 'p50 ms', 'p99 ms', 'RPS', 'Failed'],
      [[scale.scale, scale.rows] as const, [report.scale, scale.baselineRows] as const].map(
        ([records, rows]) => [
          records.toLocaleString('en'),
          p50(rows),
          fixed(median(rows.map((r) => r.p99)), 2),
          fixed(median(rows.map((r) => r.rps)), 0),
          String(rows.reduce((sum, r) => sum + r.failures, 0)),
        ],
      ),
    ),
  );
  out.push('');
  out.push(
    table(
      ['Process', `Peak RSS MiB at ${scale.scale.toLocaleString('en')}`],
      Object.entries(scale.rss).map(([name, mib]) => [name, fixed(mib, 0)]),
    ),
  );
  return out;
}
