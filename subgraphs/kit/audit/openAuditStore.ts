import { openSqlClient } from '../../../core/sql/SqlClient.js';
import type { SqlClient } from '../../../core/sql/SqlClient.js';
import { checkAuditSchemaName, ensureAuditSchema } from './ensureAuditSchema.js';
import type { AuditLogOptions } from './AuditLog.js';

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
  /** Closes the client if the store opened it. */
  close(): Promise<void>;
}

/** Opens (or takes) the client and creates the log's schema where missing. */
export async function openAuditStore(
  options: Pick<
    AuditLogOptions,
    'databaseUrl' | 'pgliteDataDir' | 'client' | 'schema' | 'jurisdiction' | 'minRetentionDays'
  >,
): Promise<AuditStore> {
  const schema = checkAuditSchemaName(options.schema);
  const ownsClient = options.client === undefined;
  const client =
    options.client ??
    (await openSqlClient({
      databaseUrl: options.databaseUrl,
      pgliteDataDir: options.pgliteDataDir,
    }));
  const close = async () => {
    if (ownsClient) await client.close();
  };
  try {
    await ensureAuditSchema(client, schema, { minRetentionDays: options.minRetentionDays });
    const { rows } = await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    const commitsSynchronously = rows[0]?.synchronous_commit !== 'off';
    const jurisdiction = options.jurisdiction.toUpperCase();
    return { client, schema, jurisdiction, commitsSynchronously, close };
  } catch (error) {
    await close();
    throw error;
  }
}
