import { importJWK } from 'jose';
import type { JWK } from 'jose';
import type { AuditLogOptions } from './AuditLog.js';
import type { CheckpointSigningKey } from './Checkpoint.js';

/** The log's signing key, ready to sign checkpoints and to hand to verifiers. */
export interface CheckpointKey extends CheckpointSigningKey {
  /** The public key with its `kid`: what checkpoints and proof bundles verify against. */
  publicJwk: JWK;
}

export async function importCheckpointKey(
  signingKey: AuditLogOptions['signingKey'],
): Promise<CheckpointKey> {
  const { kid, publicJwk } = signingKey;
  const privateKey = await importJWK({ ...signingKey.privateJwk, alg: 'EdDSA' }, 'EdDSA');
  if (publicJwk.kty !== 'OKP' || publicJwk.crv !== 'Ed25519') {
    throw new Error('the audit signing key must be an Ed25519 JWK');
  }
  return { privateKey, kid, publicJwk: { ...publicJwk, kid } };
}
