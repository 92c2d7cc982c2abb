import { memberCodes } from '../../core/federationConfig.js';
import { runJurisdiction } from './runJurisdiction.js';

// The process entry of every member: `node --import tsx subgraphs/kit/main.ts <code>`.
const code = process.argv[2]?.toLowerCase();
if (!code || !memberCodes().includes(code)) {
  console.error(`usage: subgraphs/kit/main.ts <${memberCodes().join('|')}>`);
  process.exit(2);
}
await runJurisdiction(code);
