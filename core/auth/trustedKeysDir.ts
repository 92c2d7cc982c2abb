import { DEFAULT_DEV_KEYS_DIR } from './devKeys.js';

/**
 * Where development keys live: `COMITY_KEYS_DIR`, default `.keys/` in the repository
 * (generated on first start, never committed). Production sets the key variables instead.
 */
export function trustedKeysDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.COMITY_KEYS_DIR || DEFAULT_DEV_KEYS_DIR;
}
