import path from 'node:path';
import type { ImportReport } from '../../kit/registry/ImportRejectedError.js';
import type { JurisdictionRegistries, RegistryOptions } from '../../kit/registry/types.js';
import { Ivms101DisclosureRegistry, loadDisclosureStore } from './Ivms101DisclosureRegistry.js';
import { Ivms101WatchlistRegistry, loadWatchlistStore } from './Ivms101WatchlistRegistry.js';
import { DISCLOSURES_DIRECTORY, WATCHLIST_DIRECTORY } from './registryNames.js';

export interface SingaporeRegistries extends JurisdictionRegistries {
  assets: null;
  watchlist: Ivms101WatchlistRegistry;
  disclosures: Ivms101DisclosureRegistry;
  close(): Promise<void>;
  /**
   * Re-reads both folders. Both snapshots are swapped in only if every document of both is
   * valid; otherwise ImportRejectedError is thrown and the previous data is still served.
   */
  reload(): Promise<ImportReport[]>;
}

/**
 * Singapore's registries: folders of IVMS101 JSON documents under `dataDir`
 * (`disclosures/`, `watchlist/`, sub-folders allowed). Singapore keeps no asset registry
 * here, and no database: `databaseUrl` is not used.
 */
export async function openRegistries(options: RegistryOptions): Promise<SingaporeRegistries> {
  const disclosuresDirectory = path.join(options.dataDir, DISCLOSURES_DIRECTORY);
  const watchlistDirectory = path.join(options.dataDir, WATCHLIST_DIRECTORY);
  const load = async () => {
    const [disclosureStore, watchlistStore] = await Promise.allSettled([
      loadDisclosureStore(disclosuresDirectory),
      loadWatchlistStore(watchlistDirectory),
    ]);
    if (disclosureStore.status === 'fulfilled' && watchlistStore.status === 'fulfilled') {
      return [disclosureStore.value, watchlistStore.value] as const;
    }
    // Both or neither: a store loaded beside a rejected one is released, not served.
    if (disclosureStore.status === 'fulfilled') disclosureStore.value.close();
    if (watchlistStore.status === 'fulfilled') watchlistStore.value.close();
    throw disclosureStore.status === 'rejected'
      ? disclosureStore.reason
      : (watchlistStore as PromiseRejectedResult).reason;
  };

  const [disclosureStore, watchlistStore] = await load();
  const disclosures = new Ivms101DisclosureRegistry(disclosureStore, options.countQuery);
  const watchlist = new Ivms101WatchlistRegistry(watchlistStore, options.countQuery);
  let reloading: Promise<ImportReport[]> | null = null;

  return {
    assets: null,
    disclosures,
    watchlist,
    async close() {
      await Promise.all([disclosures.close(), watchlist.close()]);
    },
    reload() {
      // Concurrent reload calls share one load rather than reading the folders twice.
      reloading ??= load()
        .then(([newDisclosures, newWatchlist]) => {
          disclosures.replace(newDisclosures);
          watchlist.replace(newWatchlist);
          return [newDisclosures.report, newWatchlist.report];
        })
        .finally(() => {
          reloading = null;
        });
      return reloading;
    },
  };
}
