import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** What a query or a transaction body may run: one statement per call, `$n` parameters. */
export interface SqlExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/**
 * The one seam between the French registries and their database. The same SQL runs on a
 * PostgreSQL server (`pg.Pool`) and on embedded PGlite, so the demo and the production
 * deployment exercise the same code path.
 */
export interface SqlClient extends SqlExecutor {
  /** Backend label for the directory: `postgresql` or `pglite`. */
  readonly backend: 'postgresql' | 'pglite';
  /**
   * `query` as a named prepared statement: PostgreSQL parses and analyses `sql` once per
   * connection and then only binds and runs it. One name must always carry the same text.
   * PGlite runs it as `query`: in process, parsing is not where its time goes.
   */
  queryPrepared<T = Record<string, unknown>>(
    name: string,
    sql: string,
    params: unknown[],
  ): Promise<{ rows: T[] }>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  /** Idempotent. */
  close(): Promise<void>;
}

export interface SqlClientOptions {
  /** PostgreSQL URL; null → embedded PGlite. */
  databaseUrl: string | null;
  /**
   * PGlite data directory, created if missing. `memory://` (or null) keeps the database in
   * memory, which is what the tests use.
   */
  pgliteDataDir: string | null;
}

/** Pool size per subgraph process; a registry read is one short statement. */
export const DEFAULT_POOL_SIZE = 10;

export async function openSqlClient(options: SqlClientOptions): Promise<SqlClient> {
  return options.databaseUrl === null
    ? openPglite(options.pgliteDataDir)
    : openPool(options.databaseUrl);
}

function closeOnce(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () => (closing ??= close());
}

function openPool(databaseUrl: string): SqlClient {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: DEFAULT_POOL_SIZE });
  // An idle connection dropped by the server must not crash the process; the next query
  // gets a fresh connection or a proper error.
  pool.on('error', () => {});
  return {
    backend: 'postgresql',
    async query<T>(sql: string, params?: unknown[]) {
      const result = await pool.query(sql, params);
      return { rows: result.rows as T[] };
    },
    async queryPrepared<T>(name: string, sql: string, params: unknown[]) {
      const result = await pool.query({ name, text: sql, values: params });
      return { rows: result.rows as T[] };
    },
    async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      const connection = await pool.connect();
      let broken: Error | undefined;
      try {
        await connection.query('BEGIN');
        const result = await fn({
          async query<R>(sql: string, params?: unknown[]) {
            const rows = await connection.query(sql, params);
            return { rows: rows.rows as R[] };
          },
        });
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await connection.query('ROLLBACK');
        } catch (rollbackError) {
          broken = rollbackError as Error;
        }
        throw error;
      } finally {
        // A connection whose ROLLBACK failed is destroyed rather than reused mid-transaction.
        connection.release(broken);
      }
    },
    close: closeOnce(() => pool.end()),
  };
}

async function openPglite(dataDir: string | null): Promise<SqlClient> {
  const inMemory = dataDir === null || dataDir.startsWith('memory://');
  if (!inMemory) await mkdir(path.resolve(dataDir), { recursive: true });
  const db = await PGlite.create(inMemory ? undefined : path.resolve(dataDir));
  const query = async <T>(sql: string, params?: unknown[]) => {
    const result = await db.query<T>(sql, params);
    return { rows: result.rows };
  };
  return {
    backend: 'pglite',
    query,
    queryPrepared: (_name, sql, params) => query(sql, params),
    transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return db.transaction((tx) =>
        fn({
          async query<R>(sql: string, params?: unknown[]) {
            const result = await tx.query<R>(sql, params);
            return { rows: result.rows };
          },
        }),
      );
    },
    close: closeOnce(() => db.close()),
  };
}
