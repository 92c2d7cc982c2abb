import pg from 'pg';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { ensureDevKeys } from '../core/auth/devKeys.js';
import {
  REPO_ROOT,
  federationConfig,
  memberCodes,
  subgraphUrlEnv,
} from '../core/federationConfig.js';
import { seedFederation } from '../scripts/seedFederation.js';
import { NODE_FLAGS, startFederation } from '../scripts/startFederation.js';
import type { RunningFederation } from '../scripts/startFederation.js';
import { CONTEXT_HEADER } from '../core/auth/createContextVerifier.js';
import { commandLine } from '../scripts/commandLine.js';
import { BENCH_USAGE, parseBenchOptions } from './benchOptions.js';
import { benchCallerHeaders, headersFor } from './callerHeaders.js';
import type { CallerHeaders } from './callerHeaders.js';
import { loadWithAutocannon } from './loadWithAutocannon.js';
import type { LoadResult } from './LoadResult.js';
import { openCommitProbe } from './openCommitProbe.js';
import type { CommitProbe } from './openCommitProbe.js';
import { describeAnswer, postJson } from './postJson.js';
import { createPresignedContext } from './presignedContext.js';
import type { PresignedContext } from './presignedContext.js';
import { processTree, statusMiB, watchProcess, watchProcessTree } from './processStats.js';
import type { ProcessUsage } from './processStats.js';
import { recordSubgraphCalls, stagesOf } from './recordSubgraphCalls.js';
import type { RecordedCall } from './recordSubgraphCalls.js';
import { redisAnswers } from './redisAnswers.js';
import { percentile, replayDriver } from './replayDriver.js';
import type { ReplayPlan } from './replayDriver.js';
import {
  BENCH_CALLERS,
  TRANSPARENCY_STAND_IN_QUERY,
  VICTIM_CLAIM_INPUT,
  connectionsFor,
  scenarios,
} from './scenarios.js';
import type { Scenario } from './scenarios.js';
import { settle } from './settle.js';
import { spawnProcess, waitReady } from './spawnProcess.js';
import type { BenchProcess } from './spawnProcess.js';
import { monotonicMicros, summarizeCpuProfile } from './summarizeCpuProfile.js';
import type { ProfileWindow } from './summarizeCpuProfile.js';
import { installComparison } from './comparison/installComparison.js';
import { BENCH_CALLER_HEADER } from './systems/benchSystemEnv.js';
import { median } from './report/median.js';
import type { BenchReport, Measurement, SystemName } from './report/BenchReport.js';
import { writeReport } from './writeReport.js';

// `npm run bench`: seeds a temporary data root, starts the federation, the comparison
// gateways and the direct replay, drives every scenario in interleaved rounds and rewrites
// BENCHMARKS.md. Loopback only; every loop is bounded by a duration; every process it starts
// it stops, whatever happens.

const options = commandLine('bench', BENCH_USAGE, () => parseBenchOptions(process.argv.slice(2)));
const QUICK = options.quick;
const SCALE = options.scale;
const DURATION_SEC = options.durationSec;
const ROUNDS = options.rounds;
/**
 * Rounds of the two-sided comparisons (workers, scale), whose order alternates per round: an
 * even number, so that each side runs first as often as the other.
 */
const PAIRED_ROUNDS = ROUNDS + (ROUNDS % 2);
const CONNECTIONS = options.connections;
const PORT_OFFSET = options.portOffset;
const SCALE_CHECK = options.scaleCheck;
const SCALE_CHECK_TIMEOUT_SEC = options.scaleCheckTimeoutSec;
/** Each scale-check window, s: one connection at tens of ms a request needs longer than 2 s. */
const SCALE_CHECK_DURATION_SEC = Math.max(DURATION_SEC, 5);
/**
 * A data root already seeded at the scale-check scale (`COMITY_DATA_ROOT=<dir> npm run seed --
 * --scale 1000000`): seeding a million records per registry takes far longer than the bench.
 */
const SCALE_DATA = options.scaleData;
const OUT = options.out ?? path.join(REPO_ROOT, 'BENCHMARKS.md');
const SELECTED = options.scenarios;
const PROFILE = options.profile;
/** Redis for the registry cache of the SQL jurisdiction (FR), when it answers here. */
const REGISTRY_CACHE_URL = 'redis://127.0.0.1:6379';
/** The PostgreSQL server the audit logs go to with `--audit-store postgres` (the default when it answers). */
const AUDIT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';
const WARMUP_SEC = 1;
/** Far above what any bench client sends in a window: the rate limiter must not throttle. */
const RATE_LIMIT = '1000000000';
/**
 * The subgraphs run as docker-compose runs them: NODE_ENV=production, so that graphql-js skips
 * its development-only checks. They are shared by every system. The gateways, Comity's and the
 * comparison ones alike, run with NODE_ENV unset.
 */
const SUBGRAPH_ENV = { NODE_ENV: 'production' };

delete process.env.NODE_ENV;
const startedAt = new Date();
const loadAtStart = os.loadavg();
const log = (message: string) => console.error(`[bench] ${message}`);
const cleanups: (() => Promise<void>)[] = [];
/** How long each part of the run took, for the report: the harness is meant to stay under 10 minutes. */
const phases: { name: string; seconds: number }[] = [];
let phaseStartedAt = Date.now();
function phaseDone(name: string) {
  const now = Date.now();
  phases.push({ name, seconds: (now - phaseStartedAt) / 1000 });
  phaseStartedAt = now;
  log(
    `${name}: ${phases.at(-1)!.seconds.toFixed(0)} s (${((now - startedAt.getTime()) / 1000).toFixed(0)} s since the start)`,
  );
}
const cleanup = async () => {
  while (cleanups.length > 0) await cleanups.pop()!().catch(() => {});
};
/** Aborted on SIGINT / SIGTERM: stops federations that are still starting (not yet in `cleanups`). */
const interruption = new AbortController();
const interrupted = () => {
  interruption.abort();
  void cleanup().finally(() => process.exit(130));
};
// A failure outside main's own await chain (a timer's rejected promise) must not leave the
// federation, the comparison gateways and the run's database behind.
const crashed = (error: unknown) => {
  console.error(error);
  interruption.abort();
  void cleanup().finally(() => process.exit(1));
};
process.on('unhandledRejection', crashed);
process.on('uncaughtException', crashed);
process.once('SIGINT', interrupted);
process.once('SIGTERM', interrupted);

const ports = {
  gateway: 4000 + PORT_OFFSET,
  stock: 4010 + PORT_OFFSET,
  hive: 4011 + PORT_OFFSET,
  recording: 4012 + PORT_OFFSET,
  profile: 4013 + PORT_OFFSET,
  workers: 4014 + PORT_OFFSET,
  workers2: 4015 + PORT_OFFSET,
  proxies: 4020 + PORT_OFFSET,
  bare: 4030 + PORT_OFFSET,
  policyOnly: 4031 + PORT_OFFSET,
  deployed: 4032 + PORT_OFFSET,
  scaleOffset: PORT_OFFSET + 50,
  scaleBaselineOffset: PORT_OFFSET + 60,
};

