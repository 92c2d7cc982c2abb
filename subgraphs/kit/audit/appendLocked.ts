import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import type { AuditEvent, AuditEventInput } from './AuditEvent.js';
import { lockChainHead, saveChainHead } from './ChainHead.js';
import type { ChainHead } from './ChainHead.js';
import type { IssueCheckpoint } from './checkpointIssuer.js';
import { durably } from './durably.js';
import { insertEvent } from './insertEvent.js';
import type { AuditStore } from './openAuditStore.js';

/**
 * Writes of one locked transaction: events go in through `appendEvent` (chained on the head,
 * checkpointed when due), and anything else that must stand or fall with them through `tx`.
 */
export type AppendWork<T> = (
  tx: SqlExecutor,
  appendEvent: (input: AuditEventInput) => Promise<AuditEvent>,
) => Promise<T>;

/** When a checkpoint is due, and how it is signed and stored. */
export interface CheckpointPolicy {
  every: number;
  issue: IssueCheckpoint;
}

/**
 * The slow path: lock the head, run `work` — which appends through `appendEvent` and may
 * write beside the events — and save the head, checkpointing when due, in one durable
 * transaction: all of it or none.
 */
export function appendLocked<T>(
  store: AuditStore,
  checkpoints: CheckpointPolicy,
  work: AppendWork<T>,
): Promise<{ result: T; head: ChainHead }> {
  return durably(store.client, async (tx) => {
    let head = await lockChainHead(tx, store.schema);
    const result = await work(tx, async (input) => {
      const inserted = await insertEvent(tx, store.schema, head, input);
      head = inserted.head;
      if (head.seq - head.checkpointSeq >= checkpoints.every) {
        await checkpoints.issue(tx, head);
        head = { ...head, checkpointSeq: head.seq };
      }
      return inserted.event;
    });
    await saveChainHead(tx, store.schema, head);
    return { result, head };
  });
}
