import { CompactEncrypt, compactDecrypt, decodeProtectedHeader, importJWK } from 'jose';
import type { JWK } from 'jose';
import { PSEUDONYM_KEY_BYTES } from '../../../core/policy/pseudonym.js';
import { EXCHANGE_ALG, EXCHANGE_ENC } from './exchangeKey.js';
import { publicJwk } from './MemberKeys.js';

/** `cty` of the JWE: what the envelope holds, so that no other JWE opens as a secret. */
export const PSEUDONYM_ENVELOPE_CTY = 'comity-pseudonym-secret';

/** Why an envelope does not open; `reason` is stable. */
export class PseudonymEnvelopeError extends Error {
  override name = 'PseudonymEnvelopeError';
  constructor(
    readonly reason: 'MALFORMED' | 'WRONG_RECIPIENT' | 'TAMPERED' | 'BAD_KEY',
    message: string,
  ) {
    super(message);
  }
}

/** Who an envelope is for and when it was sealed: its protected (authenticated) header. */
export interface EnvelopeHeader {
  kid: string;
  /** The recipient member, upper case. */
  for: string;
  sealedAt: string;
}

function recipientKey(jwk: JWK): JWK {
  let kept: JWK;
  try {
    kept = publicJwk(jwk, 'the recipient key');
  } catch (error) {
    throw new PseudonymEnvelopeError('BAD_KEY', (error as Error).message);
  }
  if (kept.kty !== 'OKP' || kept.crv !== 'X25519' || typeof kept.x !== 'string' || !kept.kid) {
    throw new PseudonymEnvelopeError(
      'BAD_KEY',
      'the recipient key must be an X25519 public JWK with a kid',
    );
  }
  return kept;
}

/**
 * Wraps the federation's pseudonym secret for member `member` under its published X25519 key:
 * a compact JWE (ECDH-ES+A256KW, A256GCM) whose protected header names the key and the
 * member, so only the holder of that private key opens it, and any change to the envelope
 * (header included) makes it fail to open.
 */
export async function sealPseudonymSecret(
  secret: Uint8Array,
  recipient: JWK,
  member: string,
  now: Date = new Date(),
): Promise<string> {
  if (secret.length < PSEUDONYM_KEY_BYTES) {
    throw new Error(`the pseudonym secret must hold at least ${PSEUDONYM_KEY_BYTES} bytes`);
  }
  const jwk = recipientKey(recipient);
  const key = await importJWK({ ...jwk, alg: EXCHANGE_ALG }, EXCHANGE_ALG);
  return new CompactEncrypt(secret)
    .setProtectedHeader({
      alg: EXCHANGE_ALG,
      enc: EXCHANGE_ENC,
      kid: jwk.kid,
      cty: PSEUDONYM_ENVELOPE_CTY,
      for: member.toUpperCase(),
      sealedAt: now.toISOString(),
    })
    .encrypt(key);
}

/** The envelope's protected header, read without opening it (to say who it is for). */
export function envelopeHeader(envelope: string): EnvelopeHeader {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(envelope.trim()) as Record<string, unknown>;
  } catch {
    throw new PseudonymEnvelopeError('MALFORMED', 'not a compact JWE');
  }
  if (
    envelope.trim().split('.').length !== 5 ||
    header.alg !== EXCHANGE_ALG ||
    header.enc !== EXCHANGE_ENC ||
    header.cty !== PSEUDONYM_ENVELOPE_CTY ||
    typeof header.kid !== 'string' ||
    typeof header.for !== 'string' ||
    typeof header.sealedAt !== 'string'
  ) {
    throw new PseudonymEnvelopeError(
      'MALFORMED',
      `not a pseudonym-secret envelope (${EXCHANGE_ALG}, ${EXCHANGE_ENC}, cty ${PSEUDONYM_ENVELOPE_CTY})`,
    );
  }
  return { kid: header.kid, for: header.for, sealedAt: header.sealedAt };
}

/**
 * Opens an envelope with the recipient's private X25519 JWK: WRONG_RECIPIENT when it was
 * sealed to another key, TAMPERED when it does not decrypt (any byte changed), MALFORMED
 * when it is not such an envelope or holds too short a secret.
 */
export async function openPseudonymSecret(envelope: string, privateJwk: JWK): Promise<Uint8Array> {
  const header = envelopeHeader(envelope);
  if (header.kid !== privateJwk.kid) {
    throw new PseudonymEnvelopeError(
      'WRONG_RECIPIENT',
      `sealed to key ${header.kid}, not to ${String(privateJwk.kid)}`,
    );
  }
  let key;
  try {
    key = await importJWK({ ...privateJwk, alg: EXCHANGE_ALG }, EXCHANGE_ALG);
  } catch {
    throw new PseudonymEnvelopeError('BAD_KEY', 'the private key is not a usable X25519 JWK');
  }
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await compactDecrypt(envelope.trim(), key, {
      keyManagementAlgorithms: [EXCHANGE_ALG],
      contentEncryptionAlgorithms: [EXCHANGE_ENC],
    }));
  } catch {
    // The same answer for a changed header, key, IV, ciphertext or tag: none says which.
    throw new PseudonymEnvelopeError(
      'TAMPERED',
      'the envelope does not decrypt: it was altered or not sealed to this key',
    );
  }
  if (plaintext.length < PSEUDONYM_KEY_BYTES) {
    throw new PseudonymEnvelopeError('MALFORMED', 'the envelope holds too short a secret');
  }
  return plaintext;
}
