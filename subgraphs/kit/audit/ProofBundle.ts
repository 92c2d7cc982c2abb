import type { JWK } from 'jose';
import type { AuditEvent } from './AuditEvent.js';
import type { Checkpoint } from './Checkpoint.js';

export const PROOF_BUNDLE_FORMAT = 'comity-audit-proof/1';

/**
 * Everything a partner needs to check, without access to our database, that an event is in
 * the log a signed checkpoint describes.
 */
export interface ProofBundle {
  format: typeof PROOF_BUNDLE_FORMAT;
  event: AuditEvent;
  /** event.seq − checkpoint.firstSeq. */
  leafIndex: number;
  /** The latest checkpoint whose tree contains the event. */
  checkpoint: Checkpoint;
  /** RFC 6962 audit path, hex, leaf to root. */
  inclusionProof: string[];
  /** The jurisdiction's audit signing key (public half). Pin it: see `verifyProofBundle`. */
  publicJwk: JWK;
}
