import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { format, resolveConfig } from 'prettier';
import { DEFAULT_MAX_COST } from '../gateway/limits/OperationLimits.js';
import { NODE_FLAGS } from '../scripts/startFederation.js';
import type { LoadResult } from './LoadResult.js';
import type { ProcessUsage } from './processStats.js';
import { connectionsFor } from './scenarios.js';
import type { Scenario } from './scenarios.js';
import type { SelfTime } from './summarizeCpuProfile.js';

export type SystemName = 'direct' | 'comity' | 'stock-apollo' | 'hive';

export interface Measurement extends LoadResult, ProcessUsage {
  system: SystemName;
  scenario: number;
  connections: number;
  round: number;
  /** `autocannon` for gateways; `replay` for the undici driver (direct path, overhead figure). */
  client: 'autocannon' | 'replay';
}

export interface BenchReport {
  startedAt: Date;
  finishedAt: Date;
  quick: boolean;
  argv: string[];
  scale: number;
  seedSeconds: number;
  /** Redis URL of the registry cache in front of FR's SQL registries; '' when off. */
  registryCache: string;
  /** Where the subgraphs' audit logs were written. */
  auditStore: 'postgresql' | 'pglite';
  durationSec: number;
  rounds: number;
  connections: number[];
  scenarios: Scenario[];
  systems: { name: SystemName; error: string | null }[];
  /** What each system answered to each scenario once, before load. */
  probes: Record<string, Record<string, string>>;
  measurements: Measurement[];
  policy: {
    error: string | null;
    rows: (LoadResult & ProcessUsage & { variant: string; connections: number; round: number })[];
    /**
     * One synchronous commit on the audit database, timed in this run (ms): the least a
     * durable audit write adds to a request at one connection. Null with the PGlite store.
     */
    commits: { count: number; p50: number; p90: number; synchronousCommit: string } | null;
  };
  workers: {
    implemented: boolean;
    rows: (LoadResult &
      ProcessUsage & { workers: number; scenario: number; connections: number; round: number })[];
  };
  profile: {
    scenario: number;
    connections: number;
    durationSec: number;
    error: string | null;
    /** Sampled time inside the measured window (start-up and warm-up excluded). */
    totalMs: number;
    /** Requests completed in that window. */
    requests: number;
    functions: SelfTime[];
    packages: SelfTime[];
  } | null;
  /** The same for FR's subgraph under the FR root call of scenario 2. */
  subgraphProfile: BenchReport['profile'];
  loadAtStart: number[];
  /** Load average when the measurements ended (absent in reports of older runs: read at render). */
  loadAtEnd?: number[];
  /** Peak resident set (VmHWM) of every process at the end of the run, MiB. */
  rss: Record<string, number | null>;
  /** Wall time of each part of the run, in order, seconds. */
  phases: { name: string; seconds: number }[];
  scaleCheck: {
    scale: number;
    seedSeconds: number | null;
    /** The large data root was seeded before the run (`--scale-data`). */
    seededBefore: boolean;
    error: string | null;
    /** Scenario 1 at `scale`, and at the bench's scale in the same rounds, both without the registry cache. */
    rows: (LoadResult & { round: number })[];
    baselineRows: (LoadResult & { round: number })[];
    /** Length of each measured window, s (absent in reports of older runs: the bench's). */
    windowSec?: number;
    /**
     * What each federation answered once before the rounds; whether both answered without
     * errors (`clean`, absent in older reports) and with the same data.
     */
    answers: { large: string; baseline: string; same: boolean; clean?: boolean } | null;
    rss: Record<string, number | null>;
    baselineP50: number | null;
  } | null;
}

const SYSTEM_LABELS: Record<SystemName, string> = {
  direct: '(a) direct critical path',
  'stock-apollo': '(b) stock @apollo/gateway',
  hive: '(c) Hive Gateway',
  comity: '(d) Comity',
};
const SYSTEM_ORDER: SystemName[] = ['direct', 'stock-apollo', 'hive', 'comity'];

/**
 * At `connections` = 1: the RPS loss that one synchronous audit commit per request causes by
 * itself, against FR's request without policy and audit (1 − t / (t + commit)).
 */
