import { CompactSign } from 'jose';
import type { CheckpointSigningKey } from '../audit/Checkpoint.js';

/**
 * A detached compact JWS (RFC 7515, Appendix F) over `payload`: `header..signature`, EdDSA
 * with the member's Ed25519 key. `typ` says what is signed, so that a signature over a
 * manifest can never pass for one over a receipt or a checkpoint.
 */
export async function signDetachedJws(
  payload: string,
  typ: string,
  key: CheckpointSigningKey,
): Promise<string> {
  const compact = await new CompactSign(new TextEncoder().encode(payload))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ })
    .sign(key.privateKey);
  const [header, , signature] = compact.split('.');
  return `${header}..${signature}`;
}
