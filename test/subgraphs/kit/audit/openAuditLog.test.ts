import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, auditEventHash } from '../../../../subgraphs/kit/audit/AuditEvent.js';
import { AuditError } from '../../../../subgraphs/kit/audit/AuditError.js';
import {
  BACKENDS,
  accessEvent,
  appendSequentially,
  closeSharedPglite,
  openTestAuditLog,
  testSigningKey,
} from './auditTestLog.js';
import { openAuditLog } from '../../../../subgraphs/kit/audit/openAuditLog.js';
import type { TestAuditLog } from './auditTestLog.js';
import type { SqlClient } from '../../../../core/sql/SqlClient.js';

afterAll(closeSharedPglite);

describe.each(BACKENDS)('openAuditLog on $backend', ({ databaseUrl, available }) => {
  let log: TestAuditLog | null = null;
  afterEach(async () => {
    await log?.dispose();
    log = null;
  });
  const open = async (options: Parameters<typeof openTestAuditLog>[1] = {}) =>
    (log = await openTestAuditLog(databaseUrl, options));

  it.skipIf(!available)('chains each event to the one before and verifies', async () => {
    const audit = await open();
    const first = await audit.append(accessEvent(1));
    const second = await audit.append(accessEvent(2, { occurredAt: '2025-01-01T10:00:00+02:00' }));
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(first.hash).toBe(auditEventHash(first));
    expect(second).toMatchObject({
      seq: 2,
      prevHash: first.hash,
      occurredAt: '2025-01-01T08:00:00.000Z',
    });
    await appendSequentially(audit, 8, 3);
    expect(await audit.verify()).toEqual({ ok: true, events: 10, checkpoints: 0 });
    const stored = (await audit.list({}, { first: 10, after: null })).events;
    expect(stored.map((event) => event.seq)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(stored[9]).toEqual(first);
  });

  it.skipIf(!available)('50 concurrent appends get seq 1..50 without gaps or forks', async () => {
    const audit = await open({ checkpointEvery: 20 });
    const events = await Promise.all(
      Array.from({ length: 50 }, (_, i) => audit.append(accessEvent(i + 1))),
    );
    expect(events.map((event) => event.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const bySeq = new Map(events.map((event) => [event.seq, event]));
    for (let seq = 2; seq <= 50; seq++)
      expect(bySeq.get(seq)!.prevHash).toBe(bySeq.get(seq - 1)!.hash);
    expect(await audit.verify()).toEqual({ ok: true, events: 50, checkpoints: 2 });
  });

  /**
   * A second log on the first one's connection, counting its commits — transactions and
   * statements that insert events outside one — and failing the `fail.commit`-th. `prepared`
   * holds the name of each commit that ran as a prepared statement, null for the others.
   */
  const openCounting = async (fail: { commit: number } = { commit: 0 }) => {
    const first = await open();
    const counter = { commits: 0, prepared: [] as (string | null)[] };
    const commit = <T>(run: () => Promise<T>): Promise<T> => {
      counter.commits += 1;
      return counter.commits === fail.commit
        ? Promise.reject(new Error('connection reset'))
        : run();
    };
    const client: SqlClient = {
      backend: first.client.backend,
      query: <T>(sql: string, params?: unknown[]) => {
        if (!sql.includes('INSERT INTO')) return first.client.query<T>(sql, params);
        counter.prepared.push(null);
        return commit(() => first.client.query<T>(sql, params));
      },
      queryPrepared: <T>(name: string, sql: string, params: unknown[]) => {
        counter.prepared.push(name);
        return commit(() => first.client.queryPrepared<T>(name, sql, params));
      },
      transaction: (fn) => {
        counter.prepared.push(null);
        return commit(() => first.client.transaction(fn));
      },
      close: async () => {},
    };
    const audit = await openTestAuditLog(databaseUrl, { client });
    counter.commits = 0;
    counter.prepared = [];
    return { audit, counter };
  };

  it.skipIf(!available)(
    'keeps one chain when two writers (replicas) append to the same log',
    async () => {
      const a = await open({ checkpointEvery: 7 });
      // On PostgreSQL the second writer has its own pool: real concurrent connections.
      const b = await openAuditLog({
        databaseUrl,
        pgliteDataDir: null,
        client: databaseUrl === null ? a.client : undefined,
        schema: a.schema,
        jurisdiction: 'fr',
        signingKey: await testSigningKey(),
        checkpointEvery: 7,
        checkpointIntervalMs: 0,
      });
      try {
        const written = [];
        for (let round = 0; round < 5; round++) {
          const n = round * 10;
          written.push(
            ...(await Promise.all([
              ...Array.from({ length: 5 }, (_, i) => a.append(accessEvent(n + i + 1))),
              ...Array.from({ length: 5 }, (_, i) => b.append(accessEvent(n + i + 6))),
            ])),
          );
        }
        expect(written.map((event) => event.seq).sort((x, y) => x - y)).toEqual(
          Array.from({ length: 50 }, (_, i) => i + 1),
        );
        expect(await a.verify()).toEqual({ ok: true, events: 50, checkpoints: 7 });
      } finally {
        await b.close();
      }
    },
  );

  it.skipIf(!available)(
    'commits appends that arrive together in one transaction, in arrival order',
    async () => {
      const { audit, counter } = await openCounting();
      try {
        const events = await Promise.all(
          Array.from({ length: 40 }, (_, i) => audit.append(accessEvent(i + 1))),
        );
        // Arrival order is chain order: the n-th append got seq n.
        expect(events.map((event) => event.seq)).toEqual(
          Array.from({ length: 40 }, (_, i) => i + 1),
        );
        expect(events.map((event) => event.requestId)).toEqual(
          Array.from({ length: 40 }, (_, i) => accessEvent(i + 1).requestId),
        );
        // The first went alone; the 39 that queued behind it went in one more commit.
        expect(counter.commits).toBe(2);
        expect(await audit.verify()).toMatchObject({ ok: true, events: 40 });
      } finally {
        await audit.dispose();
      }
    },
  );

  it.skipIf(!available)(
    'prepares the statement of small group commits, one per size, and not of large ones',
    async () => {
      const { audit, counter } = await openCounting();
      try {
        // The first append takes the locking transaction (no known head yet). Of appends that
        // arrive together the first goes alone and the rest queue into the next commit.
        let n = 0;
        const together = (count: number) =>
          Promise.all(Array.from({ length: count }, () => audit.append(accessEvent(++n))));
        for (const count of [1, 1, 4, 9, 10, 4]) await together(count);
        const prepared = (size: number) => `${audit.schema}_append_${size}`;
        expect(counter.prepared).toEqual([
          null,
          prepared(1),
          ...[prepared(1), prepared(3)],
          ...[prepared(1), prepared(8)],
          ...[prepared(1), null],
          ...[prepared(1), prepared(3)],
        ]);
        // A name reused with other text would fail on PostgreSQL ("must be unique"); the
        // second commits of sizes 1 and 3 ran on the statements already prepared.
        expect(await audit.verify()).toMatchObject({ ok: true, events: n });
      } finally {
        await audit.dispose();
      }
    },
  );

  it.skipIf(!available)(
    'fails every append of a commit that fails, and writes none of them',
    async () => {
      // Commit 1 holds event 1; of the next ten appends the first goes alone in commit 2 and
      // the nine queued behind it share commit 3, which fails.
      const { audit } = await openCounting({ commit: 3 });
      try {
        await audit.append(accessEvent(1));
        const outcomes = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) => audit.append(accessEvent(i + 2))),
        );
        expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { seq: 2 } });
        for (const outcome of outcomes.slice(1)) {
          expect(outcome.status).toBe('rejected');
          const reason = (outcome as PromiseRejectedResult).reason as AuditError;
          expect(reason).toBeInstanceOf(AuditError);
          expect(reason.code).toBe('AUDIT_UNAVAILABLE');
        }
        // Nothing of the failed commit is in the chain: the next event follows event 2.
        await expect(audit.append(accessEvent(12))).resolves.toMatchObject({ seq: 3 });
        expect(await audit.verify()).toMatchObject({ ok: true, events: 3 });
      } finally {
        await audit.dispose();
      }
    },
  );

  it.skipIf(!available)(
    'signs a checkpoint every N events, covering exactly N, 2N… events',
    async () => {
      const audit = await open({ checkpointEvery: 4 });
      await appendSequentially(audit, 9);
      const { rows } = await audit.client.query<{
        tree_size: number;
        first_seq: number;
        head_hash: string;
      }>(
        `SELECT tree_size::int, first_seq::int, head_hash FROM ${audit.schema}.checkpoints ORDER BY id`,
      );
      const events = (await audit.list({}, { first: 9, after: null })).events;
      const hashOf = (seq: number) => events.find((event) => event.seq === seq)!.hash;
      expect(rows).toEqual([
        { tree_size: 4, first_seq: 1, head_hash: hashOf(4) },
        { tree_size: 8, first_seq: 1, head_hash: hashOf(8) },
      ]);
      const manual = await audit.checkpoint();
      expect(manual).toMatchObject({
        jurisdiction: 'FR',
        firstSeq: 1,
        treeSize: 9,
        headHash: hashOf(9),
      });
      expect(await audit.verify()).toEqual({ ok: true, events: 9, checkpoints: 3 });
    },
  );

  it.skipIf(!available)('signs a checkpoint on the timer when events are waiting', async () => {
    const audit = await open({ checkpointEvery: 1000, checkpointIntervalMs: 20 });
    await appendSequentially(audit, 3);
    let count = 0;
    for (let attempt = 0; attempt < 200 && count === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const { rows } = await audit.client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${audit.schema}.checkpoints`,
      );
      count = rows[0]!.n;
    }
    expect(count).toBeGreaterThan(0);
    expect(await audit.verify()).toMatchObject({ ok: true, events: 3 });
  });

  it.skipIf(!available)('lists newest first with filters, keyset pages and a total', async () => {
    const audit = await open();
    await appendSequentially(audit, 12);
    const filter = { actor: 'officer-1' };
    const page1 = await audit.list(filter, { first: 2, after: null });
    expect(page1.events.map((event) => event.seq)).toEqual([10, 7]);
    expect(page1.totalCount).toBe(4);
    const page2 = await audit.list(filter, { first: 2, after: page1.nextCursor });
    expect(page2.events.map((event) => event.seq)).toEqual([4, 1]);
    expect(page2.nextCursor).toBeNull();

    const denied = await audit.list(
      { decision: 'DENIED', caseRef: 'FR-2025-0' },
      { first: 50, after: null },
    );
    expect(denied.events.map((event) => event.seq)).toEqual([12]);
    const window = await audit.list(
      { from: accessEvent(3).occurredAt, to: accessEvent(6).occurredAt, kind: 'ACCESS' },
      { first: 50, after: null },
    );
    expect(window.events.map((event) => event.seq)).toEqual([5, 4, 3]);
    expect(window.totalCount).toBe(3);
  });

  it.skipIf(!available)(
    'counts ACCESS requests by purpose, role, decision, emergency and month',
    async () => {
      const audit = await open();
      await audit.append(accessEvent(1));
      await audit.append(accessEvent(2));
      await audit.append(
        accessEvent(3, { emergency: true, purpose: null, occurredAt: '2025-02-03T00:00:00Z' }),
      );
      await audit.append(accessEvent(4, { kind: 'REVIEW_DECISION' }));
      expect(await audit.countRequests({ groupBy: [] })).toEqual([{ key: {}, count: 3 }]);
      expect(await audit.countRequests({ groupBy: ['role'] })).toEqual([
        { key: { role: 'CENTRAL_AUTHORITY' }, count: 1 },
        { key: { role: 'INVESTIGATOR' }, count: 2 },
        { key: { role: 'PROSECUTOR' }, count: 1 },
      ]);
      expect(
        await audit.countRequests({ groupBy: ['month', 'emergency', 'purpose', 'decision'] }),
      ).toEqual([
        {
          key: {
            month: '2025-01',
            emergency: 'false',
            purpose: 'CRIMINAL_INVESTIGATION',
            decision: 'MINIMISED',
          },
          count: 2,
        },
        {
          key: { month: '2025-02', emergency: 'true', purpose: 'NONE', decision: 'DENIED' },
          count: 1,
        },
      ]);
    },
  );

  it.skipIf(!available)(
    'refuses a malformed event, or one of another jurisdiction, and writes nothing',
    async () => {
      const audit = await open();
      const cases = [
        accessEvent(1, { jurisdiction: 'DE' }),
        accessEvent(1, { occurredAt: 'yesterday' }),
        accessEvent(1, { detail: { amount: 1.5 } }),
        accessEvent(1, { decision: 'MAYBE' as never }),
        accessEvent(1, { roles: [7 as unknown as string] }),
      ];
      for (const input of cases) {
        await expect(audit.append(input)).rejects.toMatchObject({ code: 'INVALID_AUDIT_EVENT' });
      }
      expect((await audit.list({}, { first: 1, after: null })).totalCount).toBe(0);
      expect(await audit.verify()).toEqual({ ok: true, events: 0, checkpoints: 0 });
    },
  );

  it.skipIf(!available)('says AUDIT_UNAVAILABLE when the store is gone', async () => {
    const audit = await open();
    await audit.client.query(`DROP TABLE ${audit.schema}.events CASCADE`);
    const failure = await audit.append(accessEvent(1)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AuditError);
    expect(failure).toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
  });
});
