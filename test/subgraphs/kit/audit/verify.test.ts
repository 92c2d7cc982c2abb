import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  appendSequentially,
  closeSharedPglite,
  openTestAuditLog,
} from './auditTestLog.js';
import type { TestAuditLog } from './auditTestLog.js';

afterAll(closeSharedPglite);

/** Every column but seq: moving these between rows moves a whole event. */
const ROW_COLUMNS = [
  'kind',
  'occurred_at',
  'jurisdiction',
  'actor',
  'roles',
  'agency',
  'home_country',
  'purpose',
  'case_ref',
  'request_id',
  'operation_hash',
  'entities',
  'released',
  'minimised',
  'denied',
  'decision',
  'emergency',
  'detail',
  'prev_hash',
  'hash',
];
const CONTENT_COLUMNS = ROW_COLUMNS.filter((column) => column !== 'prev_hash' && column !== 'hash');

/** Swaps `columns` between the rows at seq a and b. */
const swap = (a: number, b: number, columns: string[]) =>
  `UPDATE $schema.events AS t SET ${columns.map((c) => `${c} = o.${c}`).join(', ')}
     FROM $schema.events AS o
    WHERE (t.seq, o.seq) IN ((${a}, ${b}), (${b}, ${a}))`;

/** Moves seq ≥ from by `by`, through a far range: seq is the primary key. */
const renumber = (from: number, by: number) => [
  `UPDATE $schema.events SET seq = seq + 1000000 + ${by} WHERE seq >= ${from}`,
  `UPDATE $schema.events SET seq = seq - 1000000 WHERE seq > 1000000`,
];

/** A copy of event `source` at seq `at`, with its hash and prevHash (forged by hand below). */
const copyAt = (source: number, at: number, prevHash: string, hash: string) =>
  `INSERT INTO $schema.events
     SELECT ${at}, ${CONTENT_COLUMNS.join(', ')}, ${prevHash}, ${hash} FROM $schema.events WHERE seq = ${source}`;

const TAMPERINGS: {
  name: string;
  statements: (log: TestAuditLog) => Promise<string[]> | string[];
  firstBadSeq: number;
  problem: string;
}[] = [
  {
    name: "an event's field edited",
    statements: () => [`UPDATE $schema.events SET actor = 'someone-else' WHERE seq = 7`],
    firstBadSeq: 7,
    problem: 'EDITED',
  },
  {
    name: "an event's released fields edited",
    statements: () => [
      `UPDATE $schema.events SET released = array_append(released, 'FreezingOrder.holderName') WHERE seq = 3`,
    ],
    firstBadSeq: 3,
    problem: 'EDITED',
  },
  {
    name: 'an event deleted',
    statements: () => [`DELETE FROM $schema.events WHERE seq = 6`],
    firstBadSeq: 6,
    problem: 'DELETED',
  },
  {
    name: 'an event deleted and the later ones renumbered',
    statements: () => [`DELETE FROM $schema.events WHERE seq = 6`, ...renumber(7, -1)],
    firstBadSeq: 6,
    problem: 'DELETED',
  },
  {
    name: 'the last event deleted',
    statements: () => [`DELETE FROM $schema.events WHERE seq = 12`],
    firstBadSeq: 12,
    problem: 'DELETED',
  },
  {
    name: 'an event inserted with a made-up hash',
    statements: () => [...renumber(5, 1), copyAt(2, 5, `repeat('a', 64)`, `repeat('b', 64)`)],
    firstBadSeq: 5,
    problem: 'INSERTED',
  },
  {
    name: 'an event inserted that links and hashes correctly',
    statements: async (log) => {
      // The forger knows the algorithm: the inserted row is a well-formed event at seq 5.
      const { rows } = await log.client.query<{ hash: string }>(
        `SELECT hash FROM ${log.schema}.events WHERE seq = 4`,
      );
      const { auditEventHash } = await import('../../../../subgraphs/kit/audit/AuditEvent.js');
      const source = (await log.list({}, { first: 12, after: null })).events.find(
        (event) => event.seq === 2,
      )!;
      const forged = auditEventHash({ ...source, seq: 5, prevHash: rows[0]!.hash });
      return [...renumber(5, 1), copyAt(2, 5, `'${rows[0]!.hash}'`, `'${forged}'`)];
    },
    firstBadSeq: 5,
    problem: 'INSERTED',
  },
  {
    name: 'an event appended past the head without going through the log',
    statements: () => [
      copyAt(2, 13, `(SELECT hash FROM $schema.events WHERE seq = 12)`, `repeat('c', 64)`),
    ],
    firstBadSeq: 13,
    problem: 'INSERTED',
  },
  {
    name: 'two events swapped, whole rows',
    statements: () => [swap(8, 9, ROW_COLUMNS)],
    firstBadSeq: 8,
    problem: 'REORDERED',
  },
  {
    name: "two events' contents swapped, hashes left in place",
    statements: () => [swap(4, 10, CONTENT_COLUMNS)],
    firstBadSeq: 4,
    problem: 'REORDERED',
  },
];

