import { connectionsFor } from '../scenarios.js';
import type { Scenario } from '../scenarios.js';
import type { BenchReport, Measurement, SystemName } from './BenchReport.js';
import { commitFloor } from './commitFloor.js';
import { fixed, percent, table } from './format.js';
import { median } from './median.js';
import { judge, perRound, ratioText, roundRatio } from './roundRatio.js';
import type { RoundRatio } from './roundRatio.js';
import { headlineWorkerRatio } from './workerRatio.js';

/** Every target with what this run measured against it and the verdict. */
export function renderTargets(report: BenchReport): string[] {
  const out: string[] = [];
  out.push('### Against the targets');
  out.push('');
  const targetRows: string[][] = [];
  for (const scenario of report.scenarios) {
    targetRows.push(...throughputTargets(report, scenario));
    targetRows.push(...overheadTargets(report, scenario));
  }
  targetRows.push(...policyTargets(report));
  targetRows.push(scaleTarget(report));
  targetRows.push(workersTarget(report));
  out.push(table(['Target', 'Measured', 'Goal', 'Verdict'], targetRows));
  out.push('');
  out.push(
    'A ratio is the median of the per-round ratios; the brackets give the lowest and the highest round, so a verdict whose range straddles its goal is within what this machine\'s noise moves. The "direct path itself" rows divide the direct critical path\'s RPS (no gateway at all, undici client) by each comparison gateway\'s: no gateway can go faster than its own subgraph calls, so at one connection Comity\'s ratio can exceed that row only by the noise (and the difference between the two clients). "Rounds on both sides": the median meets or misses the goal, but some rounds fell on the other side of it.',
  );
  out.push('');
  return out;
}

/** Comity's RPS against each comparison gateway, per connection count. */
function throughputTargets(report: BenchReport, scenario: Scenario): string[][] {
  const m = report.measurements;
  const targetRows: string[][] = [];
  for (const connections of connectionsFor(scenario, report.connections)) {
    const pick = (x: Measurement) => x.scenario === scenario.id && x.connections === connections;
    const rps = (x: Measurement) => x.rps;
    const stock = roundRatio(m, pick, 'comity', 'stock-apollo', rps);
    const hive = roundRatio(m, pick, 'comity', 'hive', rps);
    const goal = scenario.id <= 2;
    targetRows.push([
      `Comity RPS ÷ stock Apollo, scenario ${scenario.id}, ${connections} conn`,
      ratioText(stock),
      goal ? '≥ 1.3×' : '(not a target)',
      goal ? judge(stock, (value) => value >= 1.3) : '',
    ]);
    targetRows.push([
      `Comity RPS ÷ Hive, scenario ${scenario.id}, ${connections} conn`,
      ratioText(hive),
      goal ? '≥ 1.5×' : '(not a target)',
      goal ? judge(hive, (value) => value >= 1.5) : '',
    ]);
    if (goal && connections === 1) {
      // What no gateway can beat: the subgraph calls alone, against each comparison gateway.
      const directStock = roundRatio(m, pick, 'direct', 'stock-apollo', rps, 'replay');
      const directHive = roundRatio(m, pick, 'direct', 'hive', rps, 'replay');
      targetRows.push([
        `… the direct path itself ÷ stock Apollo / ÷ Hive, scenario ${scenario.id}, 1 conn`,
        `${ratioText(directStock)} / ${ratioText(directHive)}`,
        '(the ceiling)',
        '',
      ]);
    }
  }
  return targetRows;
}

/** Comity's latency over the direct path at one connection, through the same client. */
function overheadTargets(report: BenchReport, scenario: Scenario): string[][] {
  const m = report.measurements;
  const targetRows: string[][] = [];
  const atOne = (system: SystemName, client: Measurement['client']) =>
    m.filter(
      (x) =>
        x.scenario === scenario.id &&
        x.system === system &&
        x.connections === 1 &&
        x.client === client,
    );
  const direct = atOne('direct', 'replay');
  const comity = atOne('comity', 'replay');
  if (direct.length > 0 && comity.length > 0) {
    // Per round: Comity's p50 minus the direct path's, both through the undici client.
    const overhead = perRound(comity, direct, (a, b) => a.p50 - b.p50);
    const spread =
      overhead.rounds.length >= 2
        ? `rounds ${fixed(Math.min(...overhead.rounds), 2)}–${fixed(Math.max(...overhead.rounds), 2)} ms; `
        : '';
    targetRows.push([
      `Gateway overhead over the direct path, p50 at 1 conn, scenario ${scenario.id}`,
      `${fixed(overhead.median, 2)} ms (${spread}medians ${fixed(median(comity.map((x) => x.p50)), 2)} and ${fixed(median(direct.map((x) => x.p50)), 2)} ms)`,
      '≤ 2 ms',
      judge(overhead, (value) => value <= 2),
    ]);
  }
  return targetRows;
}

