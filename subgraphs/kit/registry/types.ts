import type {
  ConfiscationOrderRecord,
  Decimal,
  ExchangeDisclosureRecord,
  FreezingOrderRecord,
  WalletId,
  WatchlistEntryRecord,
} from '../../../core/records.js';

/**
 * The registry adapter contracts. Every batch method takes a list of keys and answers a
 * list aligned with it (same length, same order) in ONE backend round trip: they sit
 * behind per-request DataLoaders, so N entities cost one backend query.
 *
 * Wallet ids given to adapters are already normalised CAIP-10 (core/identifiers).
 */

export type RegistryKind = 'ASSET_REGISTRY' | 'WATCHLIST' | 'EXCHANGE_DISCLOSURES';

/** A page of records, newest first, with an opaque cursor for the next page. */
export interface Page<T> {
  records: T[];
  /** Pass as `after` to get the next page; null on the last page. */
  nextCursor: string | null;
  totalCount: number;
}

export interface PageRequest {
  /** Page size, 1..MAX_PAGE_SIZE (pageCursor.ts). */
  first: number;
  after: string | null;
}

/** Counts backend round trips, so tests and /metrics can prove batching. */
export interface QueryCounter {
  (registry: string, method: string): void;
}

export interface RegistryBase {
  readonly kind: RegistryKind;
  /** Registry name as it appears in provenance, e.g. `fr-agrasc-assets`. */
  readonly name: string;
  /** Backend label for the directory: `postgresql`, `pglite`, `ftm-jsonl`, `ivms101-json`. */
  readonly backend: string;
  close(): Promise<void>;
}

/** Orders of one month and asset, for the transparency report (counts before suppression). */
export interface RecoveryTotal {
  /** `YYYY-MM`, UTC: the month the order was issued (freezing) or decided (confiscation). */
  month: string;
  /** FREEZING: frozen holdings; CONFISCATION: confiscated amounts; RESTITUTION: returned to victims. */
  kind: 'FREEZING' | 'CONFISCATION' | 'RESTITUTION';
  asset: string;
  orders: number;
  amount: Decimal;
}

export interface AssetRegistry extends RegistryBase {
  readonly kind: 'ASSET_REGISTRY';
  freezingOrdersByIds(ids: readonly string[]): Promise<(FreezingOrderRecord | null)[]>;
  freezingOrdersByWallets(walletIds: readonly WalletId[]): Promise<FreezingOrderRecord[][]>;
  confiscationOrdersByIds(ids: readonly string[]): Promise<(ConfiscationOrderRecord | null)[]>;
  confiscationOrdersByWallets(walletIds: readonly WalletId[]): Promise<ConfiscationOrderRecord[][]>;
  listFreezingOrders(page: PageRequest): Promise<Page<FreezingOrderRecord>>;
  listConfiscationOrders(page: PageRequest): Promise<Page<ConfiscationOrderRecord>>;
  /** Freezing, confiscation and restitution totals by month and asset, over the whole registry. */
  recoveryStatistics(): Promise<RecoveryTotal[]>;
}

export interface WatchlistRegistry extends RegistryBase {
  readonly kind: 'WATCHLIST';
  entriesByIds(ids: readonly string[]): Promise<(WatchlistEntryRecord | null)[]>;
  entriesByWallets(walletIds: readonly WalletId[]): Promise<WatchlistEntryRecord[][]>;
  listEntries(page: PageRequest): Promise<Page<WatchlistEntryRecord>>;
}

export interface DisclosureRegistry extends RegistryBase {
  readonly kind: 'EXCHANGE_DISCLOSURES';
  disclosuresByIds(ids: readonly string[]): Promise<(ExchangeDisclosureRecord | null)[]>;
  /** Disclosures where the wallet is the originator's or the beneficiary's account. */
  disclosuresByWallets(walletIds: readonly WalletId[]): Promise<ExchangeDisclosureRecord[][]>;
  listDisclosures(page: PageRequest): Promise<Page<ExchangeDisclosureRecord>>;
}

export type Registry = AssetRegistry | WatchlistRegistry | DisclosureRegistry;

/** What a jurisdiction's registry/ folder hands to the kit. */
export interface JurisdictionRegistries {
  assets: AssetRegistry | null;
  watchlist: WatchlistRegistry | null;
  disclosures: DisclosureRegistry | null;
}

/** What every jurisdiction's `registry/index.ts` `openRegistries` receives. */
export interface RegistryOptions {
  /** The jurisdiction's data folder, e.g. `.data/fr` (created by `npm run seed`). */
  dataDir: string;
  /** PostgreSQL URL for SQL registries; null → embedded PGlite under dataDir. */
  databaseUrl: string | null;
  /** Called once per backend round trip (batching is proved by counting these). */
  countQuery: QueryCounter;
}
