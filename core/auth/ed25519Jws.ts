import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { AuthError, AuthErrorReason } from './AuthError.js';

/**
 * Compact EdDSA (Ed25519) JWS for the context tokens the gateway signs and every subgraph
 * checks on every request, on node:crypto's synchronous Ed25519 rather than jose's async
 * WebCrypto path, since a request signs and verifies once per subgraph it reaches (figures in
 * BENCHMARKS.md). Only this one algorithm and this one serialisation are handled, which keeps
 * the parser small: anything unexpected in the header is refused, never ignored.
 */

const ED25519_SIGNATURE_BYTES = 64;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function ed25519PrivateKey(jwk: JWK): KeyObject {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.d) {
    throw new TypeError('expected an Ed25519 private JWK');
  }
  return createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x!, d: jwk.d },
    format: 'jwk',
  });
}

export function ed25519PublicKey(jwk: JWK): KeyObject {
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || jwk.d !== undefined || !jwk.x) {
    throw new TypeError('expected an Ed25519 public JWK');
  }
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
}

const encodeJson = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** `header.payload.signature`, with `alg: EdDSA` set in the header whatever else it says. */
export function signEd25519Jws(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: KeyObject,
): string {
  const signingInput = `${encodeJson({ ...header, alg: 'EdDSA' })}.${encodeJson(payload)}`;
  const signature = sign(null, Buffer.from(signingInput), key);
  return `${signingInput}.${signature.toString('base64url')}`;
}

export interface VerifiedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
}

/** Header parameters a context token may carry; any other (`crit`, `jku`, `b64`, …) is refused. */
const ALLOWED_HEADER_PARAMETERS: ReadonlySet<string> = new Set(['alg', 'kid', 'typ']);

function decodeJsonObject(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch (error) {
    throw new AuthError(AuthErrorReason.MALFORMED_TOKEN, undefined, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AuthError(AuthErrorReason.MALFORMED_TOKEN);
  }
  return value as Record<string, unknown>;
}

/**
 * Checks the form, the algorithm (EdDSA only, before any key is looked at), the key id
 * (one of `keys`) and the signature of a compact JWS, and returns its decoded header and
 * payload. Claims are the caller's to check.
 */
export function verifyEd25519Jws(token: string, keys: ReadonlyMap<string, KeyObject>): VerifiedJws {
  const parts = token.split('.');
  if (parts.length !== 3 || !BASE64URL.test(parts[0]!)) {
    throw new AuthError(AuthErrorReason.MALFORMED_TOKEN);
  }
  const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string];
  const header = decodeJsonObject(encodedHeader);
  // The algorithm first: `alg: none` (whose signature part is empty) is named for what it is.
  if (header.alg !== 'EdDSA') throw new AuthError(AuthErrorReason.ALGORITHM_NOT_ALLOWED);
  if (!BASE64URL.test(encodedPayload) || !BASE64URL.test(encodedSignature)) {
    throw new AuthError(AuthErrorReason.MALFORMED_TOKEN);
  }
  if (Object.keys(header).some((name) => !ALLOWED_HEADER_PARAMETERS.has(name))) {
    throw new AuthError(AuthErrorReason.MALFORMED_TOKEN);
  }
  const key = typeof header.kid === 'string' ? keys.get(header.kid) : undefined;
  if (!key) throw new AuthError(AuthErrorReason.UNKNOWN_KEY);
  const signature = Buffer.from(encodedSignature, 'base64url');
  if (
    signature.length !== ED25519_SIGNATURE_BYTES ||
    !verify(null, Buffer.from(`${encodedHeader}.${encodedPayload}`), key, signature)
  ) {
    throw new AuthError(AuthErrorReason.BAD_SIGNATURE);
  }
  return { header, payload: decodeJsonObject(encodedPayload) };
}