function commitFloor(report: BenchReport, connections: number) {
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

export function median(values: number[]): number {
  const finite = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (finite.length === 0) return Number.NaN;
  const middle = Math.floor(finite.length / 2);
  return finite.length % 2 === 1 ? finite[middle]! : (finite[middle - 1]! + finite[middle]!) / 2;
}

const fixed = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
const percent = (value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : `${(value * 100).toFixed(0)} %`;

/** The version package.json pins for `name`, so the report names what ran, not what once did. */
/** The version the project's or the bench's comparison manifest pins `name` at. */
function pinnedVersion(name: string): string {
  for (const file of ['../package.json', './comparison/package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
      const version = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
      if (version) return version;
    } catch {
      // A manifest that cannot be read pins nothing.
    }
  }
  return '(not pinned)';
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    return match ? match[1]!.trim() : (os.cpus()[0]?.model ?? 'unknown');
  } catch {
    return os.cpus()[0]?.model ?? 'unknown';
  }
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

interface Summary {
  rps: number;
  p50: number;
  p99: number;
  cpu: number;
  /** Gateway CPU time per request, ms: the median over rounds of CPU share ÷ RPS. */
  cpuPerRequest: number;
  maxRss: number;
  failures: number;
  rounds: number;
}

function summarize(measurements: (LoadResult & ProcessUsage)[]): Summary | null {
  if (measurements.length === 0) return null;
  return {
    rps: median(measurements.map((m) => m.rps)),
    p50: median(measurements.map((m) => m.p50)),
    p99: median(measurements.map((m) => m.p99)),
    cpu: median(measurements.map((m) => m.cpu ?? Number.NaN)),
    cpuPerRequest: median(
      measurements.map((m) => (m.cpu !== null && m.rps > 0 ? (m.cpu / m.rps) * 1000 : Number.NaN)),
    ),
    maxRss: Math.max(
      Number.NEGATIVE_INFINITY,
      ...measurements.flatMap((m) => (m.maxRssMiB === null ? [] : [m.maxRssMiB])),
    ),
    failures: measurements.reduce((sum, m) => sum + m.failures, 0),
    rounds: measurements.length,
  };
}

/** The per-round ratios a/b (both measured back to back in one round) and their median. */
interface RoundRatio {
  median: number;
  rounds: number[];
}

function roundRatio(
  measurements: Measurement[],
  pick: (m: Measurement) => boolean,
  a: SystemName,
  b: SystemName,
  value: (m: Measurement) => number,
  client: Measurement['client'] = 'autocannon',
): RoundRatio {
  const of = (system: SystemName, wanted: Measurement['client']) =>
    measurements.filter((m) => pick(m) && m.system === system && m.client === wanted);
  return perRound(of(a, client), of(b, 'autocannon'), (x, y) => value(x) / value(y));
}

type WorkerRow = BenchReport['workers']['rows'][number];

/** RPS with 2 workers ÷ with 1, per round (both measured back to back in it), and the median. */
function workerRatio(rows: WorkerRow[], scenario: number, connections: number): RoundRatio {
  const of = (workers: number) =>
    rows.filter(
      (row) =>
        row.workers === workers && row.scenario === scenario && row.connections === connections,
    );
  return perRound(of(2), of(1), (two, one) => two.rps / one.rps);
}

/** The ratio the targets table quotes: scenario 2 (else the first) at its highest connection count. */
function headlineWorkerRatio(rows: WorkerRow[]) {
  if (rows.length === 0) return null;
  const scenario = rows.some((row) => row.scenario === 2) ? 2 : rows[0]!.scenario;
  const connections = Math.max(
    ...rows.filter((row) => row.scenario === scenario).map((row) => row.connections),
  );
  const ratio = workerRatio(rows, scenario, connections);
  return ratio.rounds.length > 0 ? { scenario, connections, ratio } : null;
}

function renderWorkers(out: string[], report: BenchReport): void {
  const rows = report.workers.rows;
  out.push(
    `Two Comity gateways side by side on the same subgraphs, one with \`GATEWAY_WORKERS=1\` and one with 2 (node:cluster), each warmed up for 1 s per scenario at the highest connection count, then ${new Set(rows.map((row) => row.round)).size} interleaved round(s) of ${report.durationSec} s per scenario and connection count, the order alternated per round (autocannon), each measurement after the processes are idle. Medians over the rounds; gateway CPU and resident set are summed over the primary and its workers. Both run on the same ${os.cpus().length} cores as the four subgraphs${report.auditStore === 'postgresql' ? ', PostgreSQL' : ''}${report.registryCache ? ', Redis' : ''} and the load generator, so a second worker can only take CPU the others would use.`,
  );
  out.push('');
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
  out.push(
    table(
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
    ),
  );
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
}

/**
 * met / not met by the median; when the rounds fall on both sides of the goal, the verdict
 * says so, since this machine's noise alone could have turned it.
 */
function judge(ratio: RoundRatio, ok: (value: number) => boolean): string {
  if (!Number.isFinite(ratio.median)) return 'n/a';
  const verdict = ok(ratio.median) ? 'met' : '**not met**';
  const straddles = ratio.rounds.some(ok) && !ratio.rounds.every(ok);
  return straddles ? `${verdict} (rounds on both sides)` : verdict;
}

/** Per-round values a − b or a ÷ b of rows matched by round, and their median. */
function perRound<T extends { round: number }>(
  a: T[],
  b: T[],
  combine: (first: T, second: T) => number,
): RoundRatio {
  const values: number[] = [];
  for (const first of a) {
    const second = b.find((row) => row.round === first.round);
    if (second) {
      const value = combine(first, second);
      if (Number.isFinite(value)) values.push(value);
    }
  }
  return { median: median(values), rounds: values };
}

/** `1.22× (rounds 1.10–1.35×)`: the median, and the spread the machine's noise gave it. */
function ratioText(ratio: RoundRatio): string {
  if (ratio.rounds.length < 2) return `${fixed(ratio.median, 2)}×`;
  const low = Math.min(...ratio.rounds);
  const high = Math.max(...ratio.rounds);
  return `${fixed(ratio.median, 2)}× (rounds ${fixed(low, 2)}–${fixed(high, 2)}×)`;
}

/**
 * The "Latest run" section of BENCHMARKS.md: what this run measured, on which machine, with
 * which command. Findings written by hand live outside it (see mergeReport).
 */
export function renderReport(report: BenchReport): string {
  const out: string[] = [];
  const m = report.measurements;
  const argv = report.argv.length ? ` -- ${report.argv.join(' ')}` : '';
  const load = (report.loadAtEnd ?? os.loadavg()).map((value) => value.toFixed(2)).join(' ');

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

  out.push('### Machine');
  out.push('');
  out.push(`- CPU: ${cpuModel()}, ${os.cpus().length} cores (\`/proc/cpuinfo\`)`);
  out.push(`- Memory: ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; ${os.type()} ${os.release()}`);
  out.push(`- Node.js ${process.version}`);
  out.push(
    `- Date: ${report.startedAt.toISOString()} → ${report.finishedAt.toISOString()} (${((report.finishedAt.getTime() - report.startedAt.getTime()) / 1000).toFixed(0)} s); load average (1, 5, 15 min) at the start: ${report.loadAtStart.map((value) => value.toFixed(2)).join(' ')}, at the end: ${load}`,
  );
  out.push('');

  // Scenarios that run at fewer connections than the others (Scenario.maxConnections).
  const capped = report.scenarios.filter(
    (scenario) => connectionsFor(scenario, report.connections).join() !== report.connections.join(),
  );
  out.push('### How it was run');
  out.push('');
  out.push('```sh');
  out.push(`npm run bench${argv}`);
  out.push('```');
  out.push('');
  out.push(
    `- Data: ${report.scale.toLocaleString('en')} records per registry, seeded into a temporary data root by \`seedFederation\` in ${report.seedSeconds.toFixed(0)} s (PGlite and files, no PostgreSQL server). ${report.registryCache ? `Registry cache on: France's SQL registries behind Redis at ${report.registryCache} (\`REGISTRY_CACHE_REDIS_URL\`; DE and SG are in memory and not cached), for every system alike, since they share the subgraphs; \`--no-registry-cache\` turns it off.` : 'Registry cache off (no Redis answered, or `--no-registry-cache`).'} The gateway's own Redis (\`REDIS_URL\`: rate limits, APQ) is off: in-process defaults. Audit logs: ${report.auditStore === 'postgresql' ? "on the local PostgreSQL server (`AUDIT_DATABASE_URL`, a database of the run's own, synchronous commit), as docker-compose deploys them; `--audit-store pglite` keeps `npm start`'s embedded PGlite, which runs its writes, fsync included, on the subgraph's own thread" : 'embedded PGlite, as `npm start` runs them (`--audit-store postgres` puts them on the local PostgreSQL server, as docker-compose deploys them)'}.`,
  );
  if (report.phases.length > 0) {
    const total = (report.finishedAt.getTime() - report.startedAt.getTime()) / 1000;
    out.push(
      `- Time: ${report.phases.map((phase) => `${phase.name} ${phase.seconds.toFixed(0)} s`).join(', ')}; ${total.toFixed(0)} s in all, report included.`,
    );
  }
  out.push(
    `- Load: ${report.rounds} interleaved round(s); in each round every system runs every scenario for ${report.durationSec} s at each of ${report.connections.join(' and ')} connection(s), the order of systems rotated per round; a 1 s warm-up precedes each system's first run; before every measurement the harness waits (at most 15 s) until the federation's processes are idle, so that no run pays for the queue the one before left.${capped.length > 0 ? ` ${capped.map((scenario) => `Scenario ${scenario.id} runs at ${connectionsFor(scenario, report.connections).join(' and ')} connection(s)`).join('; ')}: ${capped.length > 1 ? 'they serve' : 'it serves'} a few requests per second here, and more connections would queue each request for longer than the window.` : ''} Tables give the median over rounds; ratios are medians of per-round ratios.`,
  );
  out.push(
    `- Clients: autocannon ${pinnedVersion('autocannon')} (keep-alive, no pipelining) drives the gateways; it records latency in whole milliseconds. The direct critical path is driven by bench/replayDriver.ts (undici keep-alive pools, one connection per worker, fractional ms), and Comity is also driven by that same client at one connection so that the overhead figure compares like with like. Both count the requests finished inside the window, over the window. A request fails (column "Failed", not counted in RPS) when its status is not 2xx, it errs or times out, or its body carries GraphQL \`errors\`.`,
  );
  out.push(
    '- Gateway CPU: (utime + stime) delta of the gateway process over wall time, from `/proc/<pid>/stat` (1.0 = one core busy); CPU ms / request: that share ÷ RPS, the median over rounds. Max RSS: largest `VmRSS` sampled every 100 ms during the window, which includes whatever the process kept from the runs before it (resident memory seldom shrinks); the peak `VmHWM` of every process at the end of the run (\"Memory\") is the figure to compare systems by.',
  );
  out.push(
    `- Processes: the subgraphs (directory, FR, DE, SG), shared by every system, run as docker-compose runs them: \`NODE_ENV=production\` (graphql-js skips its development-only checks) and Comity's node flags (\`${NODE_FLAGS.join(' ')}\`, \`NODE_FLAGS\` in scripts/startFederation.ts). Every gateway runs with those node flags too (Comity's as \`npm start\` and docker-compose start it; stock Apollo's and Hive's because a runtime setting is not a Comity feature), and with NODE_ENV unset.`,
  );
  out.push('- Systems:');
  out.push(
    "  - (a) **direct critical path**: the subgraph calls Comity's query plan makes, captured once per scenario by a recording proxy in front of the subgraphs (bench/recordSubgraphCalls.ts), then replayed straight to the subgraphs as dependent stages (calls of one stage in parallel, stages in sequence), each call with a context token signed by `createContextSigner` with the dev keys (`context.current`, ttl 60 s, re-signed every 20 s). The lower bound: no gateway at all.",
  );
  out.push(
    `  - (b) **stock @apollo/gateway ${pinnedVersion('@apollo/gateway')} + @apollo/server ${pinnedVersion('@apollo/server')}** with default settings, no auth, no limits, no policy plugins (bench/systems/stockApolloGateway.ts). The only change: a \`RemoteGraphQLDataSource\` subclass that adds the pre-signed context token of the bench caller named in \`x-bench-caller\` (the subgraphs refuse requests without one), and the subgraph URLs of the harness's ports.`,
  );
  out.push(
    `  - (c) **Hive Gateway** (\`@graphql-hive/gateway\` ${pinnedVersion('@graphql-hive/gateway')}, \`createGatewayRuntime\`, bench/comparison/hiveGateway.ts) serving the same supergraph file, with in-flight request deduplication off both ways (\`inboundInflightRequestDeduplication: false\`, transport \`deduplicateInflightRequests: false\`), the context token added by \`propagateHeaders.fromClientToSubgraphs\`, and logging at \`error\`.`,
  );
  out.push(
    `  - (d) **Comity** as \`npm start\` runs it (\`gateway/index.ts\`, NODE_ENV unset = hardened defaults, pino request logging at info to a pipe): caller JWT verification, purpose and case headers, operation limits, per-subgraph signed context, policy and audit in every subgraph. The only settings changed: \`COMITY_RATE_LIMIT_PER_SUBJECT\` and \`COMITY_RATE_LIMIT_PER_AGENCY\` = 1000000000 so that the rate limiter never throttles the bench (it still runs on every request); and \`REDIS_URL\` empty (in-process defaults). The default operation limits stay on (depth, aliases, cost up to ${DEFAULT_MAX_COST.toLocaleString('en')}): an operation they refused would show as an error in the answers below.`,
  );
  out.push('');

  out.push('### Scenarios');
  out.push('');
  for (const scenario of report.scenarios) {
    out.push(
      `**${scenario.id}. ${scenario.name}** — ${scenario.description}.${scenario.note ? ` ${scenario.note}` : ''}`,
    );
    out.push('');
    const probe = report.probes[scenario.id] ?? {};
    out.push(
      table(
        ['System', 'One answer before load'],
        SYSTEM_ORDER.filter((system) => probe[system]).map((system) => [
          SYSTEM_LABELS[system],
          probe[system]!,
        ]),
      ),
    );
    out.push('');
  }
  out.push('<details><summary>Operations</summary>');
  out.push('');
  for (const scenario of report.scenarios) {
    out.push(
      `Scenario ${scenario.id}${Object.keys(scenario.variables).length ? ` (variables \`${JSON.stringify(scenario.variables)}\`)` : ''}:`,
    );
    out.push('');
    out.push('```graphql');
    out.push(scenario.query.trim().replace(/^ {2}/gm, ''));
    out.push('```');
    out.push('');
  }
  out.push('</details>');
  out.push('');

  const failed = report.systems.filter((system) => system.error);
  if (failed.length > 0) {
    out.push('### Systems that could not run');
    out.push('');
    for (const system of failed) {
      out.push(`**${SYSTEM_LABELS[system.name]}**:`);
      out.push('');
      out.push('```');
      out.push(system.error!);
      out.push('```');
      out.push('');
    }
  }

  out.push('### Results');
  out.push('');
  for (const scenario of report.scenarios) {
    out.push(`#### Scenario ${scenario.id}: ${scenario.name}`);
    out.push('');
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
        rows,
      ),
    );
    out.push('');
  }

  out.push('### Against the targets');
  out.push('');
  const targetRows: string[][] = [];
  for (const scenario of report.scenarios) {
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
  }
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
  if (report.scaleCheck && report.scaleCheck.rows.length > 0 && report.scaleCheck.baselineP50) {
    const check = report.scaleCheck;
    // Per round: p50 at the large scale ÷ p50 at the bench's scale, measured back to back.
    const ratio = perRound(check.rows, check.baselineRows, (a, b) => a.p50 / b.p50);
    const p50 = median(check.rows.map((r) => r.p50));
    const differ = check.answers && !check.answers.same;
    const failed = check.answers?.clean === false;
    targetRows.push([
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
    ]);
  } else {
    targetRows.push([
      'Scenario 1 p50 at 1,000,000 ÷ at 10,000 records',
      'not measured in this run (`--scale-check`)',
      '≤ 1.2×',
      'n/a',
    ]);
  }
  const workersHeadline = headlineWorkerRatio(report.workers.rows);
  targetRows.push([
    'GATEWAY_WORKERS 2 vs 1',
    !report.workers.implemented
      ? 'N/A: the gateway has no `GATEWAY_WORKERS` yet'
      : workersHeadline
        ? `RPS with 2 ÷ with 1, scenario ${workersHeadline.scenario}, ${workersHeadline.connections} conn: ${ratioText(workersHeadline.ratio)}; all below`
        : 'see below',
    'report',
    report.workers.implemented ? 'reported' : 'n/a',
  ]);
  out.push(table(['Target', 'Measured', 'Goal', 'Verdict'], targetRows));
  out.push('');
  out.push(
    'A ratio is the median of the per-round ratios; the brackets give the lowest and the highest round, so a verdict whose range straddles its goal is within what this machine\'s noise moves. The "direct path itself" rows divide the direct critical path\'s RPS (no gateway at all, undici client) by each comparison gateway\'s: no gateway can go faster than its own subgraph calls, so at one connection Comity\'s ratio can exceed that row only by the noise (and the difference between the two clients). "Rounds on both sides": the median meets or misses the goal, but some rounds fell on the other side of it.',
  );
  out.push('');

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
    out.push(
      table(['Subgraph', 'Conns', 'RPS', 'p50 ms', 'p99 ms', 'Subgraph CPU', 'Failed'], rows),
    );
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
  }
  out.push('');

  out.push('### Gateway workers');
  out.push('');
  if (!report.workers.implemented) {
    out.push(
      'N/A: the gateway does not read `GATEWAY_WORKERS` yet (no multi-worker gateway); the harness measures 1 vs 2 workers as soon as it does.',
    );
  } else {
    renderWorkers(out, report);
  }
  out.push('');

  out.push('### Profile');
  out.push('');
  renderProfile(out, report.profile, 'a separate Comity gateway process (same settings)');
  out.push('');
  out.push('#### FR subgraph');
  out.push('');
  renderProfile(
    out,
    report.subgraphProfile,
    "a second FR subgraph process as deployed (policy and audit on), on a copy of FR's data, replayed the FR root call of",
  );
  out.push('');

  out.push('### Memory');
  out.push('');
  out.push(
    `Peak resident set (\`VmHWM\`) of every process at the end of the run, ${report.scale.toLocaleString('en')} records per registry:`,
  );
  out.push('');
  out.push(
    table(
      ['Process', 'Peak RSS MiB'],
      Object.entries(report.rss).map(([name, mib]) => [name, fixed(mib, 0)]),
    ),
  );
  out.push('');

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
  }
  out.push('');
  return `${out.join('\n')}\n`;
}

