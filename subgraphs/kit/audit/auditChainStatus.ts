import type { AuditChainReport } from './AuditChainReport.js';
import type { Checkpoint } from './Checkpoint.js';
import type { VerifyProblem } from './diagnoseChainBreak.js';

/** `AuditChainStatus` of the schema. */
export interface AuditChainStatus {
  verified: boolean;
  firstBadSeq: number | null;
  problem: VerifyProblem | null;
  message: string | null;
  eventCount: number;
  headSeq: number;
  headHash: string;
  verifiedAt: string;
  latestCheckpoint: AuditCheckpointView | null;
}

/** `AuditCheckpoint` of the schema. */
export interface AuditCheckpointView {
  sequence: number;
  firstSeq: number;
  treeSize: number;
  rootHash: string;
  headHash: string;
  signedAt: string;
  keyId: string | null;
  signature: string;
}

/** The key id a checkpoint's JWS names; null when its header does not parse or names none. */
function keyIdOf(signature: string): string | null {
  try {
    const header = JSON.parse(
      Buffer.from(signature.split('.')[0] ?? '', 'base64url').toString('utf8'),
    ) as { kid?: unknown };
    return typeof header.kid === 'string' ? header.kid : null;
  } catch {
    return null;
  }
}

function checkpointView(checkpoint: Checkpoint): AuditCheckpointView {
  return {
    sequence: checkpoint.firstSeq + checkpoint.treeSize - 1,
    firstSeq: checkpoint.firstSeq,
    treeSize: checkpoint.treeSize,
    rootHash: checkpoint.rootHash,
    headHash: checkpoint.headHash,
    signedAt: checkpoint.issuedAt,
    keyId: keyIdOf(checkpoint.signature),
    signature: checkpoint.signature,
  };
}

/** What an auditor is shown of a verification: the verdict, where it broke, the checkpoint. */
export function auditChainStatus(report: AuditChainReport, verifiedAt: Date): AuditChainStatus {
  const { result, head } = report;
  return {
    verified: result.ok,
    firstBadSeq: result.ok ? null : result.firstBadSeq,
    problem: result.ok ? null : result.problem,
    message: result.ok ? null : result.message,
    eventCount: head.seq - report.anchorSeq,
    headSeq: head.seq,
    headHash: head.hash,
    verifiedAt: verifiedAt.toISOString(),
    latestCheckpoint: report.latestCheckpoint ? checkpointView(report.latestCheckpoint) : null,
  };
}
