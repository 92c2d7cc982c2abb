import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  AUDIT_APP_ROLE,
  PURGE_FUNCTION,
} from '../../../../subgraphs/kit/audit/ensureAuditSchema.js';
import {
  BACKENDS,
  appendSequentially,
  closeSharedPglite,
  openTestAuditLog,
} from './auditTestLog.js';
import type { TestAuditLog } from './auditTestLog.js';

afterAll(closeSharedPglite);

/** A cut-off long past any retention (the events of `appendSequentially` are from 2025). */
const LONG_AGO = '2000-01-01T00:00:00.000Z';
/** Events appended in 2025 are younger than this cut-off. */
const AFTER_THE_EVENTS = '2026-01-01T00:00:00.000Z';
/** A cut-off inside any retention. */
const IN_THE_FUTURE = '2999-01-01T00:00:00.000Z';

/**
 * A PURGE record written by hand as the next event after the head, naming events from..to
 * (with the hash of `to` as it is) and cut off at `before`; its own hash is made up.
 */
const forgedPurge = (from: number, to: number, before: string) =>
  `INSERT INTO $schema.events
     SELECT h.seq + 1, 'PURGE', now(), 'FR', 'intruder', '{}', '', 'FR', NULL, NULL, 'forged', '',
            '{}', '{}', '[]', '[]', 'NONE', false,
            jsonb_build_object('before', '${before}', 'purgedCount', ${to - from + 1},
              'purgedFromSeq', ${from}, 'purgedToSeq', ${to},
              'purgedHeadHash', (SELECT hash FROM $schema.events WHERE seq = ${to})),
            h.hash, repeat('f', 64)
       FROM $schema.chain_head h`;

const FLAG = `SELECT set_config('comity.audit_purge', 'on', true)`;

/** Statements separated by '; ', run in one transaction; every one of them is refused. */
const REFUSED = [
  ['UPDATE an event', `UPDATE $schema.events SET actor = 'x' WHERE seq = 2`],
  ['DELETE an event', `DELETE FROM $schema.events WHERE seq = 2`],
  ['DELETE every event', `DELETE FROM $schema.events`],
  ['TRUNCATE the events', `TRUNCATE $schema.events`],
  ['UPDATE a checkpoint', `UPDATE $schema.checkpoints SET root_hash = repeat('0', 64)`],
  ['DELETE a checkpoint', `DELETE FROM $schema.checkpoints`],
  ['UPDATE with the old purge flag set by hand', `${FLAG}; UPDATE $schema.events SET actor = 'x'`],
  [
    'DELETE with the old purge flag set by hand',
    `${FLAG}; DELETE FROM $schema.events WHERE seq = 1`,
  ],
  [
    'DELETE checkpoints with the old purge flag set by hand',
    `${FLAG}; DELETE FROM $schema.checkpoints`,
  ],
  ['UPDATE the chain head backwards', `${FLAG}; UPDATE $schema.chain_head SET seq = 2`],
  ['UPDATE the chain head hash in place', `UPDATE $schema.chain_head SET hash = repeat('0', 64)`],
  ['move the purge anchor with no PURGE record', `UPDATE $schema.chain_head SET anchor_seq = 2`],
  ['DELETE the chain head', `DELETE FROM $schema.chain_head`],
  ['TRUNCATE the chain head', `TRUNCATE $schema.chain_head`],
  [
    'DELETE an event its PURGE record does not name',
    `${forgedPurge(1, 2, AFTER_THE_EVENTS)}; DELETE FROM $schema.events WHERE seq = 3`,
  ],
  [
    'DELETE events younger than their PURGE record’s cut-off',
    `${forgedPurge(1, 2, LONG_AGO)}; DELETE FROM $schema.events WHERE seq <= 2`,
  ],
  [
    'DELETE events under a PURGE record cut off inside retention',
    `${forgedPurge(1, 2, IN_THE_FUTURE)}; DELETE FROM $schema.events WHERE seq <= 2`,
  ],
  [
    'DELETE the PURGE record along with the range it names',
    `${forgedPurge(1, 5, AFTER_THE_EVENTS)}; DELETE FROM $schema.events`,
  ],
  ['call the purge function with no PURGE record', `SELECT $schema.${PURGE_FUNCTION}()`],
  [
    'call the purge function under a PURGE record that skips the oldest events',
    `${forgedPurge(2, 3, AFTER_THE_EVENTS)}; SELECT $schema.${PURGE_FUNCTION}()`,
  ],
  [
    'call the purge function under a PURGE record cut off inside retention',
    `${forgedPurge(1, 2, IN_THE_FUTURE)}; SELECT $schema.${PURGE_FUNCTION}()`,
  ],
] as const;

