import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { format, resolveConfig } from 'prettier';
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
 * What reading the profiles led to: written by hand after the profiling sessions it names
 * (the tables above are this run's), so that the reasons for the levers stay beside them.
 */
export const PROFILE_FINDINGS: readonly string[] = [
  "- **Gateway**: no single Comity-side hot spot. Self time is spread over Apollo's executor and result shaping (`@apollo/gateway`, `@apollo/federation-internals`), node core (HTTP, streams), JSON parsing and serialising, and one Ed25519 signature per subgraph and request (about 50 µs each with node:crypto alone). Most `writev` time is the gateway thread descheduled inside a loopback write while the subgraph it woke runs on the other core: on scenario 2 the gateway spends 0.3 ms per request in the kernel against 5 ms in user space (`/proc/<pid>/stat`).",
  '- **Gateway GC** was a tenth of the samples. With 64 MiB semi-spaces (`NODE_FLAGS` in scripts/startFederation.ts) it is about 6 %, and an A/B of two gateways on the same federation (2026-11-30, scenario 2, 8 and 32 connections, 5 s runs alternated) measured 5.4 ms of gateway CPU per request against 6.4 ms.',
  "- **FR subgraph**, as deployed, scenario 2's FR call at 32 connections (profiled 2026-11-29): an HMAC per entity for the audit event's pseudonyms (about 70 per request, the key imported on every call) took 7.5 % — now a keyed, bounded cache (`createPseudonymizer`); Apollo's cache-control plugin hooked every field (`willResolveField`) for about 5 % — now off in subgraphs, which set no cache hints; graphql-js's development-mode `instanceOf` took 7 % — the subgraphs run with `NODE_ENV=production`, as docker-compose runs them; the audit event hash used a JavaScript SHA-256, 108 µs for a 5 kB event against 12 µs with node:crypto — now node:crypto. Together: FR as deployed went from 309 to 502 requests per second at 32 connections on the same data (autocannon, 10 s each), and from 169 to 202 at one connection.",
  "- **Tried and taken back** (2026-11-30): signing the context tokens on libuv's thread pool, and starting them, for an operation seen before, as soon as its text was known (while Apollo validated and planned it). An A/B of gateways on one federation (scenario 1 at one connection, ten alternated rounds of 3 s after a warm-up) gave 5 % fewer requests per second than signing on the event loop (rounds 0.79–1.13×): handing a 67 µs signature to another thread and waking the loop for its result cost more than it freed. Writing the request log line after the response and checking each cached document for introspection once were kept; they measured within the noise (0.98×, rounds 0.78–1.11×).",
  "- **Audit append, prepared** (2026-11-30): PostgreSQL's statement log showed it parsing the append statement on every commit. Group commits of up to 8 events now run as named prepared statements, one per size and connection (`PREPARED_APPEND_MAX_EVENTS` in subgraphs/kit/audit/openAuditLog.ts). PostgreSQL's time on a one-event append went from 0.28 ms (parse 0.09, bind 0.09, execute 0.10 ms) to 0.15 ms (bind 0.04, execute 0.11 ms). A loop of 500 appends of a scenario-2-sized event (50 entity pseudonyms) against the local server, eight alternated rounds: p50 0.49 ms prepared against 0.65 ms (0.76×, rounds 0.69–0.87×). FR as deployed, scenario 2's FR call at one connection, two alternated bench runs each: p50 2.25 and 2.22 ms against 2.35 and 2.32 ms before. The commit's flush is untouched and is most of what is left.",
  "- **Later stages' context tokens signed while the first stage is out** (2026-11-30): timing marks in a gateway at one connection, on a two-stage operation (FR, then DE and SG), put 0.4–0.6 ms between a request's arrival and its first subgraph request, 0.1 ms of it the first token's signature; each later fetch then signed its own token (about 0.1 ms each) between the previous stage's answer and its own request. The gateway now signs the later stages' tokens as soon as the plan is known, after the first stage's requests are written (`experimental_didResolveQueryPlan`, gateway/presignLaterFetches.ts). Two alternated bench runs of each (scenarios 1 and 2, three rounds): overhead over the direct path at one connection 2.34 and 2.48 ms on scenario 2 against 2.93 and 2.88 ms before, 1.70 and 1.72 ms on scenario 1 against 2.42 and 1.72 ms; Comity ÷ stock Apollo at 32 connections within the noise (scenario 1: 1.45 and 1.42× against 1.59 and 1.45×; scenario 2: 1.25 and 1.26× against 1.25 and 1.28×). Logging requests at `warn` instead of `info` changed nothing measurable (two alternated runs each).",
  "- **Registry reads kept in the process, in front of Redis** (2026-11-30): a profile of FR under scenario 1 at 32 connections put 29 % of its busy time in the Redis read-through: the `MGET` round trip (ioredis, the socket write) and `JSON.parse` of the records. Each SQL subgraph now keeps what Redis answered, parsed and frozen, under the same versioned key, up to 16 MiB of JSON (`REGISTRY_CACHE_LOCAL_MB`, subgraphs/kit/registry/cacheRegistries.ts). Two alternated runs with the tier off and on, the federation under Comity at 32 connections for 5 s: FR's CPU per request 1.66 and 1.85 ms against 1.19 and 1.18 ms on scenario 1, 1.92 and 1.70 ms against 1.20 and 1.31 ms on scenario 2; FR's own call replayed alone at one connection, p50 2.84 and 1.94 ms against 1.67 and 1.57 ms (scenario 1), 3.04 and 2.13 ms against 1.49 and 1.63 ms (scenario 2). Every system gains, since they share the subgraphs; FR without its audit gains too, so the audit's share of FR's request (\"Policy and audit inside a subgraph\") grew.",
  "- **Parallel fetches wait on the scheduler at one connection** (2026-11-30, not changed): a wall-clock profile of the gateway under scenario 1 at one connection spent 0.61 ms per request inside the `writev` of undici's subgraph requests. A socket write wakes the subgraph that reads it as a synchronous wakeup, which the kernel may place on the writer's core, so the next write of the same stage waits until the gateway is scheduled again. The CPU time behind it is small (the same profile at 32 connections: 0.54 ms per request of `writev` wall time, where the cores are busy anyway). Every system here writes a stage's fetches one after another from one thread, the direct replay included, and it arises only because every process shares two cores; nothing in the gateway was changed for it.",
  "- **Tried and taken back: the response serialised while its audit commit is in flight** (2026-11-30). FR's own profile put `JSON.stringify` of its answer (Apollo's `prettyJSONStringify`) at about 0.26 ms per request on this day's machine, all of it after the commit returned. A version sent the event in `willSendResponse` without waiting, let Apollo serialise, and held every byte in the HTTP handler until the commit was durable. Two federations of the old and the new code on copies of the same data, FR's call of scenario 2 replayed straight to each FR, alternated rounds of 4 s: 0.95× and 0.97× the old code's requests per second at one connection (rounds 0.84–1.08×), 1.05× and 1.03× at 32 (rounds 0.97–1.27×); Comity's gateway at one connection 1.03× on scenario 1 and 1.00× on scenario 2. Within the noise, and a likely reason it cannot win on two cores: the socket write wakes the PostgreSQL backend, which the kernel tends to place on the writer's core, where FR then keeps running. The durability guarantee rested on two pieces instead of one for no measured gain, so it went back; the test it brought stayed (a transaction holding the chain head keeps every response in, and each event is there when its response arrives).",
  "- **Subgraph fetches without Apollo's node-fetch objects** (2026-11-30): a wall-clock profile of the gateway at one connection on scenario 1 put node-fetch's `Request` and `Headers` at about 0.3 ms per request: `RemoteGraphQLDataSource` builds a `Headers` and a `Request` for every fetch, the latter only for error hooks Comity does not use. `ContextSigningDataSource` now sends an operation's fetch itself (plain header object, the same body, headers and token; health checks, APQ and response hooks keep Apollo's path; a test compares what the subgraph receives on both paths). Two gateways of the old and the new code on one federation, six alternated rounds of 4 s: gateway CPU per request (medians) 2.77 → 2.64 ms on scenario 1 and 4.35 → 3.90 ms on scenario 2 at one connection, 2.29 → 2.14 and 3.54 → 3.27 ms at 32; requests per second 1.03× and 1.08× at one connection (rounds 0.90–1.17× and 0.96–1.12×), 1.05× and 1.00× at 32, within the noise.",
  "- **Where the machine's time goes** (2026-11-30, scenario 2 under Comity at 32 connections, CPU per request of every process from `/proc`): gateway 2.96 ms, FR 1.38, DE 1.75, SG 1.67, PostgreSQL 0.58 (three audit logs), the load generator 0.27, 8.6 ms in all. The subgraphs, which every system here shares, took more than the gateway; since Comity's ratio to another gateway is (that gateway's CPU + the rest) ÷ (Comity's + the rest), a cheaper subgraph raises it as surely as a cheaper gateway does.",
  "- **Subgraphs: a synchronous `@minimize`, wallet ids remembered** (2026-11-30): profiles of DE and SG under scenario 2 put about 0.35 ms per request in graphql-js's promise path (`promiseForObject`, microtasks) and about 0.25 ms in normalising the wallet ids of the representations (a keccak-256 for each EVM checksum, CAIP-10 parsing). The `@minimize` wrapper was an `async` function, so every policed field of every record returned a promise, even from a synchronous resolver; it now returns a plain value when it gets one (a test checks that a batch of plain records completes synchronously). `normalizeWalletId` keeps its recent results by exact input (8,192; failures never). One run each, the same data: scenario 2 at 32 connections 203 → 253 requests per second, CPU per request DE 1.75 → 1.25 ms, SG 1.67 → 1.24, FR 1.38 → 1.14; FR with policy but without audit now costs no more than FR without either.",
  "- **@apollo/federation-internals' shared getter** (2026-11-30): `get (@apollo/federation-internals/dist/index.js:6)` took about 0.16 ms per request in the gateway's profile of scenario 2. The package's index re-exports every submodule through TypeScript's `__exportStar`, one getter function for every export, which the executor and result shaping call for every value they touch. The gateway now replaces that module's cached exports with a plain copy before @apollo/gateway loads (gateway/runtime/flattenFederationInternals.ts; tested: same keys and values, the gateway's and the planner's `require` get the copy). Two gateways on one federation, alternated rounds: gateway CPU per request 0.86–0.95× of the unflattened one across scenarios 1 and 2 at 1 and 32 connections, where an A/A run of identical gateways gave 0.99–1.06×.",
  "- **The in-process rate limiter copied its log** (2026-11-30): a one-connection profile of the gateway on scenario 2 put about 60 µs per request in `SlidingWindowCounter`. It kept every admitted timestamp of the window per subject and per agency and filtered them into a new array on every request; with the bench's limits of 10^9 a minute, that was every request of the last minute, copied twice per request, and garbage for the collector. It now passes over expired stamps and compacts the log now and then: O(1) per request whatever the limit, with decisions identical to the plain log (a test compares them over 60,000 generated requests). At the default limits (600 and 3,000 a minute) the old copy was at most 3,000 stamps. Two gateways on one federation, alternated rounds: gateway CPU per request 0.90–0.94× of the old code's, requests per second 1.04–1.12×.",
  "- **Deadline timers cleared** (2026-11-30): the same one-connection profile showed `DOMException` built from node's timer list, about 25 µs per request: `AbortSignal.timeout` cannot be cleared, so every subgraph fetch left its signal and timer pending for the whole subgraph timeout (5 s: some 6,000 at 300 requests per second with four fetches each), each firing in the end to abort nothing. The fetcher now arms a timer of its own and clears it once the answer is in (a test checks it). Two gateways on one federation, alternated rounds: gateway CPU per request 0.96–0.97× on scenario 1 and 1.00–1.16× on scenario 2, requests per second 0.98–1.05×: within the noise; kept for the thousands of timers and signals no longer held.",
  "- **Audit storage** (2026-11-30): the growing columns of the events table (pseudonyms, field lists) are compressed with lz4 where the server has it (PGlite keeps pglz). A loop of appends of 100-pseudonym events against the local server, 32 writers, four alternated rounds: PostgreSQL's CPU per event 123 → 103 µs, the table 86 → 69 MB; keeping the rows uncompressed in line saved as much CPU but took 143 MB. Secondary indexes cost nothing measurable there (all four dropped: 123 µs). The canonical JSON of an event now only quotes plain-ASCII strings (14.6 → 9.5 µs for 100 pseudonyms; the same bytes for every character of the first 256 code points, tested).",
  "- **Comity's own query-plan executor** (2026-11-30, gateway/execution/): a one-connection profile of scenario 1 still put @apollo/gateway's `operationFromDocument` (the operation rebuilt from its document on every request, 35–50 µs here) and `computeResponse` (result shaping that asks the schema about every value: `updateOutputValue`, `applySelectionSet`, with federation-internals' type predicates and directive lookups) among the gateway's largest items, with OpenTelemetry spans and usage-reporting trace nodes built for every plan node even with no tracer and no reporting. Apollo's executor now calls Comity's: sequences, parallels, flattens and fetches run as Apollo runs them, and the response is shaped over a shape compiled once per parsed document (Apollo Server's document cache hands the same one back); `@skip`/`@include`, `@defer`, introspection, data rewrites and traces go to Apollo's original. A differential test runs both on the real supergraph and planner with generated subgraph answers (nulls where the schema forbids them, wrong types, unknown enum values and `__typename`s, missing fields, errors with and without codes and paths, wrong `_entities` lengths, failed fetches) and requires the same bytes, errors and calls. Two gateways on one federation (new against old), five alternated rounds of 4 s: gateway CPU per request 0.77× on scenario 2 at one connection (rounds 0.73–0.99×), 0.92× at 32, 0.91× on scenario 1 at 32, 1.02× on scenario 1 at one connection (rounds 0.79–1.11×: within the noise, the answer there is 4.5 kB); requests per second 1.11× on scenario 2 at one connection, within the noise elsewhere.",
  "- **Abort signals** (2026-11-30): the same profile, after the executor, put node's `createAbortSignal` and EventTarget's `addEventListener` at about 3 % of the gateway's samples: one AbortController per subgraph fetch for its deadline, and the listener undici adds to it and removes. The deadline now fires through a plain EventEmitter with the same `aborted`/`reason` (undici accepts either); the deadline tests fail when it does not fire. Each data source's URL is parsed once instead of on every fetch.",
  "- **Responses of plain objects** (2026-11-30): Apollo's result shaping, and Comity's executor after it, built every object of a response with `Object.create(null)`. V8 keeps such objects in dictionary mode, and `JSON.stringify` takes its generic path for them: on scenario 2's 23 kB answer it took about twice as long as on the same data in plain objects (a loop of 1,000 in one process, alternated). The executor now builds the response and the representations it sends of plain objects; an operation whose response names, or a plan whose required fields, name a property of `Object.prototype` (`constructor`, `toString`, `__proto__`) keeps Apollo's executor (tested). Two gateways on one federation, new against old, five alternated rounds of 4 s: gateway CPU per request 0.82× on scenario 4 (228 kB) at one connection and 0.71× at 32, 0.88× on scenario 2 at 32, 0.99× on scenario 2 at one connection; on scenario 1 at one connection a first run gave 1.12× and a second of eight rounds 0.90× (rounds 0.76–0.96×), the machine's noise. The subgraphs' answers are graphql-js's own prototype-less objects; a serialiser of Comity's own for them (the same bytes as JSON.stringify) was no faster than V8's generic path, so it was not kept.",
  "- **Still there**: in the subgraphs, context-token verification (Ed25519, 0.15–0.3 ms per call, a fresh token on every request), graphql-js execution, and the audit write. At one connection each request waits for its own durable append: the event's JavaScript work (normalising, canonical JSON, hashing, the Merkle frontier) is about 0.1 ms, PostgreSQL's statement about 0.1 ms, and the rest is the commit's flush and the round trip; the commit alone is timed in every run (\"Policy and audit inside a subgraph\"). At 32 connections the group commit shares the flush, and the cost is FR's event work plus PostgreSQL's inserts, on the same two cores as everything else. In the gateway at one connection, what lies on a request's critical path is Apollo Server's request pipeline, JSON parsing and serialising, node's HTTP and undici (most of its wall time a loopback `writev` that wakes a subgraph on the same two cores), and the first stage's Ed25519 signature, now the gateway's largest single CPU item: one per subgraph and request, by design (each token names its audience and the request).",
];

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

export function renderReport(report: BenchReport): string {
  const out: string[] = [];
  const m = report.measurements;
  const argv = report.argv.length ? ` -- ${report.argv.join(' ')}` : '';
  const load = (report.loadAtEnd ?? os.loadavg()).map((value) => value.toFixed(2)).join(' ');

  out.push('# Benchmarks');
  out.push('');
  out.push(
    `<!-- Generated by \`npm run bench\` (bench/run.ts). Rewritten on every run: do not edit by hand. -->`,
  );
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

  out.push('## Machine');
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
  out.push('## How it was run');
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
    '- Clients: autocannon 8 (keep-alive, no pipelining) drives the gateways; it records latency in whole milliseconds. The direct critical path is driven by bench/replayDriver.ts (undici keep-alive pools, one connection per worker, fractional ms), and Comity is also driven by that same client at one connection so that the overhead figure compares like with like. Both count the requests finished inside the window, over the window. A request fails (column "Failed", not counted in RPS) when its status is not 2xx, it errs or times out, or its body carries GraphQL `errors`.',
  );
  out.push(
    '- Gateway CPU: (utime + stime) delta of the gateway process over wall time, from `/proc/<pid>/stat` (1.0 = one core busy); CPU ms / request: that share ÷ RPS, the median over rounds. Max RSS: largest `VmRSS` sampled every 100 ms during the window, which includes whatever the process kept from the runs before it (resident memory seldom shrinks); the peak `VmHWM` of every process at the end of the run (\"Memory\") is the figure to compare systems by.',
  );
  out.push(
    "- Processes: the subgraphs (directory, FR, DE, SG), shared by every system, run as docker-compose runs them: `NODE_ENV=production` (graphql-js skips its development-only checks) and Comity's node flags (`--max-semi-space-size=64`, `NODE_FLAGS` in scripts/startFederation.ts). Every gateway runs with those node flags too (Comity's as `npm start` and docker-compose start it; stock Apollo's and Hive's because a runtime setting is not a Comity feature), and with NODE_ENV unset.",
  );
  out.push('- Systems:');
  out.push(
    "  - (a) **direct critical path**: the subgraph calls Comity's query plan makes, captured once per scenario by a recording proxy in front of the subgraphs (bench/recordSubgraphCalls.ts), then replayed straight to the subgraphs as dependent stages (calls of one stage in parallel, stages in sequence), each call with a context token signed by `createContextSigner` with the dev keys (`context.current`, ttl 60 s, re-signed every 20 s). The lower bound: no gateway at all.",
  );
  out.push(
    "  - (b) **stock @apollo/gateway 2.14 + @apollo/server 5** with default settings, no auth, no limits, no policy plugins (bench/systems/stockApolloGateway.ts). The only change: a `RemoteGraphQLDataSource` subclass that adds the pre-signed context token of the bench caller named in `x-bench-caller` (the subgraphs refuse requests without one), and the subgraph URLs of the harness's ports.",
  );
  out.push(
    `  - (c) **Hive Gateway** (\`@graphql-hive/gateway\` 2.15.1, \`createGatewayRuntime\`, bench/systems/hiveGateway.ts) serving the same supergraph file, with in-flight request deduplication off both ways (\`inboundInflightRequestDeduplication: false\`, transport \`deduplicateInflightRequests: false\`), the context token added by \`propagateHeaders.fromClientToSubgraphs\`, and logging at \`error\`. Installed on Node 20 with one npm override (\`@graphql-tools/batch-execute\` 10.2.0: the registry mirror lacks 10.3.x); npm warns that some \`@whatwg-node/*\` packages declare Node ≥ 22.15${report.systems.some((system) => system.name === 'hive' && !system.error) ? ', but the gateway ran' : ''}.`,
  );
  out.push(
    `  - (d) **Comity** as \`npm start\` runs it (\`gateway/index.ts\`, NODE_ENV unset = hardened defaults, pino request logging at info to a pipe): caller JWT verification, purpose and case headers, operation limits, per-subgraph signed context, policy and audit in every subgraph. The only settings changed: \`COMITY_RATE_LIMIT_PER_SUBJECT\` and \`COMITY_RATE_LIMIT_PER_AGENCY\` = 1000000000 so that the rate limiter never throttles the bench (it still runs on every request); and \`REDIS_URL\` empty (in-process defaults). The default operation limits stay on (depth, aliases, cost up to 30,000): an operation they refused would show as an error in the answers below.`,
  );
  out.push('');

  out.push('## Scenarios');
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
    out.push('## Systems that could not run');
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

  out.push('## Results');
  out.push('');
  for (const scenario of report.scenarios) {
    out.push(`### Scenario ${scenario.id}: ${scenario.name}`);
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

  out.push('## Against the targets');
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

  out.push('## Policy and audit inside a subgraph');
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
            ? ` Against FR's whole request without policy and audit (p50 ${fixed(floor.requestMs, 2)} ms), that commit alone costs ${percent(floor.loss)} of one-connection throughput, before FR builds, hashes and inserts its event. At 32 connections the group commit shares one commit among the requests waiting for it, and what remains is the events' own work and PostgreSQL's inserts, on the same cores as everything else.`
            : ''),
      );
    }
  }
  out.push('');

  out.push('## Gateway workers');
  out.push('');
  if (!report.workers.implemented) {
    out.push(
      'N/A: the gateway does not read `GATEWAY_WORKERS` yet (no multi-worker gateway); the harness measures 1 vs 2 workers as soon as it does.',
    );
  } else {
    renderWorkers(out, report);
  }
  out.push('');

  out.push('## Profile');
  out.push('');
  renderProfile(out, report.profile, 'a separate Comity gateway process (same settings)');
  out.push('');
  out.push('### FR subgraph');
  out.push('');
  renderProfile(
    out,
    report.subgraphProfile,
    "a second FR subgraph process as deployed (policy and audit on), on a copy of FR's data, replayed the FR root call of",
  );
  out.push('');
  out.push('### What the profiles showed, and what changed');
  out.push('');
  out.push(
    "Notes written by hand after the profiling sessions they date, each on that day's machine (some about twice as fast as others): their figures come from those sessions and their A/B runs, not from this run's tables.",
  );
  out.push('');
  out.push(...PROFILE_FINDINGS);
  out.push('');

  out.push('## Memory');
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

  out.push('## Scale');
  out.push('');
  const scale = report.scaleCheck;
  if (!scale) {
    out.push(
      "Not run in this run. `npm run bench -- --scale-check 1000000 --scale-data <dir>` measures scenario 1 on Comity at one connection on a federation holding that many records per registry (a bare `--scale-check` at the end of the line means 1,000,000) against a second federation on this run's data, side by side in alternating rounds, both without the registry cache so that France answers from its SQL indexes; it reports every large process's peak RSS. `<dir>` is a data root seeded beforehand (`COMITY_DATA_ROOT=<dir> npm run seed -- --scale 1000000`); without it the harness seeds one, bounded by `--scale-check-timeout` (default 1800 s).",
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

/** Writes the report formatted as `npm run format` would leave it. */
export async function writeReport(file: string, report: BenchReport): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(renderReport(report), { ...options, parser: 'markdown' }));
}
