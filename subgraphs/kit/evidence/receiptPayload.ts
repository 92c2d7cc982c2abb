import { canonicalJson } from '../audit/canonicalJson.js';
import type { CustodyEntry } from './EvidencePackage.js';

/** The `typ` of a receiver's countersignature of a receipt. */
export const RECEIPT_JWS_TYPE = 'comity-evidence-receipt+jws';

/**
 * What a receiver countersigns: the package, its manifest's hash and the RETRIEVED entry
 * (seq and hash, which cover who fetched it and when), in canonical JSON.
 */
export function receiptPayload(
  pkg: { id: string; manifestSha256: string },
  entry: Pick<CustodyEntry, 'seq' | 'hash'>,
): string {
  return canonicalJson({
    evidencePackage: pkg.id,
    manifestSha256: pkg.manifestSha256,
    custodySeq: entry.seq,
    custodyHash: entry.hash,
  });
}
