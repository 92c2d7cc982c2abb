import { AuditError, AuditErrorCode } from '../audit/AuditError.js';
import type { AuditLog } from '../audit/AuditLog.js';
import type { ProofBundle } from '../audit/ProofBundle.js';
import type { CustodyEntry, EvidencePackage } from './EvidencePackage.js';

/**
 * The audit proof an export carries: the package's EVIDENCE_PACKAGE event while the log holds
 * it. A package's retention and the log's run out together, so once `audit:purge` removed that
 * event the package is destroyed, and its DESTROYED entry's event, which names the manifest's
 * SHA-256, places it in the log instead. Throws when neither is held.
 */
export async function evidenceAuditProof(
  log: Pick<AuditLog, 'exportProof'>,
  pkg: Pick<EvidencePackage, 'auditSeq'>,
  custody: readonly CustodyEntry[],
): Promise<ProofBundle> {
  try {
    return await log.exportProof(pkg.auditSeq);
  } catch (error) {
    const destroyed = custody.find((entry) => entry.action === 'DESTROYED');
    const seq = destroyed?.detail.auditSeq;
    const purged =
      error instanceof AuditError && error.code === AuditErrorCode.AUDIT_EVENT_NOT_FOUND;
    if (!purged || typeof seq !== 'number') throw error;
    return log.exportProof(seq);
  }
}
