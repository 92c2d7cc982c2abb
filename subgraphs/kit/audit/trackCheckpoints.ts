import { bytesToHex } from '@noble/hashes/utils.js';
import type { JWK } from 'jose';
import { checkpointSignatureProblem } from './Checkpoint.js';
import type { StoredCheckpoint } from './CheckpointRow.js';
import { eventLeaf } from './chainEvent.js';
import type { ChainPoint, VerifyFailure } from './diagnoseChainBreak.js';
import { appendToFrontier, emptyFrontier, frontierRoot } from './merkle.js';

/** Checks stored checkpoints against the tree rebuilt while the chain is walked. */
export interface CheckpointTracker {
  /** The event at `point` joined the tree: checks the checkpoints of the tree's new size. */
  append(point: ChainPoint): void;
  /**
   * After the walk, `events` being the tree's size: the earliest checkpoint failure, counting
   * checkpoints whose size the tree never reached, or null when every one matched.
   */
  failure(events: number): VerifyFailure | null;
}

/**
 * Starts at `anchor` (an empty tree). A checkpoint fails when its signature does not verify
 * under `publicJwk`, when it does not start at the anchor or names another jurisdiction, or
 * when its root or head differ from the tree of its size. The failure reported is the one at
 * the lowest seq, the last event a failing checkpoint covers.
 */
export function trackCheckpoints(
  checkpoints: StoredCheckpoint[],
  anchor: ChainPoint,
  publicJwk: JWK,
  jurisdiction: string,
): CheckpointTracker {
  let earliest: VerifyFailure | null = null;
  const note = (c: StoredCheckpoint, problem: VerifyFailure['problem'], message: string) => {
    const firstBadSeq = Math.max(c.firstSeq + c.treeSize - 1, anchor.seq + 1);
    if (!earliest || firstBadSeq < earliest.firstBadSeq) {
      earliest = { ok: false, firstBadSeq, problem, message };
    }
  };
  const pendingBySize = pendCheckpoints(checkpoints, anchor, publicJwk, jurisdiction, note);
  let frontier = emptyFrontier();
  const checkTreeSize = (point: ChainPoint) => {
    for (const c of pendingBySize.get(frontier.size) ?? []) {
      if (bytesToHex(frontierRoot(frontier)) !== c.rootHash || point.hash !== c.headHash) {
        note(
          c,
          'CHECKPOINT_MISMATCH',
          `checkpoint ${c.id} (${c.treeSize} events) does not match the log`,
        );
      }
    }
    pendingBySize.delete(frontier.size);
  };
  checkTreeSize(anchor);
  return {
    append(point) {
      frontier = appendToFrontier(frontier, eventLeaf(point.hash));
      checkTreeSize(point);
    },
    failure(events) {
      for (const [size, pending] of pendingBySize) {
        for (const c of pending) {
          note(
            c,
            'CHECKPOINT_MISMATCH',
            `checkpoint ${c.id} covers ${size} events; the log holds ${events}`,
          );
        }
      }
      return earliest;
    },
  };
}

type NoteFailure = (
  c: StoredCheckpoint,
  problem: VerifyFailure['problem'],
  message: string,
) => void;

/** The checkpoints left to compare with the tree, by size; notes those that fail alone. */
function pendCheckpoints(
  checkpoints: StoredCheckpoint[],
  anchor: ChainPoint,
  publicJwk: JWK,
  jurisdiction: string,
  note: NoteFailure,
): Map<number, StoredCheckpoint[]> {
  const pendingBySize = new Map<number, StoredCheckpoint[]>();
  for (const c of checkpoints) {
    const signatureProblem = checkpointSignatureProblem(c, publicJwk);
    if (signatureProblem) {
      note(c, 'BAD_SIGNATURE', `checkpoint ${c.id}: ${signatureProblem}`);
    } else if (c.firstSeq !== anchor.seq + 1 || c.jurisdiction !== jurisdiction) {
      note(
        c,
        'CHECKPOINT_MISMATCH',
        `checkpoint ${c.id} starts at seq ${c.firstSeq}, the log at ${anchor.seq + 1}`,
      );
    } else {
      pendingBySize.set(c.treeSize, [...(pendingBySize.get(c.treeSize) ?? []), c]);
    }
  }
  return pendingBySize;
}
