import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonicalJson.js';
import type { CustodyEntry } from './EvidencePackage.js';

/**
 * The link of a package's custody chain: lowercase hex SHA-256 over `prevHash` (64 hex
 * characters) followed by the RFC 8785 canonical JSON of the entry's package id, seq,
 * action, time, actor and detail — the audit chain's rule (`auditEventHash`), so an edited,
 * removed, inserted or reordered entry breaks every later link.
 */
export function custodyEntryHash(entry: Omit<CustodyEntry, 'hash'>): string {
  const content = canonicalJson({
    packageId: entry.packageId,
    seq: entry.seq,
    action: entry.action,
    at: entry.at,
    actor: { ...entry.actor },
    detail: { ...entry.detail },
  });
  return createHash('sha256')
    .update(entry.prevHash + content, 'utf8')
    .digest('hex');
}
