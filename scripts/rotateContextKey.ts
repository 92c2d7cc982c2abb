import path from 'node:path';
import { DEFAULT_DEV_KEYS_DIR, rotateContextKey } from '../core/auth/devKeys.js';
import { commandLine, parseOptions } from './commandLine.js';

// `npm run keys:rotate [-- --keys-dir DIR]`: rotates the gateway's context-signing key in the
// key directory. The old current key becomes the previous one, which every subgraph still
// accepts; restart the subgraphs (they load the new ring: current and previous), then the
// gateway (it signs with the new key). No request fails at any step.
const values = commandLine(
  'keys:rotate',
  'usage: npm run keys:rotate [-- --keys-dir DIR]\n' +
    '  --keys-dir  where the dev keys live (default .keys, or COMITY_KEYS_DIR)',
  () => parseOptions({ 'keys-dir': { type: 'string' } }, process.argv.slice(2)),
);
const dir = path.resolve(values['keys-dir'] ?? process.env.COMITY_KEYS_DIR ?? DEFAULT_DEV_KEYS_DIR);
const keys = await rotateContextKey(dir);
const kids = keys.context.publicJwks.map((jwk) => jwk.kid).join(', ');
console.error(`keys:rotate: new context-signing key in ${dir}; trusted key ids now ${kids}`);
console.error('keys:rotate: restart the subgraphs first, then the gateway.');
