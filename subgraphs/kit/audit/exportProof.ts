import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { JWK } from 'jose';
import type { AuditEvent } from './AuditEvent.js';
import { AuditError, AuditErrorCode } from './AuditError.js';
import { toAuditEvent } from './AuditEventRow.js';
import type { AuditEventRow } from './AuditEventRow.js';
import type { Checkpoint } from './Checkpoint.js';
import { toCheckpoint } from './CheckpointRow.js';
import type { CheckpointRow } from './CheckpointRow.js';
import { inclusionProof } from './merkle.js';
import type { AuditStore } from './openAuditStore.js';
import { PROOF_BUNDLE_FORMAT } from './ProofBundle.js';
import type { ProofBundle } from './ProofBundle.js';

/**
 * Event `seq` with the latest checkpoint covering it and its inclusion proof: what a partner
 * needs to check offline that the log holds it. Signs a checkpoint first when none covers it.
 */
export async function exportProof(
  store: AuditStore,
  publicJwk: JWK,
  checkpoint: () => Promise<Checkpoint>,
  seq: number,
): Promise<ProofBundle> {
  const event = await readEvent(store, seq);
  let row = await coveringCheckpoint(store, seq);
  if (!row) {
    await checkpoint();
    row = await coveringCheckpoint(store, seq);
  }
  if (!row) throw new Error(`no checkpoint covers event ${seq}`);
  const { id, ...signed } = toCheckpoint(row);
  const leaves = await checkpointLeaves(store, id, signed);
  const leafIndex = seq - signed.firstSeq;
  return {
    format: PROOF_BUNDLE_FORMAT,
    event,
    leafIndex,
    checkpoint: signed,
    inclusionProof: inclusionProof(leafIndex, leaves).map(bytesToHex),
    publicJwk,
  };
}

async function readEvent(store: AuditStore, seq: number): Promise<AuditEvent> {
  const { rows } = await store.client.query<AuditEventRow>(
    `SELECT * FROM ${store.schema}.events WHERE seq = $1`,
    [seq],
  );
  if (!rows[0]) {
    throw new AuditError(
      AuditErrorCode.AUDIT_EVENT_NOT_FOUND,
      `the ${store.jurisdiction} audit log holds no event ${seq}`,
    );
  }
  return toAuditEvent(rows[0]);
}

async function coveringCheckpoint(
  store: AuditStore,
  seq: number,
): Promise<CheckpointRow | undefined> {
  const { rows } = await store.client.query<CheckpointRow>(
    `SELECT * FROM ${store.schema}.checkpoints
              WHERE first_seq <= $1 AND first_seq + tree_size > $1
              ORDER BY id DESC LIMIT 1`,
    [seq],
  );
  return rows[0];
}

/** The leaf data (raw event hashes) of the tree a checkpoint signs. */
async function checkpointLeaves(
  store: AuditStore,
  id: number,
  checkpoint: Checkpoint,
): Promise<Uint8Array[]> {
  const { rows } = await store.client.query<{ hash: string }>(
    `SELECT hash FROM ${store.schema}.events WHERE seq >= $1 AND seq < $2 ORDER BY seq`,
    [checkpoint.firstSeq, checkpoint.firstSeq + checkpoint.treeSize],
  );
  if (rows.length !== checkpoint.treeSize) {
    throw new Error(`the events under checkpoint ${id} are incomplete; run verify`);
  }
  return rows.map((leaf) => hexToBytes(leaf.hash));
}
