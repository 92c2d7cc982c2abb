import { unwatchFile, watchFile, type Stats } from 'node:fs';
import type { JurisdictionRegistries, RegistryOptions } from '../../kit/registry/types.js';
import { MemoryWatchlistRegistry } from './MemoryWatchlistRegistry.js';
import { readEntries, storePath } from './store.js';
import { WatchlistIndex } from './WatchlistIndex.js';

/** How often the store is polled for a new version, ms. */
const WATCH_INTERVAL_MS = 1_000;

export type UsRegistries = JurisdictionRegistries & {
  watchlist: MemoryWatchlistRegistry;
  close(): Promise<void>;
  /** Reads the store again; swaps only if every entry is valid, else throws ImportRejectedError. */
  reload(): Promise<number>;
};

/**
 * Opens United States's watchlist over its ftm-jsonl store under `dataDir` (`databaseUrl` is not
 * used). The store is polled; a new version (an import or a seed replaces it by rename) is
 * read into a new index and swapped in only if it validates, else the old one keeps serving.
 */
export async function openRegistries(options: RegistryOptions): Promise<UsRegistries> {
  const load = async () => new WatchlistIndex(await readEntries(options.dataDir));
  let index = await load();
  let reloading: Promise<number> | null = null;
  const reload = () =>
    (reloading ??= load()
      .then((next) => {
        index = next;
        return next.size;
      })
      .finally(() => {
        reloading = null;
      }));
  const file = storePath(options.dataDir);
  const onChange = (current: Stats) => {
    // Mid-rename the path is missing for a moment: not a new version.
    if (current.nlink === 0 && current.mtimeMs === 0) return;
    reload().catch((error: unknown) =>
      process.stderr.write(
        `[us] new ${file} rejected, still serving the previous version: ${(error as Error).message}\n`,
      ),
    );
  };
  watchFile(file, { interval: WATCH_INTERVAL_MS, persistent: false }, onChange);
  const watchlist = new MemoryWatchlistRegistry(() => index, options.countQuery);
  return {
    assets: null,
    disclosures: null,
    watchlist,
    reload,
    async close() {
      unwatchFile(file, onChange);
      await reloading?.catch(() => undefined);
    },
  };
}