/** A system under load: a URL to send to and a pid to watch, or why it could not start. */
interface System {
  name: SystemName;
  url: string;
  pid: number | null;
  error?: string;
}

/** The subgraph calls of each scenario's query plan, by scenario id, for the direct replay. */
type Plans = Record<number, { plan: ReplayPlan; calls: number }>;

async function main(): Promise<BenchReport> {
  const data = await seedBenchData();
  const run = await startBenchFederation(data);
  const { federation, env, subgraphUrlVariables } = run;
  const comityHeaders = await benchCallerHeaders(data.keys);
  const context = await createPresignedContext(data.keys, BENCH_CALLERS, run.subgraphNames);
  cleanups.push(async () => context.close());

  const chosen = scenarios().filter((scenario) => !SELECTED || SELECTED.includes(scenario.id));
  await prepareScenarios(chosen, federation.gatewayUrl, comityHeaders);
  const systemEnv = { ...env, ...subgraphUrlVariables };
  const systems = await startSystems(federation, systemEnv);
  const probes = await probeSystems(chosen, systems, comityHeaders);
  const plans = await recordPlans(chosen, systemEnv, run.subgraphUrls, comityHeaders, context);
  for (const scenario of chosen) {
    probes[scenario.id]!.direct =
      `${plans[scenario.id]!.calls} subgraph calls in ${plans[scenario.id]!.plan.length} dependent stages`;
  }
  const busyPids = () => [
    ...federationPids(federation),
    ...systems.flatMap((system) => (system.pid && system.name !== 'comity' ? [system.pid] : [])),
  ];
  phaseDone('starting the systems, probing them and recording the plans');

  const measurements = await measureRounds({ chosen, systems, plans, comityHeaders, busyPids });
  phaseDone('interleaved rounds');
  const policy = await measurePolicyOverhead(data.dataRoot, env, plans, context, federation);
  phaseDone('policy and audit inside FR');
  const workers = await measureWorkers(env, subgraphUrlVariables, chosen, comityHeaders, busyPids);
  phaseDone('gateway workers');
  const profile = PROFILE
    ? await profileGateway(data.dataRoot, env, subgraphUrlVariables, chosen, comityHeaders)
    : null;
  const subgraphProfile = PROFILE
    ? await profileSubgraph(data.dataRoot, env, plans, context)
    : null;
  if (PROFILE) phaseDone('CPU profiles');
  const rss = peakRss(federation, systems);
  const scaleCheck = SCALE_CHECK
    ? await runScaleCheck(SCALE_CHECK, data.keysDir, data.supergraphFile, chosen, data.dataRoot)
    : null;
  if (SCALE_CHECK) phaseDone('scale check');

  return {
    startedAt,
    finishedAt: new Date(),
    quick: QUICK,
    argv: process.argv.slice(2),
    scale: SCALE,
    seedSeconds: data.seedSeconds,
    registryCache: run.registryCache,
    auditStore: run.auditDatabaseUrl ? 'postgresql' : 'pglite',
    durationSec: DURATION_SEC,
    rounds: ROUNDS,
    connections: CONNECTIONS,
    scenarios: chosen,
    systems: systems.map((system) => ({ name: system.name, error: system.error ?? null })),
    probes,
    measurements,
    policy,
    workers,
    profile,
    subgraphProfile,
    rss,
    loadAtStart,
    loadAtEnd: os.loadavg(),
    scaleCheck,
    phases,
  };
}

/**
 * A temporary data root with the dev keys, the supergraph and the registries seeded at the
 * bench's scale, plus the copies of the data the side measurements run on.
 */
async function seedBenchData() {
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'comity-bench-'));
  cleanups.push(async () => rmSync(dataRoot, { recursive: true, force: true }));
  const keysDir = path.join(dataRoot, 'keys');
  const supergraphFile = path.join(dataRoot, 'supergraph.graphql');
  copyFileSync(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), supergraphFile);
  const keys = await ensureDevKeys(keysDir);

  const seedSeconds = await seed(dataRoot, SCALE);
  phaseDone('seeding');
  // The policy-free FR variants need their own copies: PGlite is one process per data folder.
  for (const copy of ['fr-bare', 'fr-policy', 'fr-deployed']) {
    cpSync(path.join(dataRoot, 'fr'), path.join(dataRoot, copy), { recursive: true });
  }
  // The scale check's baseline federation runs on a copy of its own, for the same reason.
  if (SCALE_CHECK) {
    const subgraphNames = federationConfig().subgraphs.map((subgraph) => subgraph.name);
    for (const name of readdirSync(dataRoot)) {
      if (subgraphNames.includes(name)) {
        cpSync(path.join(dataRoot, name), path.join(dataRoot, 'scale-baseline', name), {
          recursive: true,
        });
      }
    }
  }
  return { dataRoot, keysDir, supergraphFile, keys, seedSeconds };
}

/**
 * The federation every system shares, its audit logs on the store chosen for the run and
 * France's registries behind Redis when Redis answers.
 */
async function startBenchFederation({
  dataRoot,
  keysDir,
  supergraphFile,
}: Awaited<ReturnType<typeof seedBenchData>>) {
  const auditDatabaseUrl = await auditStore();
  log(
    auditDatabaseUrl ? `audit logs: PostgreSQL ${auditDatabaseUrl}` : 'audit logs: embedded PGlite',
  );
  // The seed wrote the cross-border requests into the members' embedded stores; the run's
  // database starts empty, so they go there too, as `npm run seed` with AUDIT_DATABASE_URL
  // writes them for docker-compose (the registries, already seeded, are skipped).
  if (auditDatabaseUrl) {
    await seedFederation({
      dataRoot,
      scale: SCALE,
      databaseUrl: null,
      auditDatabaseUrl,
      keysDir,
      log,
    });
  }
  const registryCache =
    options.registryCache && (await redisAnswers(REGISTRY_CACHE_URL)) ? REGISTRY_CACHE_URL : '';
  log(registryCache ? `registry cache: Redis at ${registryCache}` : 'registry cache: off');
  const env = {
    COMITY_SUPERGRAPH: supergraphFile,
    COMITY_KEYS_DIR: keysDir,
    DATABASE_URL: '',
    REDIS_URL: '',
    REGISTRY_CACHE_REDIS_URL: registryCache,
    AUDIT_DATABASE_URL: auditDatabaseUrl,
    COMITY_RATE_LIMIT_PER_SUBJECT: RATE_LIMIT,
    COMITY_RATE_LIMIT_PER_AGENCY: RATE_LIMIT,
    // The default, set here so that a LOG_LEVEL in the caller's shell does not change the run.
    LOG_LEVEL: 'info',
  };
  log(
    `starting the federation (ports ${ports.gateway}, ${4100 + PORT_OFFSET}–${4103 + PORT_OFFSET})`,
  );
  const processLines: string[] = [];
  const federation = await startFederation({
    dataRoot,
    portOffset: PORT_OFFSET,
    env,
    subgraphEnv: SUBGRAPH_ENV,
    onLine: (_name, line) => {
      processLines.push(line);
      if (processLines.length > 200) processLines.shift();
    },
    maxRestarts: 0,
    signal: interruption.signal,
  });
  cleanups.push(() => federation.stop());
  const subgraphNames = federationConfig().subgraphs.map((subgraph) => subgraph.name);
  const subgraphUrls = Object.fromEntries(
    subgraphNames.map((name) => [name, `${federation.baseUrls[name]}/graphql`]),
  );
  const subgraphUrlVariables = subgraphUrlEnv(subgraphUrls);
  return {
    auditDatabaseUrl,
    registryCache,
    env,
    federation,
    subgraphNames,
    subgraphUrls,
    subgraphUrlVariables,
  };
}

