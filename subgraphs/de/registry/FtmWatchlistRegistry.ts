import type { WalletId, WatchlistEntryRecord } from '../../../core/records.js';
import type {
  Page,
  PageRequest,
  QueryCounter,
  WatchlistRegistry,
} from '../../kit/registry/types.js';
import type { FtmIndex } from './FtmIndex.js';
import { DE_WATCHLIST_REGISTRY } from './registryNames.js';

/**
 * The German sanctions watchlist served from the FtM bulk file. `currentIndex` is read
 * once per call, so a call answers from one index even when a hot reload swaps it meanwhile.
 */
export class FtmWatchlistRegistry implements WatchlistRegistry {
  readonly kind = 'WATCHLIST' as const;
  readonly name = DE_WATCHLIST_REGISTRY;
  readonly backend = 'ftm-jsonl';

  constructor(
    private readonly currentIndex: () => FtmIndex,
    private readonly countQuery: QueryCounter,
  ) {}

  async entriesByIds(ids: readonly string[]): Promise<(WatchlistEntryRecord | null)[]> {
    const index = this.begin('entriesByIds');
    return ids.map((id) => index.watchlistEntry(id));
  }

  async entriesByWallets(walletIds: readonly WalletId[]): Promise<WatchlistEntryRecord[][]> {
    const index = this.begin('entriesByWallets');
    return walletIds.map((walletId) => index.watchlistEntriesByWallet(walletId));
  }

  async listEntries(page: PageRequest): Promise<Page<WatchlistEntryRecord>> {
    return this.begin('listEntries').listWatchlistEntries(page);
  }

  async close(): Promise<void> {}

  private begin(method: string): FtmIndex {
    this.countQuery(this.name, method);
    return this.currentIndex();
  }
}
