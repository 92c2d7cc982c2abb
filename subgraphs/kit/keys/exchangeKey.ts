import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { JWK } from 'jose';
import { createExclusive, tightenMode, writeIfChanged } from '../../../core/auth/keyFiles.js';

/** Key agreement for the JWE a partner wraps the pseudonym secret in (docs/keys.md). */
export const EXCHANGE_ALG = 'ECDH-ES+A256KW';
export const EXCHANGE_ENC = 'A256GCM';

/** An X25519 key-agreement key, both halves as JWKs carrying `kid`, `alg` and `use: enc`. */
export interface ExchangeKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

/** `exchange-<cc>.private.jwk.json` (0600) and `exchange-<cc>.public.jwk.json` (0644). */
export function exchangeKeyFiles(code: string): { privateFile: string; publicFile: string } {
  const cc = code.toLowerCase();
  return {
    privateFile: `exchange-${cc}.private.jwk.json`,
    publicFile: `exchange-${cc}.public.jwk.json`,
  };
}

function toExchangeKey(privateJwk: JWK): ExchangeKey {
  const { d: _d, ...publicJwk } = privateJwk;
  return { kid: privateJwk.kid as string, privateJwk, publicJwk };
}

/**
 * Member `code`'s key-agreement key, generated in `keysDir` on first use (exclusive create,
 * as the audit key: processes starting together agree on one). Its public half is what the
 * member publishes for partners to seal secrets to; the private half never leaves the folder.
 */
export async function memberExchangeKey(code: string, keysDir: string): Promise<ExchangeKey> {
  const cc = code.toLowerCase();
  if (!/^[a-z]{2}$/.test(cc)) {
    throw new Error(`member code must be two letters, got ${JSON.stringify(code)}`);
  }
  await mkdir(keysDir, { recursive: true, mode: 0o700 });
  const { privateFile, publicFile } = exchangeKeyFiles(cc);
  const privatePath = join(keysDir, privateFile);
  await createExclusive(privatePath, async () => {
    const { privateKey } = await generateKeyPair('ECDH-ES', { crv: 'X25519', extractable: true });
    const jwk = await exportJWK(privateKey);
    const kid = `exchange-${cc}-${(await calculateJwkThumbprint(jwk)).slice(0, 16)}`;
    return `${JSON.stringify({ ...jwk, kid, alg: EXCHANGE_ALG, use: 'enc' }, null, 2)}\n`;
  });
  await tightenMode(privatePath);
  const privateJwk = JSON.parse(await readFile(privatePath, 'utf8')) as JWK;
  if (
    privateJwk.kty !== 'OKP' ||
    privateJwk.crv !== 'X25519' ||
    typeof privateJwk.d !== 'string' ||
    !privateJwk.kid
  ) {
    throw new Error(`${privatePath} is not an X25519 private JWK with a kid`);
  }
  const key = toExchangeKey(privateJwk);
  await writeIfChanged(
    join(keysDir, publicFile),
    `${JSON.stringify(key.publicJwk, null, 2)}\n`,
    0o644,
  );
  return key;
}
