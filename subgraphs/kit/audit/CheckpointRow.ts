import type { Checkpoint } from './Checkpoint.js';

/** A row of `checkpoints` as a driver returns it: bigint may come as text. */
export interface CheckpointRow {
  id: string | number;
  jurisdiction: string;
  first_seq: string | number;
  tree_size: string | number;
  root_hash: string;
  head_hash: string;
  issued_at: string;
  signature: string;
}

export type StoredCheckpoint = Checkpoint & { id: number };

export function toCheckpoint(row: CheckpointRow): StoredCheckpoint {
  return {
    id: Number(row.id),
    jurisdiction: row.jurisdiction,
    firstSeq: Number(row.first_seq),
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    headHash: row.head_hash,
    issuedAt: row.issued_at,
    signature: row.signature,
  };
}