/** As the application role; the code PostgreSQL answers with. */
const APP_ROLE_REFUSED = [
  ['DELETE an event with the old purge flag set', `${FLAG}; DELETE FROM $schema.events`, '42501'],
  [
    'DELETE the checkpoints with the old purge flag set',
    `${FLAG}; DELETE FROM $schema.checkpoints`,
    '42501',
  ],
  ['UPDATE an event', `UPDATE $schema.events SET actor = 'x' WHERE seq = 1`, '42501'],
  ['TRUNCATE the events', `TRUNCATE $schema.events`, '42501'],
  ['UPDATE the chain head backwards', `UPDATE $schema.chain_head SET seq = 1`, '42501'],
  ['change the retention floor', `UPDATE $schema.retention SET min_days = 0`, '42501'],
  ['call the purge function with no PURGE record', `SELECT $schema.${PURGE_FUNCTION}()`, '42501'],
  [
    'call the purge function under a PURGE record cut off inside retention',
    `${forgedPurge(1, 1, IN_THE_FUTURE)}; SELECT $schema.${PURGE_FUNCTION}()`,
    '42501',
  ],
  ['call the old purge_before helper', `SELECT $schema.purge_before(2)`, '42883'],
] as const;

describe.each(BACKENDS)('append-only on $backend', ({ backend, databaseUrl, available }) => {
  let log: TestAuditLog | null = null;
  afterEach(async () => {
    await log?.dispose();
    log = null;
  });

  const run = (audit: TestAuditLog, sql: string, role: string | null = null) =>
    audit.client.transaction(async (tx) => {
      if (role !== null) await tx.query(`SET LOCAL ROLE ${role}`);
      let result: { rows: unknown[] } = { rows: [] };
      for (const statement of sql.replaceAll('$schema', audit.schema).split('; ')) {
        result = await tx.query(statement);
      }
      return result;
    });

  it.each(REFUSED)('refuses even a superuser: %s', async (_name, sql) => {
    if (!available) return;
    const audit = (log = await openTestAuditLog(databaseUrl, { checkpointEvery: 2 }));
    await appendSequentially(audit, 4);
    await expect(run(audit, sql)).rejects.toMatchObject({ code: '42501' });
    expect(await audit.verify()).toEqual({ ok: true, events: 4, checkpoints: 2 });
  });

  it.skipIf(!available)(
    'lets a purge by hand through only under its PURGE record, which stays for verify to judge',
    async () => {
      const audit = (log = await openTestAuditLog(databaseUrl, { checkpointEvery: 2 }));
      await appendSequentially(audit, 4);
      await expect(
        run(
          audit,
          `${forgedPurge(1, 2, AFTER_THE_EVENTS)}; SELECT $schema.${PURGE_FUNCTION}() AS n`,
        ),
      ).resolves.toEqual({ rows: [{ n: expect.anything() }] });
      const left = await audit.list({}, { first: 10, after: null });
      expect(left.events.map((event) => [event.seq, event.kind])).toEqual([
        [5, 'PURGE'],
        [4, 'ACCESS'],
        [3, 'ACCESS'],
      ]);
      // The record is there, but its hash was made up and the head never moved to it.
      expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 5 });
    },
  );

  it.skipIf(!available || backend !== 'postgresql')(
    `the ${AUDIT_APP_ROLE} role may INSERT and SELECT, and delete only through a PURGE record`,
    async () => {
      const audit = (log = await openTestAuditLog(databaseUrl));
      await appendSequentially(audit, 2);
      await expect(
        run(audit, 'SELECT count(*)::int AS n FROM $schema.events', AUDIT_APP_ROLE),
      ).resolves.toEqual({ rows: [{ n: 2 }] });
      // Its one way to delete: the purge function, under a PURGE record of its own, which stays.
      await expect(
        run(
          audit,
          `${forgedPurge(1, 1, AFTER_THE_EVENTS)}; SELECT $schema.${PURGE_FUNCTION}()::int AS n`,
          AUDIT_APP_ROLE,
        ),
      ).resolves.toEqual({ rows: [{ n: 1 }] });
      const left = await audit.list({}, { first: 10, after: null });
      expect(left.events.map((event) => [event.seq, event.kind])).toEqual([
        [3, 'PURGE'],
        [2, 'ACCESS'],
      ]);
    },
  );

  it.each(APP_ROLE_REFUSED)(
    `refuses the ${AUDIT_APP_ROLE} role on PostgreSQL: %s`,
    async (_name, sql, code) => {
      if (!available || backend !== 'postgresql') return;
      const audit = (log = await openTestAuditLog(databaseUrl, { checkpointEvery: 2 }));
      await appendSequentially(audit, 4);
      await expect(run(audit, sql, AUDIT_APP_ROLE)).rejects.toMatchObject({ code });
      expect(await audit.verify()).toEqual({ ok: true, events: 4, checkpoints: 2 });
    },
  );
});
