import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ImportReport } from '../../kit/registry/ImportRejectedError.js';
import { importSdn } from '../registry/importSdn.js';

export interface SeedOptions {
  /** The jurisdiction's data folder. */
  dataDir: string;
  /** Not used: the US seed is its shipped SDN file, whatever the scale. */
  scale: number;
  databaseUrl: string | null;
  progress?: boolean;
}

/** Synthetic entries in OFAC's sdn.xml format, shipped beside this file. */
export const SEED_FILE = fileURLToPath(new URL('./sdn.xml', import.meta.url));

/** Loads the shipped SDN file through the importer, as `npm run import` would. */
export async function seedJurisdiction(options: SeedOptions): Promise<ImportReport[]> {
  await mkdir(options.dataDir, { recursive: true });
  const result = await importSdn({
    file: SEED_FILE,
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
  });
  return result.reports;
}