function renderProfile(out: string[], profile: BenchReport['profile'], what: string): void {
  if (!profile) {
    out.push('Not taken in this run.');
    return;
  }
  if (profile.error) {
    out.push(`No profile: ${profile.error}.`);
    return;
  }
  const perRequest = (ms: number) =>
    profile.requests > 0 ? `${fixed((ms * 1000) / profile.requests, 0)} µs` : '—';
  out.push(
    `\`node --cpu-prof\` on ${what} scenario ${profile.scenario} at ${profile.connections} connections for ${profile.durationSec} s after a 1 s warm-up. Only the samples of the measured window count (start-up and warm-up excluded): ${fixed(profile.totalMs / 1000, 1)} s of samples, ${profile.requests} requests. Self time: the function itself, callees excluded; per request: self time ÷ requests. The profiler samples on a wall-clock interval: time the main thread spends preempted inside a system call (a \`writev\` that wakes a subgraph on the same cores) counts as that call's, and \`(idle)\` is the event loop waiting for I/O.`,
  );
  out.push('');
  out.push(
    table(
      ['Package / folder', 'Self time', 'Per request', 'Share'],
      profile.packages.map((p) => [
        p.function,
        `${fixed(p.ms, 0)} ms`,
        perRequest(p.ms),
        percent(p.share),
      ]),
    ),
  );
  out.push('');
  out.push(
    table(
      ['Top function (file:line)', 'Self time', 'Per request', 'Share'],
      profile.functions.map((f) => [
        `\`${f.function}\``,
        `${fixed(f.ms, 0)} ms`,
        perRequest(f.ms),
        percent(f.share),
      ]),
    ),
  );
}

