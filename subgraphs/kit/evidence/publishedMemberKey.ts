import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { auditKeyFiles } from '../audit/jurisdictionAuditKey.js';

/**
 * Member `country`'s published Ed25519 key, as partners pin it: `audit-<cc>.public.jwk.json`
 * in `keysDir` (in production a directory of the keys the members exchanged). Null when the
 * member published none, or the file is not an Ed25519 public JWK.
 */
export async function publishedMemberKey(country: string, keysDir: string): Promise<JWK | null> {
  const cc = country.toLowerCase();
  if (!/^[a-z]{2}$/.test(cc)) return null;
  try {
    const jwk = JSON.parse(
      await readFile(join(keysDir, auditKeyFiles(cc).publicFile), 'utf8'),
    ) as JWK;
    return jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string' && !jwk.d
      ? jwk
      : null;
  } catch {
    return null;
  }
}
