import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import type { AuditEvent, AuditEventInput } from './AuditEvent.js';
import { lockChainHead, saveChainHead } from './ChainHead.js';
import type { ChainHead } from './ChainHead.js';
import { eventLeaf } from './chainEvent.js';
import type { IssueCheckpoint } from './checkpointIssuer.js';
import { durably } from './durably.js';
import { PURGE_FUNCTION } from './ensureAuditSchema.js';
import { insertEvent } from './insertEvent.js';
import { appendToFrontier, emptyFrontier } from './merkle.js';
import { normalizeAuditEventInput } from './normalizeAuditEventInput.js';
import type { AuditStore } from './openAuditStore.js';

/** The detail of a PURGE event: what it removed, and the hash the retained chain hangs from. */
type PurgeDetail = {
  before: string;
  purgedCount: number;
  purgedFromSeq: number | null;
  purgedToSeq: number | null;
  purgedHeadHash: string | null;
};

/**
 * Deletes the events before `before` (the longest prefix of the chain older than it) and
 * records a PURGE event, in one durable transaction; then signs the new tree. Throws a
 * RangeError at once when `before` is not a date-time.
 */
export function purgeAuditLog(
  store: AuditStore,
  issueCheckpoint: IssueCheckpoint,
  before: string,
): Promise<AuditEvent> {
  const cutOff = new Date(before);
  if (Number.isNaN(cutOff.getTime()))
    throw new RangeError('purge: before must be an ISO 8601 date-time');
  const { schema } = store;
  return durably(store.client, async (tx) => {
    const head = await lockChainHead(tx, schema);
    const detail = await purgeRange(tx, schema, head, cutOff);
    // The record first: the database deletes only the range the newest PURGE record
    // names (ensureAuditSchema), and refuses it when the cut-off is inside retention.
    const recorded = await insertEvent(tx, schema, head, purgeRecord(store.jurisdiction, detail));
    const next =
      detail.purgedCount > 0
        ? await deletePurged(tx, schema, recorded.head, detail)
        : recorded.head;
    await saveChainHead(tx, schema, next);
    // The purge dropped the checkpoints over purged events: sign the new tree at once.
    await issueCheckpoint(tx, next);
    return recorded.event;
  });
}

/** What a purge at `cutOff` removes, from the head's anchor on. */
async function purgeRange(
  tx: SqlExecutor,
  schema: string,
  head: ChainHead,
  cutOff: Date,
): Promise<PurgeDetail> {
  // Only a prefix of the chain can go: an event older than the cut-off but appended
  // after a newer one stays until that one is purged too.
  const { rows: keep } = await tx.query<{ seq: string | number | null }>(
    `SELECT min(seq) AS seq FROM ${schema}.events WHERE occurred_at >= $1`,
    [cutOff.toISOString()],
  );
  const firstKept = keep[0]?.seq == null ? head.seq + 1 : Number(keep[0].seq);
  const purgedFromSeq = head.anchorSeq + 1;
  const purgedToSeq = firstKept - 1;
  const nothing: PurgeDetail = {
    before: cutOff.toISOString(),
    purgedCount: 0,
    purgedFromSeq: null,
    purgedToSeq: null,
    purgedHeadHash: null,
  };
  if (purgedToSeq < purgedFromSeq) return nothing;
  const { rows: last } = await tx.query<{ hash: string }>(
    `SELECT hash FROM ${schema}.events WHERE seq = $1`,
    [purgedToSeq],
  );
  if (!last[0]) {
    throw new Error(
      `events ${purgedFromSeq}..${purgedToSeq} are not all present; run verify before purging`,
    );
  }
  return {
    ...nothing,
    purgedCount: purgedToSeq - purgedFromSeq + 1,
    purgedFromSeq,
    purgedToSeq,
    purgedHeadHash: last[0].hash,
  };
}

function purgeRecord(jurisdiction: string, detail: PurgeDetail): AuditEventInput {
  return normalizeAuditEventInput(
    {
      kind: 'PURGE',
      occurredAt: new Date().toISOString(),
      jurisdiction,
      actor: 'comity:retention',
      roles: [],
      agency: '',
      homeCountry: jurisdiction,
      purpose: null,
      caseRef: null,
      requestId: randomUUID(),
      operationHash: '',
      entities: [],
      released: [],
      minimised: [],
      denied: [],
      decision: 'NONE',
      emergency: false,
      detail,
    },
    jurisdiction,
  );
}

/** Runs the database's purge of the range the PURGE record names; the tree restarts after it. */
async function deletePurged(
  tx: SqlExecutor,
  schema: string,
  head: ChainHead,
  detail: PurgeDetail,
): Promise<ChainHead> {
  const { rows: removed } = await tx.query<{ n: string | number }>(
    `SELECT ${schema}.${PURGE_FUNCTION}() AS n`,
  );
  if (Number(removed[0]!.n) !== detail.purgedCount) {
    throw new Error(`the purge removed ${removed[0]!.n} events, not ${detail.purgedCount}`);
  }
  // The tree restarts at the first retained event; the PURGE record is in it.
  const { rows: kept } = await tx.query<{ hash: string }>(
    `SELECT hash FROM ${schema}.events ORDER BY seq`,
  );
  let frontier = emptyFrontier();
  for (const row of kept) frontier = appendToFrontier(frontier, eventLeaf(row.hash));
  return { ...head, anchorSeq: detail.purgedToSeq!, frontier };
}
