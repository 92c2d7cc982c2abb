import { existsSync } from 'node:fs';
import path from 'node:path';
import { openSqlClient } from '../../../core/sql/SqlClient.js';
import type { SqlClient } from '../../../core/sql/SqlClient.js';
import { checkAuditSchemaName, ensureAuditSchema } from './ensureAuditSchema.js';
import type { AuditLogOptions } from './AuditLog.js';
import { acquireStoreLock } from './storeLock.js';
import type { StoreLock } from './storeLock.js';

/** The database side of one open audit log, shared by its parts. */
export interface AuditStore {
  readonly client: SqlClient;
  /** Checked by `checkAuditSchemaName`: safe to interpolate into SQL. */
  readonly schema: string;
  /** Upper case. */
  readonly jurisdiction: string;
  /**
   * The server commits synchronously by default, so a statement outside a transaction of our
   * own is durable when it returns; if not, every append takes the transaction that says so.
   */
  readonly commitsSynchronously: boolean;
  /** Closes the client if the store opened it, then lets go of the store's owner lock. */
  close(): Promise<void>;
}

/** `mustExist` was set and the log is not there. Nothing was created. */
export class AuditStoreMissingError extends Error {
  override readonly name = 'AuditStoreMissingError';
  constructor(
    /** Upper case. */
    readonly jurisdiction: string,
    /** The PGlite folder, or the schema in PostgreSQL. */
    readonly where: { pgliteDir: string } | { schema: string },
  ) {
    super(
      'pgliteDir' in where
        ? `${jurisdiction} has no audit log at ${where.pgliteDir}`
        : `${jurisdiction} has no audit log in its PostgreSQL database (no schema ${where.schema})`,
    );
  }
}

/** A PGlite folder on disk (not in memory). */
export function onDiskPgliteDir(options: Pick<AuditLogOptions, 'databaseUrl' | 'pgliteDataDir'>) {
  const dir = options.pgliteDataDir;
  return options.databaseUrl === null && dir !== null && !dir.startsWith('memory://')
    ? path.resolve(dir)
    : null;
}

/** Whether a PGlite database was ever created in `dir`. */
export function pgliteStoreExists(dir: string): boolean {
  return existsSync(path.join(dir, 'PG_VERSION'));
}

/**
 * Opens (or takes) the client and creates the log's schema where missing. An embedded store
 * on disk is opened only under its owner lock (`acquireStoreLock`): if a live process holds
 * it, this throws `AuditStoreInUseError` before anything is opened.
 */
export async function openAuditStore(
  options: Pick<
    AuditLogOptions,
    | 'databaseUrl'
    | 'pgliteDataDir'
    | 'client'
    | 'schema'
    | 'jurisdiction'
    | 'minRetentionDays'
    | 'holder'
    | 'mustExist'
  >,
): Promise<AuditStore> {
  const schema = checkAuditSchemaName(options.schema);
  const jurisdiction = options.jurisdiction.toUpperCase();
  const ownsClient = options.client === undefined;
  const pgliteDir = ownsClient ? onDiskPgliteDir(options) : null;
  if (pgliteDir !== null && options.mustExist && !pgliteStoreExists(pgliteDir)) {
    throw new AuditStoreMissingError(jurisdiction, { pgliteDir });
  }
  const lock: StoreLock | null =
    pgliteDir === null
      ? null
      : await acquireStoreLock(pgliteDir, {
          holder: options.holder ?? `pid ${process.pid}`,
          jurisdiction,
        });
  let client: SqlClient | undefined = options.client;
  const close = async () => {
    try {
      if (ownsClient) await client?.close();
    } finally {
      await lock?.release();
    }
  };
  try {
    client ??= await openSqlClient({
      databaseUrl: options.databaseUrl,
      pgliteDataDir: options.pgliteDataDir,
    });
    if (options.mustExist && !(await schemaExists(client, schema))) {
      throw new AuditStoreMissingError(
        jurisdiction,
        pgliteDir === null ? { schema } : { pgliteDir },
      );
    }
    await ensureAuditSchema(client, schema, { minRetentionDays: options.minRetentionDays });
    const { rows } = await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    const commitsSynchronously = rows[0]?.synchronous_commit !== 'off';
    return { client, schema, jurisdiction, commitsSynchronously, close };
  } catch (error) {
    await close().catch(() => {});
    throw error;
  }
}

async function schemaExists(client: SqlClient, schema: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  return rows.length > 0;
}