/** The RPS FR loses to policy and audit, to policy alone, and the floor one commit sets. */
function policyTargets(report: BenchReport): string[][] {
  const targetRows: string[][] = [];
  const policyRows = report.policy.rows;
  const lossText = (loss: RoundRatio) =>
    loss.rounds.length >= 2
      ? `${percent(loss.median)} (rounds ${percent(Math.min(...loss.rounds))} to ${percent(Math.max(...loss.rounds))})`
      : percent(loss.median);
  for (const connections of report.connections) {
    const variant = (name: string) =>
      policyRows.filter((r) => r.variant === name && r.connections === connections);
    const without = variant('without');
    // Per round: 1 − RPS with ÷ RPS without, both measured in that round.
    const loss = perRound(variant('with policy + audit'), without, (a, b) => 1 - a.rps / b.rps);
    if (loss.rounds.length > 0) {
      targetRows.push([
        `Policy + audit inside FR, RPS loss at ${connections} conn`,
        lossText(loss),
        '≤ 10 %',
        judge(loss, (value) => value <= 0.1),
      ]);
    }
    const floor = commitFloor(report, connections);
    if (floor) {
      targetRows.push([
        `… the least the durable audit write alone can cost at 1 conn (one commit, ${fixed(floor.commitMs, 2)} ms, per ${fixed(floor.requestMs, 2)} ms request)`,
        percent(floor.loss),
        '(the floor)',
        '',
      ]);
    }
    const policyLoss = perRound(variant('policy only'), without, (a, b) => 1 - a.rps / b.rps);
    if (policyLoss.rounds.length > 0) {
      targetRows.push([
        `of which policy alone (no audit), RPS loss at ${connections} conn`,
        lossText(policyLoss),
        '(not a target)',
        '',
      ]);
    }
  }
  return targetRows;
}

/** Scenario 1's p50 at the large scale against the bench's, when the scale check ran. */
function scaleTarget(report: BenchReport): string[] {
  if (report.scaleCheck && report.scaleCheck.rows.length > 0 && report.scaleCheck.baselineP50) {
    const check = report.scaleCheck;
    // Per round: p50 at the large scale ÷ p50 at the bench's scale, measured back to back.
    const ratio = perRound(check.rows, check.baselineRows, (a, b) => a.p50 / b.p50);
    const p50 = median(check.rows.map((r) => r.p50));
    const differ = check.answers && !check.answers.same;
    const failed = check.answers?.clean === false;
    return [
      `Scenario 1 p50 at ${check.scale.toLocaleString('en')} ÷ at ${report.scale.toLocaleString('en')} records`,
      `${ratioText(ratio)} (medians ${fixed(p50, 2)} ms and ${fixed(check.baselineP50, 2)} ms)`,
      '≤ 1.2× (at 1,000,000)',
      failed
        ? 'n/a: a federation answered with errors'
        : differ
          ? 'n/a: the two federations answered differently'
          : check.scale >= 1_000_000
            ? judge(ratio, (value) => value <= 1.2)
            : 'indicative (scale < 1M)',
    ];
  } else {
    return [
      'Scenario 1 p50 at 1,000,000 ÷ at 10,000 records',
      'not measured in this run (`--scale-check`)',
      '≤ 1.2×',
      'n/a',
    ];
  }
}

/** `GATEWAY_WORKERS` 2 against 1: reported, not judged. */
function workersTarget(report: BenchReport): string[] {
  const workersHeadline = headlineWorkerRatio(report.workers.rows);
  return [
    'GATEWAY_WORKERS 2 vs 1',
    !report.workers.implemented
      ? 'N/A: the gateway has no `GATEWAY_WORKERS` yet'
      : workersHeadline
        ? `RPS with 2 ÷ with 1, scenario ${workersHeadline.scenario}, ${workersHeadline.connections} conn: ${ratioText(workersHeadline.ratio)}; all below`
        : 'see below',
    'report',
    report.workers.implemented ? 'reported' : 'n/a',
  ];
}