/**
 * Comity and the direct path, then the comparison gateways on the same supergraph file and
 * the same subgraphs; a gateway that cannot start is reported, not fatal.
 */
async function startSystems(
  federation: RunningFederation,
  systemEnv: Record<string, string>,
): Promise<System[]> {
  const systems: System[] = [
    { name: 'direct', url: '', pid: null },
    {
      name: 'comity',
      url: federation.gatewayUrl,
      pid: federation.processes.gateway!.child!.pid ?? null,
    },
  ];
  for (const [name, entry, port] of [
    ['stock-apollo', 'bench/systems/stockApolloGateway.ts', ports.stock],
    ['hive', 'bench/comparison/hiveGateway.ts', ports.hive],
  ] as const) {
    const url = `http://127.0.0.1:${port}/graphql`;
    try {
      if (name === 'hive') installComparison(log);
      const proc = await startComparisonGateway(name, entry, port, systemEnv, url);
      systems.push({ name, url, pid: proc.pid });
    } catch (error) {
      log(`${name} could not run: ${(error as Error).message.split('\n')[0]}`);
      systems.push({ name, url, pid: null, error: (error as Error).message.slice(0, 1500) });
    }
  }
  return systems;
}

/** What each system answers, once, before load: the same data and the same policy errors. */
async function probeSystems(
  chosen: Scenario[],
  systems: System[],
  comityHeaders: CallerHeaders,
): Promise<Record<string, Record<string, string>>> {
  const probes: Record<string, Record<string, string>> = {};
  for (const scenario of chosen) {
    const answers: Record<string, string> = {};
    for (const system of systems) {
      if (system.name === 'direct' || system.error) continue;
      const answer = await postJson(
        system.url,
        { query: scenario.query, variables: scenario.variables },
        headersFor(system.name, scenario.caller, comityHeaders),
      );
      answers[system.name] = describeAnswer(answer);
    }
    probes[scenario.id] = answers;
  }
  return probes;
}

/** What the interleaved rounds load and watch. */
interface RoundsSetup {
  chosen: Scenario[];
  systems: System[];
  plans: Plans;
  comityHeaders: CallerHeaders;
  /** The federation's and the comparison gateways' pids, to wait for before each window. */
  busyPids: () => number[];
}

/**
 * Interleaved rounds: each round runs every system once per scenario and connection count,
 * in an order rotated per round so that no system always runs first or last.
 */
async function measureRounds(setup: RoundsSetup): Promise<Measurement[]> {
  const { chosen } = setup;
  const measurements: Measurement[] = [];
  const runnable = setup.systems.filter((system) => !system.error);
  const total =
    ROUNDS *
    chosen.reduce(
      (sum, scenario) => sum + connectionsFor(scenario, CONNECTIONS).length * runnable.length + 1,
      0,
    );
  let done = 0;
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const scenario of chosen) {
      for (const connections of connectionsFor(scenario, CONNECTIONS)) {
        const order = runnable.map((_, index) => runnable[(index + round - 1) % runnable.length]!);
        for (const system of order) {
          if (system.name === 'direct' && setup.plans[scenario.id]!.plan.length === 0) continue;
          const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
          if (round === 1 && connections === CONNECTIONS[0]) {
            await measure(setup, system, scenario, body, connections, WARMUP_SEC);
          }
          const { result, usage } = await measure(
            setup,
            system,
            scenario,
            body,
            connections,
            DURATION_SEC,
          );
          measurements.push({
            system: system.name,
            scenario: scenario.id,
            connections,
            round,
            client: system.name === 'direct' ? 'replay' : 'autocannon',
            ...result,
            ...usage,
          });
          progress(++done, total, scenario, system.name, connections, round, result, usage);
        }
        // Comity driven by the same undici client as the direct replay, for the overhead figure.
        if (connections === 1) {
          const comity = runnable.find((system) => system.name === 'comity')!;
          const { result, usage } = await measureComityReplay(setup, comity, scenario);
          measurements.push({
            system: 'comity',
            scenario: scenario.id,
            connections,
            round,
            client: 'replay',
            ...result,
            ...usage,
          });
          progress(
            ++done,
            total,
            scenario,
            'comity (undici client)',
            connections,
            round,
            result,
            usage,
          );
        }
      }
    }
  }
  return measurements;
}

/** One window of `system` under `scenario`: the direct path replayed, a gateway through autocannon. */
async function measure(
  setup: RoundsSetup,
  system: System,
  scenario: Scenario,
  body: string,
  connections: number,
  durationSec: number,
): Promise<{ result: LoadResult; usage: ProcessUsage }> {
  await settle(setup.busyPids());
  const watch = watchProcess(system.pid);
  const result =
    system.name === 'direct'
      ? await replayDriver({ plan: setup.plans[scenario.id]!.plan, connections, durationSec })
      : await loadWithAutocannon({
          url: system.url,
          body,
          headers: headersFor(system.name, scenario.caller, setup.comityHeaders),
          connections,
          durationSec,
        });
  return { result, usage: watch.stop() };
}

/** One window of Comity at one connection through the undici client the direct path uses. */
async function measureComityReplay(
  setup: RoundsSetup,
  comity: System,
  scenario: Scenario,
): Promise<{ result: LoadResult; usage: ProcessUsage }> {
  const plan: ReplayPlan = [
    [
      {
        url: comity.url,
        body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
        headers: () => setup.comityHeaders.get(scenario.caller.name)!,
      },
    ],
  ];
  await settle(setup.busyPids());
  const watch = watchProcess(comity.pid);
  const result = await replayDriver({ plan, connections: 1, durationSec: DURATION_SEC });
  return { result, usage: watch.stop() };
}

