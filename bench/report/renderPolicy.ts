import type { BenchReport } from './BenchReport.js';
import { commitFloor } from './commitFloor.js';
import { fixed, percent, table } from './format.js';
import { median } from './median.js';

/** FR with policy and audit, with policy only and with neither, and what one audit commit costs. */
export function renderPolicy(report: BenchReport): string[] {
  const out: string[] = [];
  out.push('### Policy and audit inside a subgraph');
  out.push('');
  out.push(
    "There is no switch in the product to turn policy or audit off, and there should not be one a deployment could flip. The harness builds FR's subgraph a second time (bench/systems/subgraphWithoutPolicy.ts) from the same kit pieces — schema, registries, loaders, resolvers, context-token verification — without the `@access` / `@minimize` transformers and without the audit plugin, and a third time with the transformers but without the audit plugin (to tell the two costs apart), each on a copy of the same data behind the same registry cache, and replays the FR root call of scenario 2 (`fr.freezingOrders(first: 50)` with every order field the plan asks for) as INVESTIGATOR against all three, in an order rotated per round, each run after the processes are idle. FR as deployed is started afresh for this too (not the federation's FR, which has served every round by then), on a third copy of the data with an audit log of its own, so that the three start alike. The losses in the targets table are medians of per-round losses.",
  );
  out.push('');
  if (report.policy.error) {
    out.push('```');
    out.push(report.policy.error);
    out.push('```');
  } else {
    out.push(policyTable(report));
    out.push(...auditCommit(report));
  }
  out.push('');
  return out;
}

function policyTable(report: BenchReport): string {
  const policyRows = report.policy.rows;
  const rows: string[][] = [];
  for (const connections of report.connections) {
    for (const [variant, label] of [
      ['with policy + audit', 'FR with policy + audit (as deployed)'],
      ['policy only', 'FR with policy, without audit (bench only)'],
      ['without', 'FR without policy and audit'],
    ] as const) {
      const picked = policyRows.filter(
        (r) => r.variant === variant && r.connections === connections,
      );
      if (picked.length === 0) continue;
      rows.push([
        label,
        String(connections),
        fixed(median(picked.map((r) => r.rps)), 0),
        fixed(median(picked.map((r) => r.p50)), 2),
        fixed(median(picked.map((r) => r.p99)), 2),
        percent(median(picked.map((r) => r.cpu ?? Number.NaN))),
        String(picked.reduce((sum, r) => sum + r.failures, 0)),
      ]);
    }
  }
  return table(['Subgraph', 'Conns', 'RPS', 'p50 ms', 'p99 ms', 'Subgraph CPU', 'Failed'], rows);
}

/** The commit timed on the audit database, when the audit logs were on a server. */
function auditCommit(report: BenchReport): string[] {
  const out: string[] = [];
  const commits = report.policy.commits;
  const floor = commitFloor(report, 1);
  if (commits) {
    out.push('');
    out.push(
      `The audit write is durable before the response leaves (docs/architecture.md §6), so at one connection every request waits for at least one commit on the audit database. Timed in this run, between the rounds above: a single-row INSERT in autocommit (pgbench's simplest transaction, \`synchronous_commit = ${commits.synchronousCommit}\`) took p50 ${fixed(commits.p50, 2)} ms and p90 ${fixed(commits.p90, 2)} ms over ${commits.count} commits.` +
        (floor
          ? ` Against FR's whole request without policy and audit (p50 ${fixed(floor.requestMs, 2)} ms), that commit alone costs ${percent(floor.loss)} of one-connection throughput, before FR builds, hashes and inserts its event.`
          : ''),
    );
  }
  return out;
}
