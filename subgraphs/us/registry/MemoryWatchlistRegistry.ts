import type { WalletId, WatchlistEntryRecord } from '../../../core/records.js';
import type {
  Page,
  PageRequest,
  QueryCounter,
  WatchlistRegistry,
} from '../../kit/registry/types.js';
import { WATCHLIST_REGISTRY } from './registryNames.js';
import type { WatchlistIndex } from './WatchlistIndex.js';

/** United States's watchlist over the in-memory index of its ftm-jsonl store. */
export class MemoryWatchlistRegistry implements WatchlistRegistry {
  readonly kind = 'WATCHLIST' as const;
  readonly name = WATCHLIST_REGISTRY;
  readonly backend = 'ftm-jsonl';

  constructor(
    private readonly currentIndex: () => WatchlistIndex,
    private readonly countQuery: QueryCounter,
  ) {}

  async entriesByIds(ids: readonly string[]): Promise<(WatchlistEntryRecord | null)[]> {
    const index = this.begin('entriesByIds');
    return ids.map((id) => index.entry(id));
  }

  async entriesByWallets(walletIds: readonly WalletId[]): Promise<WatchlistEntryRecord[][]> {
    const index = this.begin('entriesByWallets');
    return walletIds.map((walletId) => index.entriesByWallet(walletId));
  }

  async listEntries(page: PageRequest): Promise<Page<WatchlistEntryRecord>> {
    return this.begin('listEntries').page(page);
  }

  async close(): Promise<void> {}

  // Read once per call: a reload swapping the index meanwhile does not mix two versions.
  private begin(method: string): WatchlistIndex {
    this.countQuery(this.name, method);
    return this.currentIndex();
  }
}
