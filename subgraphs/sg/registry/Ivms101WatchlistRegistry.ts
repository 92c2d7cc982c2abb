import type { WalletId, WatchlistEntryRecord } from '../../../core/records.js';
import type {
  Page,
  PageRequest,
  QueryCounter,
  WatchlistRegistry,
} from '../../kit/registry/types.js';
import { Ivms101Store } from './Ivms101Store.js';
import type { Ivms101DocumentMapping, Ivms101StoreOptions } from './Ivms101Store.js';
import { mapWatchlistDocument } from './mapWatchlistDocument.js';
import { IVMS101_BACKEND, WATCHLIST_REGISTRY_NAME } from './registryNames.js';

export const WATCHLIST_MAPPING: Ivms101DocumentMapping<WatchlistEntryRecord> = {
  registry: WATCHLIST_REGISTRY_NAME,
  map: mapWatchlistDocument,
  id: (record) => record.id,
  listedAt: (record) => record.listingDate,
  walletIds: (record) => record.walletIds,
  recordTypes: (record) => ['WatchlistEntry', record.subject.kind],
};

/** Loads a folder of watchlist documents; throws ImportRejectedError if any is bad. */
export function loadWatchlistStore(
  directory: string,
  options?: Ivms101StoreOptions,
): Promise<Ivms101Store<WatchlistEntryRecord>> {
  return Ivms101Store.load(directory, WATCHLIST_MAPPING, options);
}

/** Singapore's wallets of interest, served like the disclosures (see Ivms101DisclosureRegistry). */
export class Ivms101WatchlistRegistry implements WatchlistRegistry {
  readonly kind = 'WATCHLIST';
  readonly name = WATCHLIST_REGISTRY_NAME;
  readonly backend = IVMS101_BACKEND;
  #store: Ivms101Store<WatchlistEntryRecord> | null;
  readonly #countQuery: QueryCounter;

  constructor(store: Ivms101Store<WatchlistEntryRecord>, countQuery: QueryCounter) {
    this.#store = store;
    this.#countQuery = countQuery;
  }

  /** Requests run synchronously on the store they got, so the old one can close at once. */
  replace(store: Ivms101Store<WatchlistEntryRecord>): void {
    const previous = this.#store;
    this.#store = store;
    if (previous !== store) previous?.close();
  }

  async entriesByIds(ids: readonly string[]): Promise<(WatchlistEntryRecord | null)[]> {
    const store = this.#open('entriesByIds');
    return ids.map((id) => store.byId(id));
  }

  async entriesByWallets(walletIds: readonly WalletId[]): Promise<WatchlistEntryRecord[][]> {
    const store = this.#open('entriesByWallets');
    return walletIds.map((walletId) => store.byWallet(walletId));
  }

  async listEntries(page: PageRequest): Promise<Page<WatchlistEntryRecord>> {
    return this.#open('listEntries').page(page);
  }

  async close(): Promise<void> {
    this.#store?.close();
    this.#store = null;
  }

  #open(method: string): Ivms101Store<WatchlistEntryRecord> {
    if (this.#store === null) throw new Error(`registry ${this.name} is closed`);
    this.#countQuery(this.name, method);
    return this.#store;
  }
}
