import type { PartyRecord, WatchlistEntryRecord } from '../../../core/records.js';
import { createRng } from '../../kit/seed/createRng.js';
import { crossBorderWallets } from '../../kit/seed/crossBorderWallets.js';
import { syntheticDate } from '../../kit/seed/syntheticDate.js';
import { syntheticOrganization } from '../../kit/seed/syntheticOrganization.js';
import { syntheticPerson } from '../../kit/seed/syntheticPerson.js';
import { syntheticWallet } from '../../kit/seed/syntheticWallet.js';
import { WATCHLIST_REGISTRY } from '../registry/registryNames.js';

/** Entries that list a wallet of the shared pool, so a cross-border `wallet(id)` finds them. */
export const POOL_ENTRIES = 3;

/** The id of synthetic entry `index` (1-based). */
export function entryId(index: number): string {
  return `us-wl-${String(index).padStart(7, '0')}`;
}

/**
 * `count` synthetic watchlist entries, the same on every run (`createRng('us')`, one fork
 * per entry). The first POOL_ENTRIES each list one wallet of the cross-border pool.
 */
export function syntheticEntries(count: number): WatchlistEntryRecord[] {
  const rng = createRng('us').fork('watchlist');
  const pool = crossBorderWallets();
  const entries: WatchlistEntryRecord[] = [];
  for (let index = 1; index <= count; index += 1) {
    const draw = rng.fork(String(index));
    const subject: PartyRecord = draw.chance(0.7)
      ? syntheticPerson(draw, 'US')
      : syntheticOrganization(draw, 'US');
    const listingDate = syntheticDate(draw, '2019-01-01T00:00:00Z', '2026-06-30T00:00:00Z');
    const id = entryId(index);
    entries.push({
      id,
      provenance: {
        jurisdiction: 'US',
        registry: WATCHLIST_REGISTRY,
        sourceRecordId: id,
        lastUpdated: listingDate,
        handlingCode: 'H0',
        sourceReliability: 'A',
        informationAccuracy: 1,
      },
      authority: 'United States sanctions authority',
      program: 'SYNTHETIC',
      provisions: [],
      reason: 'Synthetic entry written by the seed',
      listingDate,
      startDate: listingDate,
      endDate: null,
      sourceUrl: null,
      subject,
      walletIds: index <= POOL_ENTRIES ? [pool[index - 1]!] : [syntheticWallet(draw)],
    });
  }
  return entries;
}
