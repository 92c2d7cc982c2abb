import { createPublicKey, verify } from 'node:crypto';
import type { JWK } from 'jose';

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Checks a detached compact JWS (`signDetachedJws`) over `payload` with `publicJwk`, offline
 * and synchronously: form, EdDSA, the expected `typ`, the key id when the key carries one,
 * and the Ed25519 signature over `header.base64url(payload)`. Returns why it fails, or null.
 */
export function detachedJwsProblem(
  jws: string,
  payload: string,
  typ: string,
  publicJwk: JWK,
): string | null {
  const parts = jws.split('.');
  if (
    parts.length !== 3 ||
    parts[1] !== '' ||
    !BASE64URL.test(parts[0]!) ||
    !BASE64URL.test(parts[2]!)
  ) {
    return 'not a detached compact JWS';
  }
  const [header64, , signature64] = parts as [string, string, string];
  let header: { alg?: unknown; kid?: unknown; typ?: unknown };
  try {
    header = JSON.parse(Buffer.from(header64, 'base64url').toString('utf8'));
  } catch {
    return 'JWS header is not JSON';
  }
  if (header.alg !== 'EdDSA') return `JWS alg is ${String(header.alg)}, expected EdDSA`;
  if (header.typ !== typ) return `JWS typ is ${String(header.typ)}, expected ${typ}`;
  if (publicJwk.kid !== undefined && header.kid !== publicJwk.kid) {
    return `signed with key ${String(header.kid)}, not ${publicJwk.kid}`;
  }
  try {
    if (publicJwk.kty !== 'OKP' || publicJwk.crv !== 'Ed25519' || !publicJwk.x) {
      return 'the public key is not an Ed25519 JWK';
    }
    const key = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: publicJwk.x },
      format: 'jwk',
    });
    const input = `${header64}.${Buffer.from(payload, 'utf8').toString('base64url')}`;
    const valid = verify(
      null,
      Buffer.from(input, 'ascii'),
      key,
      Buffer.from(signature64, 'base64url'),
    );
    return valid ? null : 'Ed25519 signature does not verify';
  } catch (error) {
    return `public key unusable: ${(error as Error).message}`;
  }
}
