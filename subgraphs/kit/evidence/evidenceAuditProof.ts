import type { AuditLog } from '../audit/AuditLog.js';
import type { ProofBundle } from '../audit/ProofBundle.js';
import type { CustodyEntry, EvidencePackage } from './EvidencePackage.js';

/**
 * The audit proof an export carries. A package whose content was destroyed is proved by its
 * DESTROYED entry's event, which names the manifest's SHA-256: that proves both the package
 * and that its missing items were destroyed by the member, not removed by whoever holds the
 * export; it also outlives the EVIDENCE_PACKAGE event, which `audit:purge` removes at about
 * the same time (a package's default retention is the log's). Any other package is proved by
 * its EVIDENCE_PACKAGE event.
 */
export function evidenceAuditProof(
  log: Pick<AuditLog, 'exportProof'>,
  pkg: Pick<EvidencePackage, 'auditSeq'>,
  custody: readonly CustodyEntry[],
): Promise<ProofBundle> {
  const destroyed = custody.find((entry) => entry.action === 'DESTROYED');
  const seq = destroyed?.detail.auditSeq;
  return log.exportProof(typeof seq === 'number' ? seq : pkg.auditSeq);
}
