import { bytesToHex } from '@noble/hashes/utils.js';
import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import type { ChainHead } from './ChainHead.js';
import { signCheckpoint } from './Checkpoint.js';
import type { Checkpoint, CheckpointSigningKey } from './Checkpoint.js';
import { frontierRoot } from './merkle.js';
import type { AuditStore } from './openAuditStore.js';

/** Signs and stores a checkpoint of the tree under `head`, in the caller's transaction. */
export type IssueCheckpoint = (tx: SqlExecutor, head: ChainHead) => Promise<Checkpoint>;

export function checkpointIssuer(store: AuditStore, key: CheckpointSigningKey): IssueCheckpoint {
  return async (tx, head) => {
    const checkpoint = await signCheckpoint(
      {
        jurisdiction: store.jurisdiction,
        firstSeq: head.anchorSeq + 1,
        treeSize: head.frontier.size,
        rootHash: bytesToHex(frontierRoot(head.frontier)),
        headHash: head.hash,
        issuedAt: new Date().toISOString(),
      },
      key,
    );
    await tx.query(
      `INSERT INTO ${store.schema}.checkpoints (jurisdiction, first_seq, tree_size, root_hash, head_hash, issued_at, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        checkpoint.jurisdiction,
        checkpoint.firstSeq,
        checkpoint.treeSize,
        checkpoint.rootHash,
        checkpoint.headHash,
        checkpoint.issuedAt,
        checkpoint.signature,
      ],
    );
    await tx.query(`UPDATE ${store.schema}.chain_head SET checkpoint_seq = $1 WHERE id`, [
      head.seq,
    ]);
    return checkpoint;
  };
}