/** The peak resident set of the federation's processes and of the comparison gateways, MiB. */
function peakRss(federation: RunningFederation, systems: System[]): Record<string, number | null> {
  const rss: Record<string, number | null> = {};
  for (const [name, proc] of Object.entries(federation.processes)) {
    rss[name === 'gateway' ? 'comity gateway' : `${name} subgraph`] = proc.child?.pid
      ? statusMiB(proc.child.pid, 'VmHWM')
      : null;
  }
  for (const system of systems) {
    if (system.pid && system.name !== 'comity')
      rss[`${system.name} gateway`] = statusMiB(system.pid, 'VmHWM');
  }
  return rss;
}

/** The pids of a federation's processes that are running. */
function federationPids(federation: RunningFederation): number[] {
  return Object.values(federation.processes).flatMap((proc) =>
    proc.child?.pid ? [proc.child.pid] : [],
  );
}

function progress(
  done: number,
  total: number,
  scenario: Scenario,
  system: string,
  connections: number,
  round: number,
  result: LoadResult,
  usage: ProcessUsage,
) {
  const cpu = usage.cpu === null ? '' : ` cpu ${(usage.cpu * 100).toFixed(0)}%`;
  const failures = result.failures > 0 ? ` FAILURES ${result.failures}` : '';
  log(
    `[${done}/${total}] round ${round} scenario ${scenario.id} ${system} c=${connections}: ${result.rps.toFixed(0)} rps p50 ${result.p50.toFixed(2)} ms p99 ${result.p99.toFixed(2)} ms${cpu}${failures}`,
  );
}

/**
 * Where the subgraphs' audit logs go: `--audit-store pglite` keeps `npm start`'s embedded
 * PGlite; `postgres` (the default when the server answers, as docker-compose deploys it) a
 * database of the run's own on the local PostgreSQL server, dropped at the end. Returns the
 * AUDIT_DATABASE_URL to set, '' for PGlite.
 */
async function auditStore(): Promise<string> {
  if (options.auditStore === 'pglite') return '';
  const admin = new pg.Client({ connectionString: AUDIT_SERVER_URL });
  try {
    await admin.connect();
  } catch {
    log('PostgreSQL does not answer: audit logs stay in PGlite');
    return '';
  }
  await admin.end();
  return createRunDatabase('');
}

/**
 * A database of the run's own on the local PostgreSQL server (`comity_bench_<pid><suffix>`),
 * dropped at the end of the run whatever happens. Returns its URL.
 */
