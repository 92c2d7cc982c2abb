import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PSEUDONYM_KEY_BYTES } from '../../../core/policy/pseudonym.js';
import { trustedKeysDir } from '../../../core/auth/trustedKeysDir.js';

const SECRET_FILE = 'pseudonym-secret';

function decode(text: string, source: string): Uint8Array {
  const bytes = Buffer.from(text.trim(), 'base64');
  if (bytes.length < PSEUDONYM_KEY_BYTES) {
    throw new Error(`${source} must hold at least ${PSEUDONYM_KEY_BYTES} bytes, base64-encoded`);
  }
  return new Uint8Array(bytes);
}

/**
 * The federation's pseudonym secret, from which each case's HMAC key is derived. It must be
 * the same in every jurisdiction (pseudonyms join across borders within a case) and known to
 * no caller: `COMITY_PSEUDONYM_SECRET` (base64) in production; in development a random
 * secret written once beside the development keys (exclusive create, so processes starting
 * together agree on one).
 */
export async function loadPseudonymSecret(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Uint8Array> {
  if (env.COMITY_PSEUDONYM_SECRET)
    return decode(env.COMITY_PSEUDONYM_SECRET, 'COMITY_PSEUDONYM_SECRET');
  const dir = trustedKeysDir(env);
  const file = path.join(dir, SECRET_FILE);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    await writeFile(file, randomBytes(PSEUDONYM_KEY_BYTES).toString('base64'), {
      flag: 'wx',
      mode: 0o600,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return decode(await readFile(file, 'utf8'), file);
}
