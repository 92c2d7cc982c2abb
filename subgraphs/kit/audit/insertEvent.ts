import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import type { AuditEvent, AuditEventInput } from './AuditEvent.js';
import { EVENT_COLUMNS, eventPlaceholders, eventRowValues } from './AuditEventRow.js';
import type { ChainHead } from './ChainHead.js';
import { chainEvent } from './chainEvent.js';

/** Chains `input` on `head` and inserts it in the caller's transaction (the head is not saved). */
export async function insertEvent(
  tx: SqlExecutor,
  schema: string,
  head: ChainHead,
  input: AuditEventInput,
): Promise<{ event: AuditEvent; head: ChainHead }> {
  const chained = chainEvent(head, input);
  await tx.query(
    `INSERT INTO ${schema}.events (${EVENT_COLUMNS}) VALUES (${eventPlaceholders(0)})`,
    eventRowValues(chained.event),
  );
  return chained;
}
