import path from 'node:path';
import { REPO_ROOT, memberCodes } from '../core/federationConfig.js';
import { ImportRejectedError } from '../subgraphs/kit/registry/ImportRejectedError.js';
import { UsageError, commandLine, integerOption, parseOptions } from './commandLine.js';
import { DEFAULT_SEED_SCALE, seedFederation } from './seedFederation.js';

// `npm run seed -- --scale N [--only CODE,…] [--data-dir DIR]`: (re)writes every
// jurisdiction's synthetic registries. Progress goes to stderr.
const USAGE =
  'usage: npm run seed -- [--scale N] [--only CODE,…] [--data-dir DIR]\n' +
  `  --scale     records per registry (default ${DEFAULT_SEED_SCALE})\n` +
  `  --only      jurisdictions to seed (default all: ${memberCodes().join(',')})\n` +
  '  --data-dir  where data goes (default .data, or COMITY_DATA_ROOT)\n' +
  '  DATABASE_URL set → SQL registries go to that PostgreSQL instead of PGlite';
const { scale, only, dataDir } = commandLine('seed', USAGE, () => {
  const values = parseOptions(
    { scale: { type: 'string' }, only: { type: 'string' }, 'data-dir': { type: 'string' } },
    process.argv.slice(2),
  );
  const only = values.only?.split(',').map((name) => name.trim().toLowerCase());
  const unknown = only?.filter((name) => !memberCodes().includes(name)) ?? [];
  if (unknown.length > 0) throw new UsageError(`unknown jurisdiction(s): ${unknown.join(', ')}`);
  return {
    help: values.help,
    scale: integerOption('scale', values.scale, DEFAULT_SEED_SCALE, { min: 1 }),
    only,
    dataDir: values['data-dir'],
  };
});
try {
  await seedFederation({
    dataRoot: path.resolve(
      dataDir ?? process.env.COMITY_DATA_ROOT ?? path.join(REPO_ROOT, '.data'),
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
