import path from 'node:path';
import { seedFederation } from '../scripts/seedFederation.js';

// `tsx bench/seedDataRoot.ts <dataRoot> <scale>`: seeds in a process of its own, so that the
// harness can bound how long a large seed may take and stop it.
const [dataRoot, scale] = process.argv.slice(2);
await seedFederation({
  dataRoot: dataRoot!,
  scale: Number(scale),
  databaseUrl: null,
  // The members' embedded stores, signed with the run's own keys (`<dataRoot>/keys`).
  auditDatabaseUrl: null,
  keysDir: path.join(dataRoot!, 'keys'),
});
