import { statSync } from 'node:fs';
import path from 'node:path';
import { UsageError, integerOption, parseOptions } from '../scripts/commandLine.js';
import { scenarios as benchScenarios } from './scenarios.js';

/** Records per registry of the scale check when `--scale-check` names none. */
export const DEFAULT_SCALE_CHECK_RECORDS = 1_000_000;
/** Added to every port the bench listens on (4000 + offset …, 4163 + offset at most). */
export const DEFAULT_PORT_OFFSET = 700;
/** The highest offset whose ports all stay below 65536. */
const MAX_PORT_OFFSET = 61_000;

export const BENCH_USAGE = `usage: npm run bench -- [options]
  --quick                 2,000 records, one round at 1 and 8 connections (a smoke run)
  --scenarios 1,2         which scenarios to run, by id (bench/scenarios.ts; default all)
  --duration S            seconds per measured run (default 2)
  --rounds N              interleaved rounds (default 3; 1 with --quick)
  --connections 1,32      connection counts (default 1,32; 1,8 with --quick)
  --scale N               records per registry to seed (default 10000; 2000 with --quick)
  --scale-check N         also compare scenario 1 at N records per registry (e.g. 1000000)
  --scale-data DIR        a data root already seeded at the scale-check scale
  --scale-check-timeout S how long the 1M federation may take to start (default 1800)
  --port-offset N         added to every port (default ${DEFAULT_PORT_OFFSET}: 4700–4863)
  --out FILE              the report (default BENCHMARKS.md)
  --json FILE             also write the measurements as JSON
  --no-profile            skip the CPU profiles
  --no-registry-cache     France's registries without the Redis read-through cache
  --audit-store postgres|pglite
                          audit logs on the local PostgreSQL server (default) or in PGlite`;

export interface BenchOptions {
  help: boolean;
  quick: boolean;
  /** null: every scenario. */
  scenarios: number[] | null;
  durationSec: number;
  rounds: number;
  connections: number[];
  scale: number;
  /** Records per registry of the scale check; null: no scale check. */
  scaleCheck: number | null;
  scaleCheckTimeoutSec: number;
  /** Absolute path, or null: the scale check seeds its own data. */
  scaleData: string | null;
  portOffset: number;
  /** Absolute path, or null: BENCHMARKS.md at the repository root. */
  out: string | null;
  json: string | null;
  profile: boolean;
  registryCache: boolean;
  auditStore: 'postgres' | 'pglite';
}

/**
 * `npm run bench`'s command line, checked before anything starts: a typo must not cost a
 * ten-minute run, nor a NaN reach a loop bound. Throws a UsageError naming the option.
 */
export function parseBenchOptions(args: string[]): BenchOptions {
  const values = parseOptions(
    {
      quick: { type: 'boolean', default: false },
      scenarios: { type: 'string' },
      duration: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      scale: { type: 'string' },
      'scale-check': { type: 'string' },
      'scale-check-timeout': { type: 'string' },
      'scale-data': { type: 'string' },
      'port-offset': { type: 'string' },
      out: { type: 'string' },
      json: { type: 'string' },
      'no-profile': { type: 'boolean', default: false },
      'no-registry-cache': { type: 'boolean', default: false },
      'audit-store': { type: 'string' },
    },
    args,
  );
  const quick = values.quick;
  const scenarios =
    values.scenarios === undefined
      ? null
      : integerList('scenarios', values.scenarios, 1, benchScenarios().length); /* their ids */
  const auditStore = values['audit-store'] ?? 'postgres';
  if (auditStore !== 'postgres' && auditStore !== 'pglite') {
    throw new UsageError(
      `--audit-store must be postgres or pglite; got ${JSON.stringify(auditStore)}`,
    );
  }
  const scaleData = values['scale-data'] === undefined ? null : path.resolve(values['scale-data']);
  if (scaleData !== null && !isDirectory(scaleData)) {
    throw new UsageError(
      `--scale-data must be a seeded data root; ${scaleData} is not a directory`,
    );
  }
  const scaleCheck =
    values['scale-check'] === undefined
      ? null
      : integerOption(
          'scale-check',
          values['scale-check'] || undefined,
          DEFAULT_SCALE_CHECK_RECORDS,
          {
            min: 1,
          },
        );
  if (scaleData !== null && scaleCheck === null) {
    throw new UsageError('--scale-data is the data of the scale check: give --scale-check too');
  }
  return {
    help: values.help ?? false,
    quick,
    scenarios,
    durationSec: integerOption('duration', values.duration, 2, { min: 1, max: 600 }),
    rounds: integerOption('rounds', values.rounds, quick ? 1 : 3, { min: 1, max: 100 }),
    connections:
      values.connections === undefined
        ? quick
          ? [1, 8]
          : [1, 32]
        : integerList('connections', values.connections, 1, 1024),
    scale: integerOption('scale', values.scale, quick ? 2_000 : 10_000, { min: 1 }),
    scaleCheck,
    scaleCheckTimeoutSec: integerOption(
      'scale-check-timeout',
      values['scale-check-timeout'],
      1_800,
      {
        min: 1,
      },
    ),
    scaleData,
    portOffset: integerOption('port-offset', values['port-offset'], DEFAULT_PORT_OFFSET, {
      min: 0,
      max: MAX_PORT_OFFSET,
    }),
    out: values.out === undefined ? null : path.resolve(values.out),
    json: values.json === undefined ? null : path.resolve(values.json),
    profile: !values['no-profile'],
    registryCache: !values['no-registry-cache'],
    auditStore,
  };
}

/** `1,2,3` → [1, 2, 3]: each in [min, max], no repeats, in the order given. */
function integerList(name: string, value: string, min: number, max: number): number[] {
  const items = value.split(',').map((item) => integerOption(name, item, NaN, { min, max }));
  if (items.length !== new Set(items).size) {
    throw new UsageError(`--${name} names a value twice: ${JSON.stringify(value)}`);
  }
  return items;
}

function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
