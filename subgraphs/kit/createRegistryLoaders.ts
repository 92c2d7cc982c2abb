import DataLoader from 'dataloader';
import type {
  ConfiscationOrderRecord,
  ExchangeDisclosureRecord,
  FreezingOrderRecord,
  WatchlistEntryRecord,
} from '../../core/records.js';
import type { JurisdictionRegistries } from './registry/types.js';

/**
 * One DataLoader per registry lookup, created per request: every lookup a request makes in
 * one tick becomes one adapter batch call, i.e. one backend query. Loaders never outlive the
 * request, so nothing one caller loaded is ever served to another.
 */
export interface RegistryLoaders {
  freezingOrderById: DataLoader<string, FreezingOrderRecord | null>;
  freezingOrdersByWallet: DataLoader<string, FreezingOrderRecord[]>;
  confiscationOrderById: DataLoader<string, ConfiscationOrderRecord | null>;
  confiscationOrdersByWallet: DataLoader<string, ConfiscationOrderRecord[]>;
  watchlistEntryById: DataLoader<string, WatchlistEntryRecord | null>;
  watchlistEntriesByWallet: DataLoader<string, WatchlistEntryRecord[]>;
  disclosureById: DataLoader<string, ExchangeDisclosureRecord | null>;
  disclosuresByWallet: DataLoader<string, ExchangeDisclosureRecord[]>;
}

/** A loader for a registry kind the jurisdiction does not keep: answers without I/O. */
function absent<V>(value: V): DataLoader<string, V> {
  return new DataLoader<string, V>(async (keys) => keys.map(() => value));
}

export function createRegistryLoaders(registries: JurisdictionRegistries): RegistryLoaders {
  const { assets, watchlist, disclosures } = registries;
  return {
    freezingOrderById: assets
      ? new DataLoader((ids) => assets.freezingOrdersByIds(ids))
      : absent(null),
    freezingOrdersByWallet: assets
      ? new DataLoader((walletIds) => assets.freezingOrdersByWallets(walletIds))
      : absent([]),
    confiscationOrderById: assets
      ? new DataLoader((ids) => assets.confiscationOrdersByIds(ids))
      : absent(null),
    confiscationOrdersByWallet: assets
      ? new DataLoader((walletIds) => assets.confiscationOrdersByWallets(walletIds))
      : absent([]),
    watchlistEntryById: watchlist
      ? new DataLoader((ids) => watchlist.entriesByIds(ids))
      : absent(null),
    watchlistEntriesByWallet: watchlist
      ? new DataLoader((walletIds) => watchlist.entriesByWallets(walletIds))
      : absent([]),
    disclosureById: disclosures
      ? new DataLoader((ids) => disclosures.disclosuresByIds(ids))
      : absent(null),
    disclosuresByWallet: disclosures
      ? new DataLoader((walletIds) => disclosures.disclosuresByWallets(walletIds))
      : absent([]),
  };
}
