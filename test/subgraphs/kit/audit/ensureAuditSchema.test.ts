import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { SqlClient, SqlExecutor } from '../../../../core/sql/SqlClient.js';
import { ensureAuditSchema } from '../../../../subgraphs/kit/audit/ensureAuditSchema.js';
import { BACKENDS, accessEvent, closeSharedPglite, openTestAuditLog } from './auditTestLog.js';
import type { TestAuditLog } from './auditTestLog.js';

afterAll(closeSharedPglite);

const LARGE_COLUMNS = ['denied', 'detail', 'entities', 'minimised', 'released'];

/** An event past PostgreSQL's 2 kB compression threshold: 200 pseudonyms, as a wide request records. */
const wideEvent = (n: number) =>
  accessEvent(n, {
    entities: Array.from(
      { length: 200 },
      (_, i) => `psn_${(n * 1000 + i).toString(32).padStart(26, 'q')}`,
    ),
  });

describe.each(BACKENDS)('the events table on $backend', ({ backend, databaseUrl, available }) => {
  let log: TestAuditLog | null = null;
  afterEach(async () => {
    await log?.dispose();
    log = null;
  });

  const compressionOf = async (opened: TestAuditLog) => {
    const { rows } = await opened.client.query<{ attname: string; attcompression: string }>(
      `SELECT attname, attcompression FROM pg_attribute
        WHERE attrelid = '${opened.schema}.events'::regclass AND attname = ANY ($1) ORDER BY attname`,
      [LARGE_COLUMNS],
    );
    return Object.fromEntries(rows.map((row) => [row.attname, row.attcompression]));
  };
  const serverHasLz4 = async (opened: TestAuditLog) => {
    const { rows } = await opened.client.query<{ lz4: boolean }>(
      `SELECT 'lz4' = ANY (enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
    );
    return rows[0]!.lz4;
  };

  /** Runs ensureAuditSchema on the log's schema; returns the statements it ran. */
  const ensureRecording = async (opened: TestAuditLog) => {
    const statements: string[] = [];
    const { client } = opened;
    const recording = {
      ...client,
      query: client.query.bind(client),
      queryPrepared: client.queryPrepared.bind(client),
      close: client.close.bind(client),
      transaction: <T>(fn: (tx: SqlExecutor) => Promise<T>) =>
        client.transaction((tx) =>
          fn({
            query: (sql, params) => {
              statements.push(sql);
              return tx.query(sql, params);
            },
          }),
        ),
    } as SqlClient;
    await ensureAuditSchema(recording, opened.schema);
    return statements;
  };

  it.skipIf(!available)(
    'compresses the growing columns with lz4 where the server has it, and keeps the default where not',
    async () => {
      log = await openTestAuditLog(databaseUrl);
      const lz4 = await serverHasLz4(log);
      // The local server is Debian's PostgreSQL 15, built with lz4; PGlite is built without.
      expect(lz4).toBe(backend === 'postgresql');
      const expected = lz4 ? 'l' : '';
      expect(await compressionOf(log)).toEqual(
        Object.fromEntries(LARGE_COLUMNS.map((column) => [column, expected])),
      );
    },
  );

  it.skipIf(!available)('stores wide events whole, and the chain verifies', async () => {
    log = await openTestAuditLog(databaseUrl);
    const appended = [];
    for (let n = 1; n <= 5; n++) appended.push(await log.append(wideEvent(n)));
    const { events } = await log.list({}, { first: 10, after: null });
    expect(events.reverse()).toEqual(appended);
    expect(events[0]!.entities).toHaveLength(200);
    expect(await log.verify()).toEqual({ ok: true, events: 5, checkpoints: 0 });
  });

  it.skipIf(!available || backend !== 'postgresql')(
    'moves a log created before lz4 to it on the next start, its old events unchanged',
    async () => {
      log = await openTestAuditLog(databaseUrl);
      const before = await log.append(wideEvent(1));
      await log.client.query(
        `ALTER TABLE ${log.schema}.events ${LARGE_COLUMNS.map((c) => `ALTER COLUMN ${c} SET COMPRESSION pglz`).join(', ')}`,
      );
      expect(Object.values(await compressionOf(log))).toEqual(LARGE_COLUMNS.map(() => 'p'));

      const statements = await ensureRecording(log);
      expect(Object.values(await compressionOf(log))).toEqual(LARGE_COLUMNS.map(() => 'l'));
      expect(statements.filter((sql) => sql.includes('SET COMPRESSION'))).toHaveLength(1);
      // Once moved, a start changes no column again (an ALTER TABLE would lock the table).
      const again = await ensureRecording(log);
      expect(again.filter((sql) => /ALTER TABLE\s+\S+\.events\b/.test(sql))).toEqual([]);
      const after = await log.append(wideEvent(2));
      const { events } = await log.list({}, { first: 10, after: null });
      expect(events.reverse()).toEqual([before, after]);
      expect(await log.verify()).toMatchObject({ ok: true, events: 2 });
    },
  );
});
