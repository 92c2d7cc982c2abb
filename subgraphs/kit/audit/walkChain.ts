import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import type { AuditEvent } from './AuditEvent.js';
import { toAuditEvent } from './AuditEventRow.js';
import type { AuditEventRow } from './AuditEventRow.js';
import { diagnoseChainBreak, followsInChain } from './diagnoseChainBreak.js';
import type { ChainPoint, VerifyFailure } from './diagnoseChainBreak.js';

/** Rows read per round trip. */
const VERIFY_BATCH = 2_000;

/**
 * Reads the events in seq order and checks that each follows the one before, from `anchor`;
 * `onEvent` sees each event that does. Returns the last event verified and how many were, or
 * the diagnosis of the first that does not follow (`headSeq`: the seq `chain_head` records).
 */
export async function walkChain(
  tx: SqlExecutor,
  schema: string,
  anchor: ChainPoint,
  headSeq: number,
  onEvent: (point: ChainPoint) => void,
): Promise<{ last: ChainPoint; events: number } | VerifyFailure> {
  let prev = anchor;
  let events = 0;
  for (;;) {
    const batch = await readBatch(tx, schema, events === 0 ? 0 : prev.seq);
    for (let i = 0; i < batch.length; i++) {
      const event = batch[i]!;
      if (!followsInChain(prev, event)) {
        const more = await readBatch(tx, schema, batch[batch.length - 1]!.seq);
        return diagnoseChainBreak(prev, [...batch.slice(i), ...more], headSeq);
      }
      prev = { seq: event.seq, hash: event.hash, prevHash: event.prevHash };
      events++;
      onEvent(prev);
    }
    if (batch.length < VERIFY_BATCH) return { last: prev, events };
  }
}

async function readBatch(tx: SqlExecutor, schema: string, afterSeq: number): Promise<AuditEvent[]> {
  const { rows } = await tx.query<AuditEventRow>(
    `SELECT * FROM ${schema}.events WHERE seq > $1 ORDER BY seq LIMIT ${VERIFY_BATCH}`,
    [afterSeq],
  );
  return rows.map(toAuditEvent);
}