describe.each(BACKENDS)('verify on $backend', ({ databaseUrl, available }) => {
  let log: TestAuditLog | null = null;
  afterEach(async () => {
    await log?.dispose();
    log = null;
  });

  it.each(TAMPERINGS)('detects $name at seq $firstBadSeq as $problem', async (tampering) => {
    if (!available) return;
    const audit = (log = await openTestAuditLog(databaseUrl, { checkpointEvery: 1000 }));
    await appendSequentially(audit, 12);
    expect(await audit.verify()).toEqual({ ok: true, events: 12, checkpoints: 0 });
    await audit.tamper(...(await tampering.statements(audit)));
    const result = await audit.verify();
    expect(result).toMatchObject({
      ok: false,
      firstBadSeq: tampering.firstBadSeq,
      problem: tampering.problem,
    });
  });

  it.skipIf(!available)(
    'detects a checkpoint whose events were rewritten consistently',
    async () => {
      const audit = (log = await openTestAuditLog(databaseUrl, { checkpointEvery: 5 }));
      await appendSequentially(audit, 7);
      // Rewrite event 7, recompute its hash and the head: the chain holds, the checkpoint of
      // events 1..5 still holds, but nothing signed covers 7 — so sign one, then rewrite 3.
      await audit.checkpoint();
      const { auditEventHash } = await import('../../../../subgraphs/kit/audit/AuditEvent.js');
      const events = (await audit.list({}, { first: 10, after: null })).events.reverse();
      let prevHash = events[1]!.hash;
      const statements: string[] = [];
      for (const event of events.slice(2)) {
        const rewritten = { ...event, actor: event.seq === 3 ? 'forged' : event.actor, prevHash };
        const hash = auditEventHash(rewritten);
        statements.push(
          `UPDATE $schema.events SET actor = '${rewritten.actor}', prev_hash = '${prevHash}', hash = '${hash}' WHERE seq = ${event.seq}`,
        );
        prevHash = hash;
      }
      statements.push(`UPDATE $schema.chain_head SET hash = '${prevHash}'`);
      await audit.tamper(...statements);
      expect(await audit.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 5,
        problem: 'CHECKPOINT_MISMATCH',
      });
    },
  );

  it.skipIf(!available)('detects a checkpoint whose signature was altered', async () => {
    const audit = (log = await openTestAuditLog(databaseUrl, { checkpointEvery: 3 }));
    await appendSequentially(audit, 7);
    await audit.client.transaction(async (tx) => {
      await tx.query(
        `ALTER TABLE ${audit.schema}.checkpoints DISABLE TRIGGER checkpoints_append_only`,
      );
      await tx.query(
        `UPDATE ${audit.schema}.checkpoints SET root_hash = repeat('0', 64) WHERE tree_size = 6`,
      );
    });
    expect(await audit.verify()).toMatchObject({
      ok: false,
      firstBadSeq: 6,
      problem: 'BAD_SIGNATURE',
    });
  });
});
