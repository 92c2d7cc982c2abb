import { readFile } from 'node:fs/promises';
import type { JWK } from 'jose';
import { ensureDevKeys } from './devKeys.js';
import { trustedKeysDir } from './trustedKeysDir.js';

/**
 * The gateway's context-signing public keys (current, then previous) a subgraph trusts:
 * the JWKS file named by `COMITY_CONTEXT_JWKS_FILE` in production, the development keys
 * otherwise.
 */
export async function contextPublicJwks(env: NodeJS.ProcessEnv = process.env): Promise<JWK[]> {
  const file = env.COMITY_CONTEXT_JWKS_FILE;
  if (file) {
    const jwks = JSON.parse(await readFile(file, 'utf8')) as { keys?: JWK[] };
    if (!Array.isArray(jwks.keys) || jwks.keys.length === 0) {
      throw new Error(`COMITY_CONTEXT_JWKS_FILE ${file} holds no keys`);
    }
    return jwks.keys;
  }
  return (await ensureDevKeys(trustedKeysDir(env))).context.publicJwks;
}
