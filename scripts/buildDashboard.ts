import { commandLine, parseOptions } from './commandLine.js';
import { buildDashboard } from './dashboard/buildDashboard.js';

// `npm run dashboard:build`: the dashboard's typed operations and the gateway's trusted-document
// manifest generated for the current membership, then the app built into dashboard/dist.
commandLine(
  'dashboard:build',
  'usage: npm run dashboard:build\n  generates dashboard/src/gql/ and gateway/persisted-operations.json, builds dashboard/dist',
  () => parseOptions({}, process.argv.slice(2)),
);
await buildDashboard({ log: (line) => console.error(`[dashboard] ${line}`) });
