import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../schema/federationConfig.js';
import { ImportRejectedError } from '../subgraphs/kit/registry/ImportRejectedError.js';
import { DEFAULT_SEED_SCALE, jurisdictionNames, seedFederation } from './seedFederation.js';

// `npm run seed -- --scale N [--only fr,de] [--data-dir DIR]`: (re)writes every
// jurisdiction's synthetic registries. Progress goes to stderr.
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: String(DEFAULT_SEED_SCALE) },
    only: { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    'usage: npm run seed -- [--scale N] [--only fr,de,sg] [--data-dir DIR]\n' +
      `  --scale     records per registry (default ${DEFAULT_SEED_SCALE})\n` +
      `  --only      jurisdictions to seed (default all: ${jurisdictionNames().join(',')})\n` +
      '  --data-dir  where data goes (default .data, or COMITY_DATA_ROOT)\n' +
      '  DATABASE_URL set → SQL registries go to that PostgreSQL instead of PGlite',
  );
  process.exit(0);
}
const scale = Number(values.scale);
if (!Number.isInteger(scale) || scale < 1) {
  console.error(`--scale must be a positive integer, got ${JSON.stringify(values.scale)}`);
  process.exit(2);
}
const only = values.only?.split(',').map((name) => name.trim().toLowerCase());
const unknown = only?.filter((name) => !jurisdictionNames().includes(name)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown jurisdiction(s): ${unknown.join(', ')}`);
  process.exit(2);
}
try {
  await seedFederation({
    dataRoot: path.resolve(
      values['data-dir'] ?? process.env.COMITY_DATA_ROOT ?? path.join(REPO_ROOT, '.data'),
    ),
    scale,
    databaseUrl: process.env.DATABASE_URL || null,
    only,
    force: true,
    progress: true,
  });
} catch (error) {
  console.error(error instanceof ImportRejectedError ? error.message : error);
  process.exit(1);
}
