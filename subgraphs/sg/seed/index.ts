import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportReport } from '../../kit/registry/ImportRejectedError.js';
import { createProgress } from '../../kit/seed/createProgress.js';
import { createRng } from '../../kit/seed/createRng.js';
import { loadDisclosureStore } from '../registry/Ivms101DisclosureRegistry.js';
import { loadWatchlistStore } from '../registry/Ivms101WatchlistRegistry.js';
import { DISCLOSURES_DIRECTORY, WATCHLIST_DIRECTORY } from '../registry/registryNames.js';
import { disclosureId, syntheticDisclosureDocument } from './syntheticDisclosureDocument.js';
import { syntheticWatchlistDocument, watchlistEntryId } from './syntheticWatchlistDocument.js';
import { writeDocuments } from './writeDocuments.js';
import { writeMatchingWatchlistDocuments } from './matchingWatchlistDocuments.js';

export interface SeedOptions {
  /** The jurisdiction's data folder; `disclosures/` and `watchlist/` are replaced in it. */
  dataDir: string;
  /**
   * Documents per registry (up to 1,000,000). The watchlist also holds Singapore's share of
   * the matching parties (matchingPartiesOf('SG'), `watchlist/matching/`), unscaled.
   */
  scale: number;
  /** Unused: Singapore's registries are folders of documents, not SQL. */
  databaseUrl: string | null;
  /** Show progress on stderr. Default false. */
  progress?: boolean;
}

export const MAX_SCALE = 1_000_000;

/**
 * Writes Singapore's synthetic travel-rule disclosures and wallets of interest as IVMS101
 * JSON documents, deterministically (`createRng('sg')`, one fork per registry and one per
 * record). Everything is written to a staging folder inside `dataDir`, validated with the
 * registry loader, and only then renamed into place: an interrupted or invalid seed never
 * replaces the data being served.
 */
export async function seedJurisdiction(options: SeedOptions): Promise<ImportReport[]> {
  const { dataDir, scale } = options;
  if (!Number.isInteger(scale) || scale < 1 || scale > MAX_SCALE) {
    throw new RangeError(`scale must be an integer from 1 to ${MAX_SCALE}, got ${scale}`);
  }
  await mkdir(dataDir, { recursive: true });
  const staging = await mkdtemp(path.join(dataDir, '.seed-'));
  try {
    const rng = createRng('sg');
    const registries = [
      {
        directory: DISCLOSURES_DIRECTORY,
        rng: rng.fork('disclosures'),
        id: disclosureId,
        make: syntheticDisclosureDocument,
        load: loadDisclosureStore,
      },
      {
        directory: WATCHLIST_DIRECTORY,
        rng: rng.fork('watchlist'),
        id: watchlistEntryId,
        make: syntheticWatchlistDocument,
        load: loadWatchlistStore,
      },
    ];
    const reports: ImportReport[] = [];
    for (const registry of registries) {
      const target = path.join(staging, registry.directory);
      const progress = options.progress
        ? createProgress(`sg ${registry.directory}`, scale)
        : undefined;
      try {
        await writeDocuments(
          target,
          scale,
          (index) => ({
            id: registry.id(index),
            document: registry.make(registry.rng.fork(String(index)), index),
          }),
          { progress },
        );
      } finally {
        progress?.stop();
      }
      if (registry.directory === WATCHLIST_DIRECTORY) {
        await writeMatchingWatchlistDocuments(target, rng.fork('matching'));
      }
      // Throws ImportRejectedError if the writer produced anything the loader refuses.
      const store = await registry.load(target);
      store.close();
      reports.push({ ...store.report, source: path.join(dataDir, registry.directory) });
    }
    for (const { directory } of registries) {
      const live = path.join(dataDir, directory);
      if (await exists(live)) await rename(live, path.join(staging, `previous-${directory}`));
      await rename(path.join(staging, directory), live);
    }
    return reports;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