/** The lines between which `npm run bench` writes; everything outside them is written by hand. */
export const LATEST_RUN_START = '<!-- bench:latest-run:start -->';
export const LATEST_RUN_END = '<!-- bench:latest-run:end -->';

/**
 * `existing` (the report file as it stands, or null when there is none) with `latestRun`
 * between the markers. Everything outside the markers is kept byte for byte, so findings
 * written by hand survive every run; a file without the markers loses nothing either: the
 * marked section is added at its end.
 */
export function mergeReport(existing: string | null, latestRun: string): string {
  const block = `${LATEST_RUN_START}\n\n${latestRun.trim()}\n\n${LATEST_RUN_END}`;
  if (existing === null || existing.trim() === '') return `# Benchmarks\n\n${block}\n`;
  // Whole lines only, so that prose mentioning a marker is never mistaken for one.
  const lines = existing.split('\n');
  const start = lines.findIndex((line) => line.trim() === LATEST_RUN_START);
  const end = lines.findIndex((line, index) => index > start && line.trim() === LATEST_RUN_END);
  if (start === -1 || end === -1) return `${existing.trimEnd()}\n\n${block}\n`;
  return [...lines.slice(0, start), block, ...lines.slice(end + 1)].join('\n');
}

/**
 * Rewrites the latest-run section of `file`, formatted as `npm run format` would leave it;
 * the rest of the file is not touched.
 */
export async function writeReport(file: string, report: BenchReport): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  const section = await format(renderReport(report), { ...options, parser: 'markdown' });
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : null;
  writeFileSync(file, mergeReport(existing, section));
}
