import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import { createExclusive, tightenMode, writeIfChanged } from '../../../core/auth/keyFiles.js';

/** An Ed25519 checkpoint-signing key, both halves as JWKs carrying `kid`, `alg: EdDSA`, `use: sig`. */
export interface AuditSigningKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

const CODE = /^[a-z]{2}$/;

/** `audit-<cc>.private.jwk.json` (0600) and `audit-<cc>.public.jwk.json` (0644, what partners pin). */
export function auditKeyFiles(code: string): { privateFile: string; publicFile: string } {
  return {
    privateFile: `audit-${code}.private.jwk.json`,
    publicFile: `audit-${code}.public.jwk.json`,
  };
}

/** A fresh key; `kid` is `audit-<cc>-` and the first 16 characters of its RFC 7638 thumbprint. */
export async function generateAuditSigningKey(code: string): Promise<AuditSigningKey> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = `audit-${code}-${(await calculateJwkThumbprint(jwk)).slice(0, 16)}`;
  return toSigningKey({ ...jwk, kid, alg: 'EdDSA', use: 'sig' });
}

function toSigningKey(privateJwk: JWK): AuditSigningKey {
  const { d: _d, ...publicJwk } = privateJwk;
  return { kid: privateJwk.kid as string, privateJwk, publicJwk };
}

/**
 * The development checkpoint-signing key of jurisdiction `code`, generated in `keysDir` on
 * first use. Several processes may ask at once (every subgraph at `npm start`, a CLI): the
 * key is written in full under a temporary name and hard-linked into place, which fails with
 * EEXIST for all but the first, who then read the winner's key — as core/auth/devKeys.ts
 * does. Production provides the key from its own secret store instead.
 */
export async function jurisdictionAuditKey(
  code: string,
  keysDir: string,
): Promise<AuditSigningKey> {
  const cc = code.toLowerCase();
  if (!CODE.test(cc))
    throw new Error(`jurisdiction code must be two letters, got ${JSON.stringify(code)}`);
  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  const { privateFile, publicFile } = auditKeyFiles(cc);
  const privatePath = join(keysDir, privateFile);
  await createExclusive(
    privatePath,
    async () => `${JSON.stringify((await generateAuditSigningKey(cc)).privateJwk, null, 2)}\n`,
  );
  // A copy made with a loose umask must not leave the private key readable.
  await tightenMode(privatePath);
  const privateJwk = JSON.parse(await readFile(privatePath, 'utf8')) as JWK;
  if (
    privateJwk.kty !== 'OKP' ||
    privateJwk.crv !== 'Ed25519' ||
    typeof privateJwk.d !== 'string' ||
    !privateJwk.kid
  ) {
    throw new Error(`${privatePath} is not an Ed25519 private JWK with a kid`);
  }
  const key = toSigningKey(privateJwk);
  const publicPath = join(keysDir, publicFile);
  const publicText = `${JSON.stringify(key.publicJwk, null, 2)}\n`;
  await writeIfChanged(publicPath, publicText, 0o644);
  return key;
}
