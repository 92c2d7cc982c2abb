import { createPseudonymizer } from '../../../core/policy/pseudonym.js';
import type {
  ConfiscationOrderRecord,
  ExchangeDisclosureRecord,
  FreezingOrderRecord,
  WatchlistEntryRecord,
} from '../../../core/records.js';
import { pseudonymisedValues } from '../requests/findRequestSubject.js';
import { everyParty } from './everyParty.js';
import type { JurisdictionRegistries } from './types.js';

/** A case pseudonym as the policies write it: `psn_` and 26 characters of base32. */
export const CASE_PSEUDONYM = /^psn_[a-z2-7]{26}$/;

export interface PseudonymRecordsFound {
  freezingOrders: FreezingOrderRecord[];
  confiscationOrders: ConfiscationOrderRecord[];
  watchlistEntries: WatchlistEntryRecord[];
  exchangeDisclosures: ExchangeDisclosureRecord[];
}

const present = <T>(records: readonly (T | null)[]): T[] =>
  records.filter((record): record is T => record !== null);

/**
 * The records of the member's own registries that name the party behind `target`, a pseudonym
 * given under `caseKey`. Pseudonyms are one-way, so the member recomputes them over every party
 * it holds (the values its policies pseudonymise) and keeps the records whose party matches:
 * a scan of the member's parties, as for a de-anonymisation request.
 */
export async function recordsOfPseudonym(
  registries: JurisdictionRegistries,
  target: string,
  caseKey: Uint8Array,
): Promise<PseudonymRecordsFound> {
  const pseudonymOf = createPseudonymizer(caseKey);
  const ids = {
    ASSET_REGISTRY: new Set<string>(),
    WATCHLIST: new Set<string>(),
    EXCHANGE_DISCLOSURES: new Set<string>(),
  };
  for await (const { party, registry, recordId } of everyParty(registries)) {
    if (ids[registry].has(recordId)) continue;
    if (pseudonymisedValues(party).some((value) => pseudonymOf(value) === target)) {
      ids[registry].add(recordId);
    }
  }
  const { assets, watchlist, disclosures } = registries;
  const assetIds = [...ids.ASSET_REGISTRY];
  // An asset registry's record is a freezing or a confiscation order: asked as both, kept where found.
  const [frozen, confiscated, listed, disclosed] = await Promise.all([
    assets && assetIds.length ? assets.freezingOrdersByIds(assetIds) : [],
    assets && assetIds.length ? assets.confiscationOrdersByIds(assetIds) : [],
    watchlist && ids.WATCHLIST.size ? watchlist.entriesByIds([...ids.WATCHLIST]) : [],
    disclosures && ids.EXCHANGE_DISCLOSURES.size
      ? disclosures.disclosuresByIds([...ids.EXCHANGE_DISCLOSURES])
      : [],
  ]);
  return {
    freezingOrders: present(frozen),
    confiscationOrders: present(confiscated),
    watchlistEntries: present(listed),
    exchangeDisclosures: present(disclosed),
  };
}
