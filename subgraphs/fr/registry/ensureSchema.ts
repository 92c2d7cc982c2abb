import type { SqlExecutor } from './SqlClient.js';
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
  if (options.indexes ?? true) await createIndexes(db, schema);
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
