import type { LoadResult } from '../LoadResult.js';
import type { ProcessUsage } from '../processStats.js';
import type { Scenario } from '../scenarios.js';
import type { SelfTime } from '../summarizeCpuProfile.js';

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

/** One measurement of a gateway with `GATEWAY_WORKERS` set. */
export type WorkerRow = BenchReport['workers']['rows'][number];
