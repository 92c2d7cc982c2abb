import type { WalletId, WatchlistEntryRecord } from '../../../core/records.js';
import { compareNewestFirst, pageNewestFirst } from '../../kit/registry/pageNewestFirst.js';
import type { Page, PageRequest } from '../../kit/registry/types.js';

/**
 * Checked entries held in memory, newest first, with lookups by id and by wallet. Immutable:
 * a reload builds a new index and swaps it in, so a call answers from one version.
 */
export class WatchlistIndex {
  private readonly entries: WatchlistEntryRecord[];
  private readonly byId = new Map<string, WatchlistEntryRecord>();
  private readonly byWallet = new Map<WalletId, WatchlistEntryRecord[]>();

  constructor(entries: readonly WatchlistEntryRecord[]) {
    this.entries = [...entries].sort((a, b) =>
      compareNewestFirst(a.listingDate, a.id, b.listingDate, b.id),
    );
    for (const entry of this.entries) {
      this.byId.set(entry.id, entry);
      for (const wallet of entry.walletIds) {
        const listed = this.byWallet.get(wallet);
        if (listed) listed.push(entry);
        else this.byWallet.set(wallet, [entry]);
      }
    }
  }

  get size(): number {
    return this.entries.length;
  }

  entry(id: string): WatchlistEntryRecord | null {
    return this.byId.get(id) ?? null;
  }

  entriesByWallet(walletId: WalletId): WatchlistEntryRecord[] {
    return this.byWallet.get(walletId) ?? [];
  }

  page(request: PageRequest): Page<WatchlistEntryRecord> {
    const slice = pageNewestFirst(
      this.entries.length,
      (index) => ({ sortValue: this.entries[index]!.listingDate, id: this.entries[index]!.id }),
      request,
    );
    return {
      records: this.entries.slice(slice.start, slice.end),
      nextCursor: slice.nextCursor,
      totalCount: this.entries.length,
    };
  }
}
