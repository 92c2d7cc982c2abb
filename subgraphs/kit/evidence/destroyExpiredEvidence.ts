import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../audit/AuditLog.js';

/** Who destroys evidence at the end of its retention, on the custody chain and in the log. */
export const RETENTION_ACTOR = 'comity:retention';

/**
 * Enforces evidence retention (docs/evidence.md): every package of member `code` whose
 * `retainUntil` is `at` or earlier loses its content, keeps its hashes, manifest, signature
 * and custody chain, and gets a DESTROYED entry with its EVIDENCE_CUSTODY event. Run by the
 * member's clock and by `audit:purge`; a package is destroyed once, whoever runs first.
 * Returns the packages destroyed now.
 */
export function destroyExpiredEvidence(
  log: Pick<AuditLog, 'evidence'>,
  code: string,
  at: Date,
): Promise<string[]> {
  const cc = code.toUpperCase();
  const now = at.toISOString();
  return log.evidence.destroyExpired(now, {
    occurredAt: now,
    jurisdiction: cc,
    actor: RETENTION_ACTOR,
    roles: [],
    agency: `${cc} evidence retention`,
    homeCountry: cc,
    purpose: null,
    caseRef: null,
    requestId: `retention-${randomUUID()}`,
    operationHash: '',
    entities: [],
    released: [],
    minimised: [],
    denied: [],
    decision: 'NONE',
    emergency: false,
  });
}
