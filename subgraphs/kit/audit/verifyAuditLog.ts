import type { JWK } from 'jose';
import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import { GENESIS_HASH } from './AuditEvent.js';
import type { AuditEvent } from './AuditEvent.js';
import type { AuditChainReport } from './AuditChainReport.js';
import type { Checkpoint } from './Checkpoint.js';
import { jsonColumn } from './AuditEventRow.js';
import { toCheckpoint } from './CheckpointRow.js';
import type { CheckpointRow, StoredCheckpoint } from './CheckpointRow.js';
import type { ChainPoint, VerifyFailure, VerifyResult } from './diagnoseChainBreak.js';
import type { AuditStore } from './openAuditStore.js';
import { trackCheckpoints } from './trackCheckpoints.js';
import { walkChain } from './walkChain.js';

/** Recomputes the chain from the purge anchor, and checks every stored checkpoint against it. */
export async function verifyAuditLog(store: AuditStore, publicJwk: JWK): Promise<VerifyResult> {
  return (await verifyAuditChain(store, publicJwk)).result;
}

/** `verifyAuditLog`, with the head and the latest checkpoint of the snapshot it verified. */
export function verifyAuditChain(store: AuditStore, publicJwk: JWK): Promise<AuditChainReport> {
  const { schema } = store;
  return store.client.transaction(async (tx) => {
    // One snapshot: appends running meanwhile are neither half-seen nor reported as damage.
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
    const head = await readHead(tx, schema);
    const anchor = await readPurgeAnchor(tx, schema);
    const checkpoints = await readCheckpoints(tx, schema);
    const tracker = trackCheckpoints(checkpoints, anchor, publicJwk, store.jurisdiction);
    const walked = await walkChain(tx, schema, anchor, head.seq, (point) => tracker.append(point));
    const result: VerifyResult =
      'last' in walked
        ? (headMismatch(head, walked.last) ??
          tracker.failure(walked.events) ?? {
            ok: true,
            events: walked.events,
            checkpoints: checkpoints.length,
          })
        : walked;
    const latest = checkpoints.at(-1);
    return {
      result,
      head,
      anchorSeq: anchor.seq,
      latestCheckpoint: latest ? withoutId(latest) : null,
    };
  });
}

function withoutId({ id: _id, ...checkpoint }: StoredCheckpoint): Checkpoint {
  return checkpoint;
}

async function readHead(tx: SqlExecutor, schema: string): Promise<{ seq: number; hash: string }> {
  const { rows } = await tx.query<{ seq: string | number; hash: string }>(
    `SELECT seq, hash FROM ${schema}.chain_head WHERE id`,
  );
  return { seq: Number(rows[0]!.seq), hash: rows[0]!.hash };
}

/** The latest purge that removed anything holds the anchor the retained chain hangs from. */
async function readPurgeAnchor(tx: SqlExecutor, schema: string): Promise<ChainPoint> {
  const { rows } = await tx.query<{ detail: AuditEvent['detail'] | string }>(
    `SELECT detail FROM ${schema}.events
          WHERE kind = 'PURGE' AND (detail->>'purgedCount')::bigint > 0
          ORDER BY seq DESC LIMIT 1`,
  );
  const purge = rows[0] ? jsonColumn(rows[0].detail) : null;
  return purge
    ? { seq: Number(purge.purgedToSeq), hash: String(purge.purgedHeadHash), prevHash: null }
    : { seq: 0, hash: GENESIS_HASH, prevHash: null };
}

async function readCheckpoints(tx: SqlExecutor, schema: string): Promise<StoredCheckpoint[]> {
  const { rows } = await tx.query<CheckpointRow>(
    `SELECT * FROM ${schema}.checkpoints ORDER BY tree_size, id`,
  );
  return rows.map(toCheckpoint);
}

/** Where the chain walked ends against the head the appenders recorded. */
function headMismatch(head: { seq: number; hash: string }, last: ChainPoint): VerifyFailure | null {
  if (head.seq > last.seq) {
    return {
      ok: false,
      firstBadSeq: last.seq + 1,
      problem: 'DELETED',
      message: `the log ends at event ${last.seq} but event ${head.seq} was appended`,
    };
  }
  if (head.seq < last.seq) {
    return {
      ok: false,
      firstBadSeq: head.seq + 1,
      problem: 'INSERTED',
      message: `events after ${head.seq} were never appended through the log`,
    };
  }
  if (head.hash !== last.hash) {
    return {
      ok: false,
      firstBadSeq: head.seq,
      problem: 'EDITED',
      message: `event ${head.seq} is not the event that was appended`,
    };
  }
  return null;
}
