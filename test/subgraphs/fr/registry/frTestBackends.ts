import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRng } from '../../../../subgraphs/kit/seed/createRng.js';
import { dropSchema } from '../../../../subgraphs/fr/registry/ensureSchema.js';
import { openRegistries, type FrenchRegistries } from '../../../../subgraphs/fr/registry/index.js';
import {
  syntheticConfiscationOrder,
  syntheticDisclosure,
  syntheticFreezingOrder,
  syntheticWatchlistEntry,
} from '../../../../subgraphs/fr/seed/syntheticFrenchRecords.js';
import { POSTGRES_URL, postgresAvailable } from '../../../support/services.js';

/** The same suites run on embedded PGlite (in memory) and on the real PostgreSQL server. */
export const BACKENDS = [
  { backend: 'pglite', databaseUrl: null, available: true },
  { backend: 'postgresql', databaseUrl: POSTGRES_URL, available: await postgresAvailable() },
] as const;

export interface OpenedRegistries extends FrenchRegistries {
  calls: string[];
  /** Drops the run's schema and closes the client. */
  dispose(): Promise<void>;
}

/** Registries on a schema of their own, so parallel runs on one server never collide. */
export async function openTestRegistries(databaseUrl: string | null): Promise<OpenedRegistries> {
  const calls: string[] = [];
  const schema = `fr_test_${randomBytes(6).toString('hex')}`;
  const registries = await openRegistries({
    dataDir: 'memory://',
    databaseUrl,
    schema,
    countQuery: (registry, method) => calls.push(`${registry}.${method}`),
  });
  return Object.assign(registries, {
    calls,
    async dispose() {
      try {
        await dropSchema(registries.client, schema);
      } finally {
        await registries.close();
      }
    },
  });
}

export const GENERATORS = {
  'freezing-orders.jsonl': syntheticFreezingOrder,
  'confiscation-orders.jsonl': syntheticConfiscationOrder,
  'watchlist.jsonl': syntheticWatchlistEntry,
  'disclosures.jsonl': syntheticDisclosure,
} as const;

/** Records `from..to` of a registry, as the seed would write them. */
export function records(fileName: keyof typeof GENERATORS, from: number, to: number): object[] {
  const rng = createRng('fr-test').fork(fileName);
  const out: object[] = [];
  for (let index = from; index <= to; index++) {
    out.push(GENERATORS[fileName](rng.fork(String(index)), index));
  }
  return out;
}

/** Writes an export file (one JSON document per line, or raw lines) into a fresh folder. */
export async function writeExport(fileName: string, lines: (object | string)[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'comity-fr-export-'));
  const file = path.join(dir, fileName);
  await writeFile(
    file,
    lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n',
  );
  return file;
}
