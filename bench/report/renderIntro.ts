import type { BenchReport } from './BenchReport.js';

/** The heading, the quick-run warning and how to read the figures. */
export function renderIntro(report: BenchReport): string[] {
  const out: string[] = [];
  out.push('## Latest run');
  out.push('');
  if (report.quick) {
    out.push(
      '> **Quick smoke run** (`--quick`): one short round at a small scale, to prove the harness works end to end. These figures are not the benchmark; run `npm run bench` for it.',
    );
    out.push('');
  }
  out.push(
    'Comity against the direct critical path, stock @apollo/gateway and Hive Gateway, on the same supergraph, the same subgraph processes and the same seeded data, in one run, with interleaved rounds. **The machine is shared and noisy**: every process of the federation, the comparison gateways and the load generator run on the same cores, so absolute figures move from run to run; the ratios between systems measured in the same round are what to read.',
  );
  out.push('');
  return out;
}
