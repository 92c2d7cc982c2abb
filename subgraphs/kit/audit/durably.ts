import type { SqlClient, SqlExecutor } from '../../../core/sql/SqlClient.js';

/**
 * One transaction committed synchronously whatever the server's default: an event or
 * checkpoint it writes is on disk when it resolves.
 */
export function durably<T>(client: SqlClient, fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
  return client.transaction(async (tx) => {
    await tx.query('SET LOCAL synchronous_commit = on');
    return fn(tx);
  });
}
