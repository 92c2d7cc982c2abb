import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { accountabilityResolvers } from '../../../../subgraphs/kit/accountabilityResolvers.js';
import { checkpointSignatureProblem } from '../../../../subgraphs/kit/audit/Checkpoint.js';
import {
  BACKENDS,
  appendSequentially,
  closeSharedPglite,
  openTestAuditLog,
  testSigningKey,
} from './auditTestLog.js';
import type { TestAuditLog } from './auditTestLog.js';

afterAll(closeSharedPglite);

describe.each(BACKENDS)('Jurisdiction.auditChain on $backend', ({ databaseUrl, available }) => {
  let log: TestAuditLog | null = null;
  afterEach(async () => {
    await log?.dispose();
    log = null;
  });

  /** Ten events, a checkpoint signed every four: the latest covers 1..8. */
  const openWithTen = async () => {
    const audit = (log = await openTestAuditLog(databaseUrl, { checkpointEvery: 4 }));
    await appendSequentially(audit, 10);
    return audit;
  };
  const chainOf = (audit: TestAuditLog, auditChainTtlSeconds: number) =>
    accountabilityResolvers('FR', audit, null, { auditChainTtlSeconds }).Jurisdiction.auditChain;

  it.skipIf(!available)(
    'reports an intact chain as verified, with its head and the latest signed checkpoint',
    async () => {
      const audit = await openWithTen();
      const events = (await audit.list({}, { first: 10, after: null })).events;
      const status = await chainOf(audit, 0)();
      expect(status).toMatchObject({
        verified: true,
        firstBadSeq: null,
        problem: null,
        message: null,
        eventCount: 10,
        headSeq: 10,
        headHash: events.find((event) => event.seq === 10)!.hash,
      });
      const checkpoint = status.latestCheckpoint!;
      expect(checkpoint).toMatchObject({
        sequence: 8,
        firstSeq: 1,
        treeSize: 8,
        headHash: events.find((event) => event.seq === 8)!.hash,
        keyId: (await testSigningKey()).kid,
      });
      // What the page shows is the member's signature, checkable by anyone with its public key.
      expect(
        checkpointSignatureProblem(
          {
            jurisdiction: 'FR',
            firstSeq: checkpoint.firstSeq,
            treeSize: checkpoint.treeSize,
            rootHash: checkpoint.rootHash,
            headHash: checkpoint.headHash,
            issuedAt: checkpoint.signedAt,
            signature: checkpoint.signature,
          },
          audit.publicJwk,
        ),
      ).toBeNull();
    },
  );

  it.skipIf(!available)(
    'reports a tampered chain as broken at the first bad sequence number',
    async () => {
      const audit = await openWithTen();
      await audit.tamper(`UPDATE $schema.events SET actor = 'someone-else' WHERE seq = 6`);
      expect(await chainOf(audit, 0)()).toMatchObject({
        verified: false,
        firstBadSeq: 6,
        problem: 'EDITED',
        headSeq: 10,
      });
    },
  );

  it.skipIf(!available)(
    'reuses a verification for its TTL, and verifies again on every call with a TTL of 0',
    async () => {
      const audit = await openWithTen();
      const cached = chainOf(audit, 3600);
      const uncached = chainOf(audit, 0);
      const before = await cached();
      expect(before.verified).toBe(true);
      await audit.tamper(`DELETE FROM $schema.events WHERE seq = 3`);
      // Within the TTL the same verification is served: it says when it ran.
      expect(await cached()).toBe(before);
      expect(await uncached()).toMatchObject({
        verified: false,
        firstBadSeq: 3,
        problem: 'DELETED',
      });
    },
  );

  it.skipIf(!available)('says so when no checkpoint was signed yet', async () => {
    const audit = (log = await openTestAuditLog(databaseUrl));
    await appendSequentially(audit, 2);
    expect(await chainOf(audit, 0)()).toMatchObject({
      verified: true,
      eventCount: 2,
      latestCheckpoint: null,
    });
  });
});
