import type { Checkpoint } from './Checkpoint.js';
import type { VerifyResult } from './diagnoseChainBreak.js';

/** A verification and the state of the log it looked at, all from one snapshot. */
export interface AuditChainReport {
  result: VerifyResult;
  /** The head the appenders recorded: the last event the verification had to reach. */
  head: { seq: number; hash: string };
  /** Seq the retained chain hangs from (0 before any purge). */
  anchorSeq: number;
  /** The stored checkpoint covering the most events; null when none was signed yet. */
  latestCheckpoint: Checkpoint | null;
}
