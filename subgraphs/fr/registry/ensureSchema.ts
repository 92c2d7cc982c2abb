import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import { ALL_TABLES } from './tableSpecs.js';

/** The PostgreSQL schema the French tables live in unless told otherwise. */
export const DEFAULT_SCHEMA = 'fr';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Schema names are interpolated into SQL (identifiers cannot be parameters), so only plain
 * lower-case identifiers are accepted.
 */
export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `invalid PostgreSQL schema name ${JSON.stringify(schema)} (expected [a-z_][a-z0-9_]*)`,
    );
  }
  return schema;
}

export interface EnsureSchemaOptions {
  /**
   * Create the secondary indexes (newest-first order, wallet GIN) now. Default true; a bulk
   * seed passes false and calls `createIndexes` after loading, which is much faster.
   */
  indexes?: boolean;
}

/** Creates the schema, its tables and indexes where missing. Safe to run on every start. */
export async function ensureSchema(
  db: SqlExecutor,
  schema: string,
  options: EnsureSchemaOptions = {},
): Promise<void> {
  checkSchemaName(schema);
  await db.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  for (const spec of ALL_TABLES) {
    await db.query(`CREATE TABLE IF NOT EXISTS ${schema}.${spec.table} (${spec.columns})`);
  }
  await db.query(
    `CREATE TABLE IF NOT EXISTS ${schema}.data_version (
       id boolean PRIMARY KEY DEFAULT true CHECK (id), version text NOT NULL)`,
  );
  await db.query(
    `INSERT INTO ${schema}.data_version (id, version) VALUES (true, ${NEW_VERSION})
     ON CONFLICT (id) DO NOTHING`,
  );
  if (options.indexes ?? true) await createIndexes(db, schema);
}

/** A fresh random token: no two writes of the registry share one. */
const NEW_VERSION = `md5(random()::text || clock_timestamp()::text)`;

/**
 * Marks the registry's data as changed, inside the transaction that changes it: a cache of
 * registry reads keys its entries by this version, so it never serves what an import replaced.
 */
export async function bumpDataVersion(db: SqlExecutor, schema: string): Promise<void> {
  checkSchemaName(schema);
  await db.query(`UPDATE ${schema}.data_version SET version = ${NEW_VERSION} WHERE id`);
}

/** The current data version (see bumpDataVersion). */
export async function readDataVersion(db: SqlExecutor, schema: string): Promise<string> {
  checkSchemaName(schema);
  const { rows } = await db.query<{ version: string }>(
    `SELECT version FROM ${schema}.data_version WHERE id`,
  );
  return rows[0]?.version ?? 'none';
}

export async function createIndexes(db: SqlExecutor, schema: string): Promise<void> {
  checkSchemaName(schema);
  for (const spec of ALL_TABLES) {
    // Keyset pagination walks this index backwards: (sort, id) < (cursor) ORDER BY … DESC.
    await db.query(
      `CREATE INDEX IF NOT EXISTS ${spec.table}_${spec.sortColumn}_idx ` +
        `ON ${schema}.${spec.table} (${spec.sortColumn}, id)`,
    );
    await db.query(
      `CREATE INDEX IF NOT EXISTS ${spec.table}_wallet_ids_idx ` +
        `ON ${schema}.${spec.table} USING gin (wallet_ids)`,
    );
  }
}

/** Drops the schema and everything in it (seeding from scratch, test teardown). */
export async function dropSchema(db: SqlExecutor, schema: string): Promise<void> {
  checkSchemaName(schema);
  await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
