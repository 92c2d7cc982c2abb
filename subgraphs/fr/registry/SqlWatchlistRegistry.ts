import type { WalletId, WatchlistEntryRecord } from '../../../core/records.js';
import type {
  Page,
  PageRequest,
  QueryCounter,
  WatchlistRegistry,
} from '../../kit/registry/types.js';
import type { SqlClient } from '../../../core/sql/SqlClient.js';
import { SqlTable } from './SqlTable.js';
import { FR_REGISTRY_NAMES } from './registryNames.js';
import { WATCHLIST_ENTRIES } from './tableSpecs.js';

/** DG Trésor's national asset-freeze list (registre des gels), in SQL. */
export class SqlWatchlistRegistry implements WatchlistRegistry {
  readonly kind = 'WATCHLIST' as const;
  readonly name = FR_REGISTRY_NAMES.watchlist;
  readonly backend: string;
  private readonly entries: SqlTable<WatchlistEntryRecord>;

  constructor(
    client: SqlClient,
    schema: string,
    countQuery: QueryCounter,
    private readonly release: () => Promise<void> = () => client.close(),
  ) {
    this.backend = client.backend;
    this.entries = new SqlTable(client, schema, WATCHLIST_ENTRIES, countQuery);
  }

  entriesByIds(ids: readonly string[]): Promise<(WatchlistEntryRecord | null)[]> {
    return this.entries.byIds(ids, 'entriesByIds');
  }

  entriesByWallets(walletIds: readonly WalletId[]): Promise<WatchlistEntryRecord[][]> {
    return this.entries.byWallets(walletIds, 'entriesByWallets');
  }

  listEntries(page: PageRequest): Promise<Page<WatchlistEntryRecord>> {
    return this.entries.list(page, 'listEntries');
  }

  close(): Promise<void> {
    return this.release();
  }
}