async function createRunDatabase(suffix: string): Promise<string> {
  const database = `comity_bench_${process.pid}${suffix}`;
  const admin = new pg.Client({ connectionString: AUDIT_SERVER_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  cleanups.push(async () => {
    const dropper = new pg.Client({ connectionString: AUDIT_SERVER_URL });
    await dropper.connect();
    await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await dropper.end();
  });
  const url = new URL(AUDIT_SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function seed(dataRoot: string, scale: number, timeoutSec = 900): Promise<number> {
  log(`seeding ${scale} records per registry into ${dataRoot}`);
  const began = Date.now();
  const proc = spawnProcess({
    name: 'seed',
    entry: 'bench/seedDataRoot.ts',
    args: [dataRoot, String(scale)],
    env: {},
  });
  proc.child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  cleanups.push(() => proc.stop());
  const timer = setTimeout(() => void proc.stop(), timeoutSec * 1000);
  const code = await new Promise<number | null>((resolve) => proc.child.once('exit', resolve));
  clearTimeout(timer);
  if (code !== 0) {
    throw new Error(
      `seeding ${scale} records did not finish (exit ${code}, limit ${timeoutSec} s)`,
    );
  }
  return (Date.now() - began) / 1000;
}

/**
 * Scenario 1 needs a wallet every jurisdiction holds something on; scenario 4 falls back to
 * a stand-in when `Jurisdiction.transparency` does not answer yet; scenario 6's note says how
 * many requests each member lists, since an empty listing would measure nothing.
 */
async function prepareScenarios(
  chosen: Scenario[],
  gatewayUrl: string,
  comityHeaders: CallerHeaders,
) {
  const wallet = chosen.find((scenario) => scenario.id === 1);
  if (wallet) {
    const answer = await postJson(
      gatewayUrl,
      {
        query: `{ de { watchlistEntries(first: 200) { nodes { wallets { id fr { hit } sg { hit } } } } } }`,
      },
      comityHeaders.get('investigator')!,
    );
    const wallets: { id: string; fr?: { hit: boolean }; sg?: { hit: boolean } }[] = (
      answer.json?.data?.de?.watchlistEntries?.nodes ?? []
    ).flatMap((node: { wallets: unknown[] }) => node.wallets);
    const best =
      wallets.find((w) => w.fr?.hit && w.sg?.hit) ??
      wallets.find((w) => w.fr?.hit || w.sg?.hit) ??
      wallets[0];
    if (!best) throw new Error(`no wallet found for scenario 1: ${describeAnswer(answer)}`);
    wallet.variables = { id: best.id };
    wallet.note = `Wallet \`${best.id}\`: held in DE${best.fr?.hit ? ', FR' : ''}${best.sg?.hit ? ', SG' : ''} (the first DE-listed wallet with hits in the most other jurisdictions).`;
  }
  const transparency = chosen.find((scenario) => scenario.id === 4);
  if (transparency) {
    const answer = await postJson(
      gatewayUrl,
      { query: transparency.query },
      comityHeaders.get('public')!,
    );
    const data = answer.json?.data;
    const answered = memberCodes().some((code) => data?.[code]?.transparency);
    if (!answered) {
      transparency.note = `STAND-IN: \`Jurisdiction.transparency\` did not answer (${describeAnswer(answer)}), so this run measured \`members { code name registries { kind name backend } }\` (directory only) as PUBLIC / STATISTICS instead.`;
      transparency.query = TRANSPARENCY_STAND_IN_QUERY;
      transparency.name = 'transparency statistics (STAND-IN: members)';
    }
  }
  const claim = chosen.find((scenario) => scenario.id === 7);
  if (claim) {
    const answer = await postJson(
      gatewayUrl,
      { query: '{ de { claims(first: 1) { totalCount nodes { orderId asset } } } }' },
      comityHeaders.get(claim.caller.name)!,
    );
    const seeded = answer.json?.data?.de?.claims;
    const first = seeded?.nodes?.[0];
    if (!first) throw new Error(`no seeded claim for scenario 7: ${describeAnswer(answer)}`);
    claim.variables = {
      input: { ...VICTIM_CLAIM_INPUT, orderId: first.orderId, asset: first.asset },
    };
    claim.note = `${claim.note} Order \`${first.orderId}\`, asset ${first.asset}; the caller's agency filed ${seeded.totalCount} of its seeded claims.`;
  }
  const outgoing = chosen.find((scenario) => scenario.id === 6);
  if (outgoing) {
    const answer = await postJson(
      gatewayUrl,
      { query: outgoing.query },
      comityHeaders.get(outgoing.caller.name)!,
    );
    const counts = memberCodes().map(
      (code) =>
        `${code.toUpperCase()} ${answer.json?.data?.[code]?.requests?.totalCount ?? 'no answer'}`,
    );
    outgoing.note = `${outgoing.note} Requests each member lists (\`totalCount\`): ${counts.join(', ')}.`;
  }
}

async function startComparisonGateway(
  name: string,
  entry: string,
  port: number,
  env: Record<string, string>,
  url: string,
): Promise<BenchProcess> {
  // The same node flags as Comity's processes: a runtime setting, not a Comity feature.
  const proc = spawnProcess({
    name,
    entry,
    nodeArgs: [...NODE_FLAGS],
    env: { ...env, PORT: String(port) },
  });
  cleanups.push(() => proc.stop());
  await waitReady(proc, async () => {
    const answer = await postJson(
      url,
      { query: '{ __typename }' },
      { [BENCH_CALLER_HEADER]: 'investigator' },
    );
    return answer.status === 200;
  });
  return proc;
}

/**
 * The query plan's subgraph calls per scenario, captured by a recording proxy in front of the
 * subgraphs while a second Comity gateway runs the scenario once (after one unrecorded run,
 * so that planning is cached and only the calls are timed). The replay sends them with the
 * pre-signed context of the scenario's caller.
 */
async function recordPlans(
  chosen: Scenario[],
  env: Record<string, string>,
  subgraphUrls: Record<string, string>,
  comityHeaders: CallerHeaders,
  context: PresignedContext,
): Promise<Plans> {
  const recorder = await recordSubgraphCalls(subgraphUrls, ports.proxies);
  const proxyEnv = subgraphUrlEnv(recorder.urls);
  const gateway = spawnProcess({
    name: 'recording gateway',
    entry: 'gateway/index.ts',
    env: { ...env, ...proxyEnv, PORT: String(ports.recording), LOG_LEVEL: 'warn' },
  });
  cleanups.push(() => gateway.stop());
  cleanups.push(() => recorder.close());
  const url = `http://127.0.0.1:${ports.recording}/graphql`;
  try {
    await waitReady(
      gateway,
      async () => (await request(`http://127.0.0.1:${ports.recording}/health`)).statusCode === 200,
    );
    const plans: Plans = {};
    for (const scenario of chosen) {
      const body = { query: scenario.query, variables: scenario.variables };
      await postJson(url, body, comityHeaders.get(scenario.caller.name)!);
      recorder.take();
      // Stages are read off timings: of three recordings, the one with the fewest stages (a
      // slow sibling fetch can only add a stage, never remove one).
      let calls: RecordedCall[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        await postJson(url, body, comityHeaders.get(scenario.caller.name)!);
        const recorded = recorder.take();
        if (attempt === 0 || stagesOf(recorded).length < stagesOf(calls).length) calls = recorded;
      }
      plans[scenario.id] = {
        calls: calls.length,
        plan: stagesOf(calls).map((stage) =>
          stage.map((call) => ({
            url: subgraphUrls[call.subgraph]!,
            body: call.body,
            headers: () => ({
              [CONTEXT_HEADER]: context.token(scenario.caller.name, call.subgraph),
            }),
          })),
        ),
      };
      log(
        `scenario ${scenario.id} plan: ${stagesOf(calls)
          .map((stage) => stage.map((call) => call.subgraph).join('+'))
          .join(' → ')}`,
      );
    }
    return plans;
  } finally {
    await gateway.stop();
    await recorder.close();
  }
}

/** The FR root call of scenario 2 as the plan recorded it; undefined when scenario 2 did not run. */
function frRootCall(plans: Record<number, { plan: ReplayPlan }>) {
  return plans[2]?.plan.flat().find((call) => call.url.includes(`:${4101 + PORT_OFFSET}/`));
}

/**
 * Policy plus audit inside one subgraph: the FR root call of scenario 2 (50 freezing orders)
 * against FR as it runs, and against FR built without the policy transformers and the audit
 * plugin (bench/systems/subgraphWithoutPolicy.ts) on a copy of the same data.
 */
async function measurePolicyOverhead(
  dataRoot: string,
  env: Record<string, string>,
  plans: Record<number, { plan: ReplayPlan }>,
  context: PresignedContext,
  federation: RunningFederation,
): Promise<BenchReport['policy']> {
  const frCall = frRootCall(plans);
  if (!frCall)
    return { error: 'scenario 2 was not selected: no FR call to replay', rows: [], commits: null };
  const started = await startPolicyVariants(dataRoot, env);
  if ('error' in started) return { error: started.error, rows: [], commits: null };
  const commitProbe = env.AUDIT_DATABASE_URL ? await openCommitProbe(env.AUDIT_DATABASE_URL) : null;
  const { rows, commitSamples } = await measurePolicyRounds(
    started.variants,
    frCall.body,
    context,
    federation,
    commitProbe,
  );
  await commitProbe?.close();
  await started.stopAll();
  return { error: null, rows, commits: summarizeCommits(commitSamples, commitProbe) };
}

/** One build of FR's subgraph under the policy measurement. */
interface PolicyVariant {
  name: string;
  url: string;
  pid: number;
}

/** FR as deployed, with policy only and with neither, each ready on its own copy of FR's data. */
async function startPolicyVariants(
  dataRoot: string,
  env: Record<string, string>,
): Promise<{ variants: PolicyVariant[]; stopAll: () => Promise<void> } | { error: string }> {
  const spawnVariant = (mode: 'bare' | 'policy', port: number) =>
    spawnProcess({
      name: mode === 'bare' ? 'fr without policy' : 'fr policy only',
      entry: 'bench/systems/subgraphWithoutPolicy.ts',
      nodeArgs: [...NODE_FLAGS],
      args: ['fr', mode],
      env: {
        ...env,
        ...SUBGRAPH_ENV,
        PORT: String(port),
        COMITY_DATA_DIR: path.join(dataRoot, `fr-${mode}`),
      },
    });
  // FR as deployed, started afresh like the other two (not the federation's FR, which has
  // served every round by now), with an audit log of its own: a database of its own on the
  // server, or its copy's PGlite.
  const deployedAudit = env.AUDIT_DATABASE_URL ? await createRunDatabase('_fr_deployed') : '';
  const deployed = spawnProcess({
    name: 'fr as deployed',
    entry: 'subgraphs/main.ts',
    args: ['fr'],
    nodeArgs: [...NODE_FLAGS],
    env: {
      ...env,
      ...SUBGRAPH_ENV,
      AUDIT_DATABASE_URL: deployedAudit,
      PORT: String(ports.deployed),
      COMITY_DATA_DIR: path.join(dataRoot, 'fr-deployed'),
    },
  });
  const bare = spawnVariant('bare', ports.bare);
  const policyOnly = spawnVariant('policy', ports.policyOnly);
  const stopAll = async () => {
    await deployed.stop();
    await bare.stop();
    await policyOnly.stop();
  };
  cleanups.push(stopAll);
  try {
    for (const [proc, port] of [
      [deployed, ports.deployed],
      [bare, ports.bare],
      [policyOnly, ports.policyOnly],
    ] as const) {
      await waitReady(
        proc,
        async () => (await request(`http://127.0.0.1:${port}/health`)).statusCode === 200,
      );
    }
  } catch (error) {
    await stopAll();
    return { error: (error as Error).message.slice(0, 1500) };
  }
  const variants = [
    {
      name: 'with policy + audit',
      url: `http://127.0.0.1:${ports.deployed}/graphql`,
      pid: deployed.pid,
    },
    {
      name: 'policy only',
      url: `http://127.0.0.1:${ports.policyOnly}/graphql`,
      pid: policyOnly.pid,
    },
    { name: 'without', url: `http://127.0.0.1:${ports.bare}/graphql`, pid: bare.pid },
  ];
  return { variants, stopAll };
}

/** The policy rounds, with the audit database's commits timed before each. */
async function measurePolicyRounds(
  variants: PolicyVariant[],
  body: string,
  context: PresignedContext,
  federation: RunningFederation,
  commitProbe: CommitProbe | null,
) {
  const headers = () => ({ [CONTEXT_HEADER]: context.token('investigator', 'fr') });
  const rows: BenchReport['policy']['rows'] = [];
  const commitSamples: number[] = [];
  for (let round = 1; round <= ROUNDS; round += 1) {
    if (commitProbe) commitSamples.push(...(await commitProbe.sample(COMMIT_SAMPLES_PER_ROUND)));
    for (const connections of CONNECTIONS) {
      // Rotated per round, as the main comparison: each variant runs first, second and third.
      const order = variants.map((_, index) => variants[(index + round - 1) % variants.length]!);
      for (const variant of order) {
        const plan: ReplayPlan = [[{ url: variant.url, body, headers }]];
        if (round === 1) await replayDriver({ plan, connections, durationSec: WARMUP_SEC });
        await settle([...variants.map((v) => v.pid), ...federationPids(federation)]);
        const watch = watchProcess(variant.pid);
        const result = await replayDriver({ plan, connections, durationSec: DURATION_SEC });
        const usage = watch.stop();
        rows.push({ variant: variant.name, connections, round, ...result, ...usage });
        log(
          `policy round ${round} FR ${variant.name} c=${connections}: ${result.rps.toFixed(0)} rps p50 ${result.p50.toFixed(2)} ms${result.failures ? ` FAILURES ${result.failures}` : ''}`,
        );
      }
    }
  }
  return { rows, commitSamples };
}

/** The commit latencies of the policy rounds, logged; null without a database server. */
function summarizeCommits(
  commitSamples: number[],
  commitProbe: CommitProbe | null,
): BenchReport['policy']['commits'] {
  const sorted = [...commitSamples].sort((a, b) => a - b);
  const commits =
    sorted.length === 0 || !commitProbe
      ? null
      : {
          count: sorted.length,
          p50: percentile(sorted, 50),
          p90: percentile(sorted, 90),
          synchronousCommit: commitProbe.synchronousCommit,
        };
  if (commits) {
    log(
      `audit database (synchronous_commit = ${commits.synchronousCommit}): a commit takes p50 ${commits.p50.toFixed(2)} ms, p90 ${commits.p90.toFixed(2)} ms (${commits.count} commits)`,
    );
  }
  return commits;
}

/** Commits timed per round of the policy measurement (three rounds: 300 in all). */
const COMMIT_SAMPLES_PER_ROUND = 100;

/** Whether a gateway source reads `GATEWAY_WORKERS`: the measurement is N/A until one does. */
function gatewayReadsWorkers(): boolean {
  return readdirSync(path.join(REPO_ROOT, 'gateway'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.ts'))
    .some((file) =>
      readFileSync(path.join(REPO_ROOT, 'gateway', file), 'utf8').includes('GATEWAY_WORKERS'),
    );
}

/**
 * `GATEWAY_WORKERS` 1 vs 2, if the gateway knows the variable (N/A otherwise): two gateways
 * side by side on the same subgraphs, each warmed up, then scenarios 1 and 2 at every
 * connection count in interleaved rounds (the order alternated per round), as the main
 * comparison is measured. CPU and resident set are summed over the primary and its workers.
 */
async function measureWorkers(
  env: Record<string, string>,
  subgraphUrlEnv: Record<string, string>,
  chosen: Scenario[],
  comityHeaders: CallerHeaders,
  busyPids: () => number[],
): Promise<BenchReport['workers']> {
  if (!gatewayReadsWorkers()) return { implemented: false, rows: [] };
  const measured = chosen.filter((scenario) => scenario.id === 1 || scenario.id === 2);
  if (measured.length === 0) measured.push(chosen[0]!);
  const gateways = startWorkerGateways(env, subgraphUrlEnv);
  try {
    for (const gateway of gateways) {
      await waitReady(
        gateway.proc,
        async () => (await request(`${gateway.url}/health`)).statusCode === 200,
      );
    }
    // Every worker plans, signs and compiles on its own: each sees load before it is measured.
    for (const gateway of gateways) {
      for (const scenario of measured) {
        const connections = connectionsFor(scenario, CONNECTIONS);
        await loadWorkerGateway(
          gateway,
          scenario,
          comityHeaders,
          connections[connections.length - 1]!,
          WARMUP_SEC,
        );
      }
    }
    const rows = await measureWorkerRounds(gateways, measured, comityHeaders, busyPids);
    return { implemented: true, rows };
  } finally {
    for (const gateway of gateways) await gateway.proc.stop();
  }
}

/** A Comity gateway with 1 worker and one with 2, side by side on the federation's subgraphs. */
function startWorkerGateways(env: Record<string, string>, subgraphUrlEnv: Record<string, string>) {
  return [1, 2].map((workers) => {
    const port = workers === 1 ? ports.workers : ports.workers2;
    const proc = spawnProcess({
      name: `gateway with ${workers} workers`,
      entry: 'gateway/index.ts',
      nodeArgs: [...NODE_FLAGS],
      env: { ...env, ...subgraphUrlEnv, PORT: String(port), GATEWAY_WORKERS: String(workers) },
    });
    cleanups.push(() => proc.stop());
    return { workers, proc, url: `http://127.0.0.1:${port}` };
  });
}

type WorkerGateway = ReturnType<typeof startWorkerGateways>[number];

function loadWorkerGateway(
  gateway: WorkerGateway,
  scenario: Scenario,
  comityHeaders: CallerHeaders,
  connections: number,
  durationSec: number,
): Promise<LoadResult> {
  return loadWithAutocannon({
    url: `${gateway.url}/graphql`,
    body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
    headers: comityHeaders.get(scenario.caller.name)!,
    connections,
    durationSec,
  });
}

/** The paired rounds, the gateway that runs first alternating. */
async function measureWorkerRounds(
  gateways: WorkerGateway[],
  measured: Scenario[],
  comityHeaders: CallerHeaders,
  busyPids: () => number[],
): Promise<BenchReport['workers']['rows']> {
  const rows: BenchReport['workers']['rows'] = [];
  const allPids = () => [
    ...busyPids(),
    ...gateways.flatMap((gateway) => processTree(gateway.proc.pid)),
  ];
  for (let round = 1; round <= PAIRED_ROUNDS; round += 1) {
    for (const scenario of measured) {
      for (const connections of connectionsFor(scenario, CONNECTIONS)) {
        const order = round % 2 === 1 ? gateways : [...gateways].reverse();
        for (const gateway of order) {
          await settle(allPids());
          const watch = watchProcessTree(gateway.proc.pid);
          const result = await loadWorkerGateway(
            gateway,
            scenario,
            comityHeaders,
            connections,
            DURATION_SEC,
          );
          const usage = watch.stop();
          rows.push({
            workers: gateway.workers,
            scenario: scenario.id,
            connections,
            round,
            ...result,
            ...usage,
          });
          log(
            `workers round ${round} scenario ${scenario.id} ${gateway.workers} worker(s) c=${connections}: ${result.rps.toFixed(0)} rps p50 ${result.p50.toFixed(2)} ms${usage.cpu === null ? '' : ` cpu ${(usage.cpu * 100).toFixed(0)}%`}${result.failures ? ` FAILURES ${result.failures}` : ''}`,
          );
        }
      }
    }
  }
  return rows;
}

/** `node --cpu-prof` on a Comity gateway under scenario 2 at the highest connection count. */
async function profileGateway(
  dataRoot: string,
  env: Record<string, string>,
  subgraphUrlEnv: Record<string, string>,
  chosen: Scenario[],
  comityHeaders: CallerHeaders,
): Promise<BenchReport['profile']> {
  const scenario = chosen.find((candidate) => candidate.id === 2) ?? chosen[0]!;
  const dir = path.join(dataRoot, 'cpu-profile');
  mkdirSync(dir, { recursive: true });
  const proc = spawnProcess({
    name: 'profiled gateway',
    entry: 'gateway/index.ts',
    nodeArgs: [...NODE_FLAGS, '--cpu-prof', `--cpu-prof-dir=${dir}`],
    env: { ...env, ...subgraphUrlEnv, PORT: String(ports.profile) },
  });
  cleanups.push(() => proc.stop());
  const connections = CONNECTIONS[CONNECTIONS.length - 1]!;
  const durationSec = Math.max(DURATION_SEC * 2, 4);
  let measured: { window: ProfileWindow; requests: number } | null = null;
  try {
    await waitReady(
      proc,
      async () => (await request(`http://127.0.0.1:${ports.profile}/health`)).statusCode === 200,
    );
    const url = `http://127.0.0.1:${ports.profile}/graphql`;
    const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
    const headers = comityHeaders.get(scenario.caller.name)!;
    await loadWithAutocannon({ url, body, headers, connections, durationSec: WARMUP_SEC });
    const fromUs = monotonicMicros();
    const result = await loadWithAutocannon({ url, body, headers, connections, durationSec });
    measured = { window: { fromUs, toUs: monotonicMicros() }, requests: result.requests };
    log(`profiled scenario ${scenario.id} c=${connections}: ${result.rps.toFixed(0)} rps`);
  } finally {
    await proc.stop();
  }
  return readProfile(dir, { scenario: scenario.id, connections, durationSec }, measured);
}

/**
 * `node --cpu-prof` on FR's subgraph as deployed (policy and audit on), a second process on
 * the copy of FR's data, under the FR root call of scenario 2: where a subgraph's time goes.
 */
async function profileSubgraph(
  dataRoot: string,
  env: Record<string, string>,
  plans: Record<number, { plan: ReplayPlan }>,
  context: PresignedContext,
): Promise<BenchReport['subgraphProfile']> {
  const frCall = frRootCall(plans);
  if (!frCall) return null;
  const dir = path.join(dataRoot, 'cpu-profile-fr');
  mkdirSync(dir, { recursive: true });
  const proc = spawnProcess({
    name: 'profiled fr subgraph',
    entry: 'subgraphs/main.ts',
    args: ['fr'],
    nodeArgs: [...NODE_FLAGS, '--cpu-prof', `--cpu-prof-dir=${dir}`],
    env: {
      ...env,
      ...SUBGRAPH_ENV,
      PORT: String(ports.bare),
      COMITY_DATA_DIR: path.join(dataRoot, 'fr-bare'),
    },
  });
  cleanups.push(() => proc.stop());
  const connections = CONNECTIONS[CONNECTIONS.length - 1]!;
  const durationSec = Math.max(DURATION_SEC * 2, 4);
  let measured: { window: ProfileWindow; requests: number } | null = null;
  try {
    await waitReady(
      proc,
      async () => (await request(`http://127.0.0.1:${ports.bare}/health`)).statusCode === 200,
    );
    const plan: ReplayPlan = [
      [
        {
          url: `http://127.0.0.1:${ports.bare}/graphql`,
          body: frCall.body,
          headers: () => ({ [CONTEXT_HEADER]: context.token('investigator', 'fr') }),
        },
      ],
    ];
    await replayDriver({ plan, connections, durationSec: WARMUP_SEC });
    const fromUs = monotonicMicros();
    const result = await replayDriver({ plan, connections, durationSec });
    measured = { window: { fromUs, toUs: monotonicMicros() }, requests: result.requests };
    log(`profiled FR subgraph c=${connections}: ${result.rps.toFixed(0)} rps`);
  } finally {
    await proc.stop();
  }
  return readProfile(dir, { scenario: 2, connections, durationSec }, measured);
}

/** The profile `node --cpu-prof` wrote into `dir`, summarized over the measured window. */
function readProfile(
  dir: string,
  run: { scenario: number; connections: number; durationSec: number },
  measured: { window: ProfileWindow; requests: number } | null,
): NonNullable<BenchReport['profile']> {
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file || !measured)
    return {
      ...run,
      error: 'no .cpuprofile written',
      totalMs: 0,
      requests: 0,
      functions: [],
      packages: [],
    };
  return {
    ...run,
    error: null,
    requests: measured.requests,
    ...summarizeCpuProfile(path.join(dir, file), 15, measured.window),
  };
}

type ScaleRows = NonNullable<BenchReport['scaleCheck']>['rows'];

/**
 * Scenario 1 at a large scale against the same at the bench's scale, like for like: two
 * federations side by side, both without the registry cache (so that France answers from its
 * SQL indexes, not from Redis), measured at one connection in alternating rounds. The large
 * root is `--scale-data` (seeded beforehand) or seeded here within `--scale-check-timeout`.
 */
async function runScaleCheck(
  scale: number,
  keysDir: string,
  supergraphFile: string,
  chosen: Scenario[],
  mainDataRoot: string,
): Promise<BenchReport['scaleCheck']> {
  const root = await scaleDataRoot(scale);
  if ('error' in root) {
    return {
      scale,
      seedSeconds: null,
      error: root.error,
      rows: [],
      baselineRows: [],
      windowSec: SCALE_CHECK_DURATION_SEC,
      answers: null,
      rss: {},
      baselineP50: null,
      seededBefore: SCALE_DATA !== null,
    };
  }
  const baselineRoot = path.join(mainDataRoot, 'scale-baseline');
  const federations = await startScaleFederations(scale, root.dataRoot, baselineRoot, {
    keysDir,
    supergraphFile,
  });
  const { large, small } = federations;
  const headers = await benchCallerHeaders(await ensureDevKeys(keysDir));
  // The wallet the main rounds measured when scenario 1 ran (picked on the bench's data),
  // else one picked on the baseline, which holds that same data. Never picked on the large
  // federation: its first entries are other records, whose wallets the baseline lacks.
  const scenario = { ...(chosen.find((candidate) => candidate.id === 1) ?? scenarios()[0]!) };
  if (!scenario.variables.id) await prepareScenarios([scenario], small.gatewayUrl, headers);
  const answers = await compareAnswers(scenario, headers, federations);
  const [rows, baselineRows] = await measureScaleRounds(scale, scenario, headers, federations);
  const rss: Record<string, number | null> = {};
  for (const [name, proc] of Object.entries(large.processes)) {
    rss[name] = proc.child?.pid ? statusMiB(proc.child.pid, 'VmHWM') : null;
  }
  await large.stop();
  await small.stop();
  return {
    scale,
    seedSeconds: root.seedSeconds,
    seededBefore: SCALE_DATA !== null,
    error: null,
    rows,
    baselineRows,
    windowSec: SCALE_CHECK_DURATION_SEC,
    answers,
    rss,
    baselineP50: baselineRows.length ? median(baselineRows.map((row) => row.p50)) : null,
  };
}

/** Both federations must answer alike, or the two latencies are not of the same work. */
async function compareAnswers(
  scenario: Scenario,
  headers: CallerHeaders,
  { large, small }: { large: RunningFederation; small: RunningFederation },
): Promise<NonNullable<NonNullable<BenchReport['scaleCheck']>['answers']>> {
  const answers = await Promise.all(
    [large, small].map((federation) =>
      postJson(
        federation.gatewayUrl,
        { query: scenario.query, variables: scenario.variables },
        headers.get('investigator')!,
      ),
    ),
  );
  const clean = answers.every((answer) => answer.status === 200 && !answer.json?.errors);
  return {
    large: describeAnswer(answers[0]!),
    baseline: describeAnswer(answers[1]!),
    same:
      clean && JSON.stringify(answers[0]!.json?.data) === JSON.stringify(answers[1]!.json?.data),
    clean,
  };
}

/** The large data root: `--scale-data` if it holds `scale` records per registry, else seeded here. */
async function scaleDataRoot(
  scale: number,
): Promise<{ dataRoot: string; seedSeconds: number | null } | { error: string }> {
  const given = SCALE_DATA;
  if (given === null) {
    const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'comity-bench-scale-'));
    cleanups.push(async () => rmSync(dataRoot, { recursive: true, force: true }));
    try {
      return { dataRoot, seedSeconds: await seed(dataRoot, scale, SCALE_CHECK_TIMEOUT_SEC) };
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
  const unseeded = memberCodes().filter((name) => {
    try {
      return JSON.parse(readFileSync(path.join(given, name, 'seed.json'), 'utf8')).scale !== scale;
    } catch {
      return true;
    }
  });
  if (unseeded.length > 0) {
    return {
      error: `--scale-data ${given}: ${unseeded.join(', ')} not seeded at ${scale} records per registry`,
    };
  }
  return { dataRoot: given, seedSeconds: null };
}

/** The large federation and the baseline one, both without the registry cache. */
async function startScaleFederations(
  scale: number,
  dataRoot: string,
  baselineRoot: string,
  { keysDir, supergraphFile }: { keysDir: string; supergraphFile: string },
): Promise<{ large: RunningFederation; small: RunningFederation }> {
  const start = (root: string, offset: number) =>
    startFederation({
      dataRoot: root,
      portOffset: offset,
      env: {
        COMITY_SUPERGRAPH: supergraphFile,
        COMITY_KEYS_DIR: keysDir,
        DATABASE_URL: '',
        REDIS_URL: '',
        REGISTRY_CACHE_REDIS_URL: '',
        COMITY_RATE_LIMIT_PER_SUBJECT: RATE_LIMIT,
        COMITY_RATE_LIMIT_PER_AGENCY: RATE_LIMIT,
      },
      subgraphEnv: SUBGRAPH_ENV,
      onLine: () => {},
      maxRestarts: 0,
      readyTimeoutMs: 1_800_000,
      signal: interruption.signal,
    });
  log(
    `scale check: starting a federation on ${scale} records per registry (loading takes a while)`,
  );
  const large = await start(dataRoot, ports.scaleOffset);
  cleanups.push(() => large.stop());
  const small = await start(baselineRoot, ports.scaleBaselineOffset);
  cleanups.push(() => small.stop());
  return { large, small };
}

/** The paired rounds at one connection, the side that runs first alternating; rows per side. */
async function measureScaleRounds(
  scale: number,
  scenario: Scenario,
  headers: CallerHeaders,
  { large, small }: { large: RunningFederation; small: RunningFederation },
): Promise<[ScaleRows, ScaleRows]> {
  const planFor = (gatewayUrl: string): ReplayPlan => [
    [
      {
        url: gatewayUrl,
        body: JSON.stringify({ query: scenario.query, variables: scenario.variables }),
        headers: () => headers.get('investigator')!,
      },
    ],
  ];
  const sides = [
    { name: 'large', plan: planFor(large.gatewayUrl), rows: [] as ScaleRows },
    { name: 'baseline', plan: planFor(small.gatewayUrl), rows: [] as ScaleRows },
  ];
  for (const side of sides)
    await replayDriver({ plan: side.plan, connections: 1, durationSec: WARMUP_SEC });
  for (let round = 1; round <= PAIRED_ROUNDS; round += 1) {
    for (const side of round % 2 === 1 ? sides : [...sides].reverse()) {
      await settle([...federationPids(large), ...federationPids(small)]);
      const result = await replayDriver({
        plan: side.plan,
        connections: 1,
        durationSec: SCALE_CHECK_DURATION_SEC,
      });
      side.rows.push({ round, ...result });
      log(
        `scale check round ${round} scenario 1 comity c=1 at ${side.name === 'large' ? scale : SCALE}: p50 ${result.p50.toFixed(2)} ms`,
      );
    }
  }
  return [sides[0]!.rows, sides[1]!.rows];
}

try {
  const report = await main();
  await cleanup();
  await writeReport(OUT, report);
  if (options.json) writeFileSync(options.json, JSON.stringify(report, null, 2));
  log(
    `wrote ${path.relative(process.cwd(), OUT)} in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s`,
  );
  process.exit(0);
} catch (error) {
  console.error(error);
  await cleanup();
  process.exit(1);
}
