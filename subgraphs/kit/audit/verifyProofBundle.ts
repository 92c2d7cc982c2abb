import { hexToBytes } from '@noble/hashes/utils.js';
import type { JWK } from 'jose';
import { auditEventHash } from './AuditEvent.js';
import { checkpointSignatureProblem } from './Checkpoint.js';
import { leafHash, verifyInclusion } from './merkle.js';
import { PROOF_BUNDLE_FORMAT } from './ProofBundle.js';
import type { ProofBundle } from './ProofBundle.js';

const HEX_HASH = /^[0-9a-f]{64}$/;

/**
 * Verifies a proof bundle offline: the event's hash recomputed from its content and
 * prevHash, its inclusion at `leafIndex` under the checkpoint's root, and the checkpoint's
 * signature. The embedded key proves only that the bundle is self-consistent; pass the key
 * the jurisdiction published as `trustedPublicJwk` to prove it is theirs.
 */
export function verifyProofBundle(
  bundle: ProofBundle,
  options: { trustedPublicJwk?: JWK } = {},
): { ok: boolean; reason?: string } {
  const fail = (reason: string) => ({ ok: false, reason });
  try {
    if (bundle?.format !== PROOF_BUNDLE_FORMAT) return fail(`not a ${PROOF_BUNDLE_FORMAT} bundle`);
    const { event, checkpoint, leafIndex, inclusionProof, publicJwk } = bundle;
    const trusted = options.trustedPublicJwk;
    if (
      trusted &&
      (trusted.kty !== publicJwk.kty || trusted.crv !== publicJwk.crv || trusted.x !== publicJwk.x)
    ) {
      return fail('the bundle is signed with a key other than the trusted one');
    }
    if (!HEX_HASH.test(event.hash) || auditEventHash(event) !== event.hash) {
      return fail(`event ${event.seq} does not match its hash`);
    }
    if (event.jurisdiction !== checkpoint.jurisdiction) {
      return fail('the event and the checkpoint belong to different jurisdictions');
    }
    if (leafIndex !== event.seq - checkpoint.firstSeq) {
      return fail(`leaf index ${leafIndex} does not match seq ${event.seq}`);
    }
    if (
      !inclusionProof.every((hash) => HEX_HASH.test(hash)) ||
      !HEX_HASH.test(checkpoint.rootHash)
    ) {
      return fail('the proof holds something other than SHA-256 hashes');
    }
    const included = verifyInclusion(
      leafHash(hexToBytes(event.hash)),
      leafIndex,
      checkpoint.treeSize,
      inclusionProof.map((hash) => hexToBytes(hash)),
      hexToBytes(checkpoint.rootHash),
    );
    if (!included) return fail(`event ${event.seq} is not in the checkpoint's tree`);
    if (leafIndex === checkpoint.treeSize - 1 && checkpoint.headHash !== event.hash) {
      return fail("the checkpoint's head is not the event it ends with");
    }
    const signatureProblem = checkpointSignatureProblem(checkpoint, publicJwk);
    if (signatureProblem) return fail(`checkpoint: ${signatureProblem}`);
    return { ok: true };
  } catch (error) {
    return fail(`malformed bundle: ${(error as Error).message}`);
  }
}
