import path from 'node:path';
import type { JurisdictionRegistries, RegistryOptions } from '../../kit/registry/types.js';
import { SqlAssetRegistry } from './SqlAssetRegistry.js';
import { openSqlClient, type SqlClient } from '../../../core/sql/SqlClient.js';
import { SqlDisclosureRegistry } from './SqlDisclosureRegistry.js';
import { SqlWatchlistRegistry } from './SqlWatchlistRegistry.js';
import { DEFAULT_SCHEMA, ensureSchema, readDataVersion } from './ensureSchema.js';

export interface FrenchRegistries extends JurisdictionRegistries {
  assets: SqlAssetRegistry;
  watchlist: SqlWatchlistRegistry;
  disclosures: SqlDisclosureRegistry;
  /** The one client the three registries share (for the importer). */
  client: SqlClient;
  schema: string;
  /** Changes whenever an import (or a seed) commits: what a cache of reads keys on. */
  dataVersion(): Promise<string>;
  /** Closes the shared client; the registries' own close() only releases their share. */
  close(): Promise<void>;
}

/** PGlite data directory under the jurisdiction's data folder; `memory://` stays in memory. */
export function pgliteDataDir(dataDir: string): string {
  return dataDir.startsWith('memory://') ? dataDir : path.join(dataDir, 'pglite');
}

/**
 * Opens France's three SQL registries on one client: PostgreSQL when `databaseUrl` is set,
 * embedded PGlite under `<dataDir>/pglite` otherwise. Tables are created if missing.
 */
export async function openRegistries(
  options: RegistryOptions & {
    /** PostgreSQL schema holding the tables; default `fr`. */
    schema?: string;
  },
): Promise<FrenchRegistries> {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const client = await openSqlClient({
    databaseUrl: options.databaseUrl,
    pgliteDataDir: pgliteDataDir(options.dataDir),
  });
  try {
    await ensureSchema(client, schema);
  } catch (error) {
    await client.close();
    throw error;
  }
  // The client closes when the bundle closes or when the last registry releases it.
  let holders = 3;
  const release = async () => {
    holders -= 1;
    if (holders === 0) await client.close();
  };
  return {
    assets: new SqlAssetRegistry(client, schema, options.countQuery, once(release)),
    watchlist: new SqlWatchlistRegistry(client, schema, options.countQuery, once(release)),
    disclosures: new SqlDisclosureRegistry(client, schema, options.countQuery, once(release)),
    client,
    schema,
    dataVersion: () => readDataVersion(client, schema),
    close: () => client.close(),
  };
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | null = null;
  return () => (done ??= fn());
}
