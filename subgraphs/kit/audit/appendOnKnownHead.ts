import { bytesToHex } from '@noble/hashes/utils.js';
import type { AuditEvent, AuditEventInput } from './AuditEvent.js';
import { EVENT_COLUMNS, eventPlaceholders, eventRowValues } from './AuditEventRow.js';
import type { ChainHead } from './ChainHead.js';
import { chainEvent } from './chainEvent.js';
import type { AuditStore } from './openAuditStore.js';

/**
 * Commits of up to this many events run as prepared statements (one per size and
 * connection): at low load each request waits for a commit of its own, and parsing the
 * statement would be a large share of the server's time on it. Larger commits share one
 * parse among many events, and each size kept prepared holds server memory on every
 * connection.
 */
const PREPARED_APPEND_MAX_EVENTS = 8;

/**
 * The fast path of an append: one statement, so one round trip and one commit, that moves
 * the head from the state this process last wrote to the new one and inserts the events
 * only if it did. When another writer (a second replica, a purge) moved the head meanwhile,
 * nothing is written and it returns null: the caller falls back to the locking transaction.
 * Durable only when the server commits synchronously by default (`commitsSynchronously`).
 */
export async function appendOnKnownHead(
  store: AuditStore,
  known: ChainHead,
  inputs: AuditEventInput[],
): Promise<{ events: AuditEvent[]; head: ChainHead } | null> {
  const { events, head } = chainEvents(known, inputs);
  const { sql, params } = appendStatement(store.schema, known, head, events);
  const { rows: written } =
    events.length <= PREPARED_APPEND_MAX_EVENTS
      ? await store.client.queryPrepared<{ seq: string | number }>(
          `${store.schema}_append_${events.length}`,
          sql,
          params,
        )
      : await store.client.query<{ seq: string | number }>(sql, params);
  if (written.length === 0) return null;
  if (written.length !== events.length) {
    throw new Error(`wrote ${written.length} of ${events.length} events`);
  }
  return { events, head };
}

function chainEvents(known: ChainHead, inputs: AuditEventInput[]) {
  let head = known;
  const events: AuditEvent[] = [];
  for (const input of inputs) {
    const chained = chainEvent(head, input);
    events.push(chained.event);
    head = chained.head;
  }
  return { events, head };
}

/** Moves the head from `known` to `head` and, only if it moved, inserts `events`. */
function appendStatement(schema: string, known: ChainHead, head: ChainHead, events: AuditEvent[]) {
  const params: unknown[] = [
    head.seq,
    head.hash,
    head.frontier.subtrees.map(bytesToHex),
    known.seq,
    known.hash,
  ];
  const rows = events.map((event) => {
    const placeholders = eventPlaceholders(params.length);
    params.push(...eventRowValues(event));
    return `(${placeholders})`;
  });
  const sql = `WITH moved AS (
         UPDATE ${schema}.chain_head SET seq = $1, hash = $2, frontier = $3
          WHERE id AND seq = $4 AND hash = $5 RETURNING id)
       INSERT INTO ${schema}.events (${EVENT_COLUMNS})
       SELECT v.* FROM moved, (VALUES ${rows.join(', ')}) AS v
       RETURNING seq`;
  return { sql, params };
}
