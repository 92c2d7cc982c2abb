import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AUDIT_APP_ROLE } from '../../../../subgraphs/kit/audit/ensureAuditSchema.js';
import {
  BACKENDS,
  appendSequentially,
  closeSharedPglite,
  openTestAuditLog,
} from './auditTestLog.js';
import type { TestAuditLog } from './auditTestLog.js';

afterAll(closeSharedPglite);

const REFUSED = [
  ['UPDATE an event', `UPDATE $schema.events SET actor = 'x' WHERE seq = 2`],
  ['DELETE an event', `DELETE FROM $schema.events WHERE seq = 2`],
  ['DELETE every event', `DELETE FROM $schema.events`],
  ['TRUNCATE the events', `TRUNCATE $schema.events`],
  ['UPDATE a checkpoint', `UPDATE $schema.checkpoints SET root_hash = repeat('0', 64)`],
  ['DELETE a checkpoint', `DELETE FROM $schema.checkpoints`],
  [
    'UPDATE with the purge flag set by hand (it only ever lets DELETE through)',
    `SELECT set_config('comity.audit_purge', 'on', true); UPDATE $schema.events SET actor = 'x'`,
  ],
] as const;

describe.each(BACKENDS)('append-only on $backend', ({ backend, databaseUrl, available }) => {
  let log: TestAuditLog | null = null;
  afterEach(async () => {
    await log?.dispose();
    log = null;
  });

  it.each(REFUSED)('the trigger refuses: %s, even to a superuser', async (_name, sql) => {
    if (!available) return;
    const audit = (log = await openTestAuditLog(databaseUrl, { checkpointEvery: 2 }));
    await appendSequentially(audit, 4);
    const statements = sql.replaceAll('$schema', audit.schema).split('; ');
    await expect(
      audit.client.transaction(async (tx) => {
        for (const statement of statements) await tx.query(statement);
      }),
    ).rejects.toThrow(/append-only/);
    expect(await audit.verify()).toEqual({ ok: true, events: 4, checkpoints: 2 });
  });

  it.skipIf(!available || backend !== 'postgresql')(
    `the ${AUDIT_APP_ROLE} role may INSERT and SELECT but holds no UPDATE or DELETE grant`,
    async () => {
      const audit = (log = await openTestAuditLog(databaseUrl));
      await appendSequentially(audit, 2);
      const asAppRole = (sql: string) =>
        audit.client.transaction(async (tx) => {
          await tx.query(`SET LOCAL ROLE ${AUDIT_APP_ROLE}`);
          return tx.query(sql.replaceAll('$schema', audit.schema));
        });
      await expect(asAppRole('SELECT count(*)::int AS n FROM $schema.events')).resolves.toEqual({
        rows: [{ n: 2 }],
      });
      // The trigger would refuse too; the grant check comes first and names the privilege.
      for (const sql of [
        `UPDATE $schema.events SET actor = 'x' WHERE seq = 1`,
        `DELETE FROM $schema.events WHERE seq = 1`,
        `TRUNCATE $schema.events`,
      ]) {
        await expect(asAppRole(sql)).rejects.toMatchObject({
          code: '42501',
          message: expect.stringMatching(/permission denied/),
        });
      }
      // Retention goes through the SECURITY DEFINER function, which the role may execute.
      await expect(asAppRole('SELECT $schema.purge_before(2) AS n')).resolves.toMatchObject({
        rows: [{ n: expect.anything() }],
      });
    },
  );
});
