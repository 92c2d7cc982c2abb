import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import type { MerkleFrontier } from './merkle.js';

/** The `chain_head` row: where the next event links and what the current tree holds. */
export interface ChainHead {
  seq: number;
  hash: string;
  /** Last purged seq (0 before any purge): the current tree starts at anchorSeq + 1. */
  anchorSeq: number;
  frontier: MerkleFrontier;
  checkpointSeq: number;
}

/** Reads the head and locks it until the transaction ends: appenders queue on this lock. */
export async function lockChainHead(tx: SqlExecutor, schema: string): Promise<ChainHead> {
  const { rows } = await tx.query<{
    seq: string | number;
    hash: string;
    anchor_seq: string | number;
    frontier: string[];
    checkpoint_seq: string | number;
  }>(
    `SELECT seq, hash, anchor_seq, frontier, checkpoint_seq FROM ${schema}.chain_head WHERE id FOR UPDATE`,
  );
  const row = rows[0]!;
  const seq = Number(row.seq);
  const anchorSeq = Number(row.anchor_seq);
  return {
    seq,
    hash: row.hash,
    anchorSeq,
    frontier: { size: seq - anchorSeq, subtrees: row.frontier.map((hex) => hexToBytes(hex)) },
    checkpointSeq: Number(row.checkpoint_seq),
  };
}

export async function saveChainHead(
  tx: SqlExecutor,
  schema: string,
  head: ChainHead,
): Promise<void> {
  await tx.query(
    `UPDATE ${schema}.chain_head SET seq = $1, hash = $2, anchor_seq = $3, frontier = $4, checkpoint_seq = $5 WHERE id`,
    [
      head.seq,
      head.hash,
      head.anchorSeq,
      head.frontier.subtrees.map(bytesToHex),
      head.checkpointSeq,
    ],
  );
}
