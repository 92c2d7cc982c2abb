import { memberCodes, repositoryRuntimeDefaults } from '../core/federationConfig.js';
import { runJurisdiction } from './kit/runJurisdiction.js';
import { loadMember } from './membership.js';

// The process entry of every member of this repository: `node --import tsx subgraphs/main.ts <code>`.
const code = process.argv[2]?.toLowerCase();
if (!code || !memberCodes().includes(code)) {
  console.error(`usage: subgraphs/main.ts <${memberCodes().join('|')}>`);
  process.exit(2);
}
await runJurisdiction(await loadMember(code), repositoryRuntimeDefaults(code));
