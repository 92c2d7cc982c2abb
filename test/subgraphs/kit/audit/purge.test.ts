import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { PURGE_FUNCTION } from '../../../../subgraphs/kit/audit/ensureAuditSchema.js';
import { BACKENDS, accessEvent, closeSharedPglite, openTestAuditLog } from './auditTestLog.js';
import type { TestAuditLog } from './auditTestLog.js';

afterAll(closeSharedPglite);

describe.each(BACKENDS)('purge on $backend', ({ databaseUrl, available }) => {
  let log: TestAuditLog | null = null;
  afterEach(async () => {
    await log?.dispose();
    log = null;
  });

  /** Events 1..10, one hour apart from 2025-01-01T01:00Z; a checkpoint every 4. */
  const openWithTen = async () => {
    const audit = (log = await openTestAuditLog(databaseUrl, { checkpointEvery: 4 }));
    for (let n = 1; n <= 10; n++) await audit.append(accessEvent(n));
    return audit;
  };

  it.skipIf(!available)(
    'removes the events before the cut-off, records the range and stays verifiable',
    async () => {
      const audit = await openWithTen();
      const hashOf6 = (await audit.list({}, { first: 10, after: null })).events.find(
        (e) => e.seq === 6,
      )!.hash;
      const purge = await audit.purge(accessEvent(7).occurredAt);
      expect(purge).toMatchObject({
        seq: 11,
        kind: 'PURGE',
        detail: { purgedCount: 6, purgedFromSeq: 1, purgedToSeq: 6, purgedHeadHash: hashOf6 },
      });
      const remaining = await audit.list({}, { first: 20, after: null });
      expect(remaining.events.map((e) => e.seq)).toEqual([11, 10, 9, 8, 7]);
      expect(remaining.events.at(-1)!.prevHash).toBe(hashOf6);
      // The checkpoints over purged events went; the one signed at the purge covers 7..11.
      expect(await audit.verify()).toEqual({ ok: true, events: 5, checkpoints: 1 });
      const proof = await audit.exportProof(8);
      expect(proof.checkpoint).toMatchObject({ firstSeq: 7, treeSize: 5 });

      // Appending and purging again keeps it whole.
      for (let n = 11; n <= 14; n++) await audit.append(accessEvent(n));
      const second = await audit.purge(accessEvent(9).occurredAt);
      expect(second.detail).toMatchObject({ purgedCount: 2, purgedFromSeq: 7, purgedToSeq: 8 });
      // 9..15 kept, and the second PURGE event at 16.
      expect(await audit.verify()).toMatchObject({ ok: true, events: 8 });
    },
  );

  it.skipIf(!available)(
    'records a purge that removes nothing without moving the anchor',
    async () => {
      const audit = await openWithTen();
      await audit.purge(accessEvent(4).occurredAt);
      const idle = await audit.purge('2024-01-01T00:00:00Z');
      expect(idle.detail).toMatchObject({
        purgedCount: 0,
        purgedFromSeq: null,
        purgedHeadHash: null,
      });
      expect(await audit.verify()).toMatchObject({ ok: true, events: 9 });
    },
  );

  it.skipIf(!available)('purges only a prefix: an old event behind a newer one stays', async () => {
    const audit = (log = await openTestAuditLog(databaseUrl));
    await audit.append(accessEvent(1));
    await audit.append(accessEvent(5));
    await audit.append(accessEvent(2));
    const purge = await audit.purge(accessEvent(3).occurredAt);
    expect(purge.detail).toMatchObject({ purgedCount: 1, purgedToSeq: 1 });
    expect(await audit.verify()).toMatchObject({ ok: true, events: 3 });
  });

  it.skipIf(!available)(
    'detects tampering with the first retained event after a purge',
    async () => {
      const audit = await openWithTen();
      await audit.purge(accessEvent(7).occurredAt);
      await audit.tamper(`UPDATE $schema.events SET purpose = 'ASSET_TRACING' WHERE seq = 7`);
      expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 7, problem: 'EDITED' });
    },
  );

  it.skipIf(!available)('detects the first retained event deleted after a purge', async () => {
    const audit = await openWithTen();
    await audit.purge(accessEvent(7).occurredAt);
    await audit.tamper(`DELETE FROM $schema.events WHERE seq = 7`);
    expect(await audit.verify()).toMatchObject({ ok: false, firstBadSeq: 7, problem: 'DELETED' });
  });

  it.skipIf(!available)(
    'refuses events deleted by hand as if purged, without a PURGE record',
    async () => {
      const audit = await openWithTen();
      await expect(
        audit.client.query(`DELETE FROM ${audit.schema}.events WHERE seq < 4`),
      ).rejects.toThrow(/append-only/);
      await expect(
        audit.client.query(`SELECT ${audit.schema}.${PURGE_FUNCTION}()`),
      ).rejects.toThrow(/purge refused/);
      expect(await audit.verify()).toMatchObject({ ok: true, events: 10 });
    },
  );

  it.skipIf(!available)(
    'refuses a purge cut off inside the retention floor, and records nothing',
    async () => {
      // A hundred years: every cut-off is inside it.
      const audit = (log = await openTestAuditLog(databaseUrl, {
        checkpointEvery: 4,
        minRetentionDays: 36_500,
      }));
      for (let n = 1; n <= 10; n++) await audit.append(accessEvent(n));
      await expect(audit.purge(accessEvent(7).occurredAt)).rejects.toThrow(/append-only/);
      expect((await audit.list({}, { first: 20, after: null })).totalCount).toBe(10);
      expect(await audit.verify()).toEqual({ ok: true, events: 10, checkpoints: 2 });
      // A purge that removes nothing is still recorded: no event is inside the floor's reach.
      const idle = await audit.purge('2024-01-01T00:00:00Z');
      expect(idle.detail).toMatchObject({ purgedCount: 0 });
    },
  );
});
