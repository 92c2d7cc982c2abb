import type {
  ConfiscationOrderRecord,
  FreezingOrderRecord,
  PartyRecord,
  WatchlistEntryRecord,
} from '../../../core/records.js';
import type { HashPositionIndex } from '../../kit/registry/HashPositionIndex.js';
import { ImportRejectedError, type ImportReport } from '../../kit/registry/ImportRejectedError.js';
import { compareNewestFirst, pageNewestFirst } from '../../kit/registry/pageNewestFirst.js';
import type { Page, PageRequest } from '../../kit/registry/types.js';
import { unpackParty, type PartySchema } from './PackedParty.js';
import { readFtmFile, type FtmFileContent } from './readFtmFile.js';
import { DE_ASSET_REGISTRY, DE_WATCHLIST_REGISTRY } from './registryNames.js';
import { resolveSanctions } from './resolveSanctions.js';
import { unpackSanction, type SanctionEntry } from './SanctionEntry.js';
import type { SanctionKind } from './sanctionPrograms.js';
import { toConfiscationOrder, toFreezingOrder, toWatchlistEntry } from './sanctionRecords.js';
import type { StringTable } from './StringTable.js';

/**
 * The validated, indexed content of one FtM bulk file (readFtmFile), its references
 * resolved (resolveSanctions). Immutable once loaded. Sanctions are kept packed and become
 * records (sanctionRecords) only when looked up, so the index stays small.
 */
export class FtmIndex {
  private readonly strings: StringTable;
  // Sanctions, by position in file order.
  private readonly sanctionIds: readonly string[];
  private readonly sanctionKinds: readonly SanctionKind[];
  private readonly sanctionSortDates: readonly string[];
  private readonly sanctionPacked: readonly string[];
  private readonly sanctionResolved: readonly string[];
  private readonly sanctionById: ReadonlyMap<string, number>;
  private readonly sanctionsByWallet: HashPositionIndex;
  /** Sanction positions of each kind, newest first. */
  private readonly newestFirst: Record<SanctionKind, number[]> = {
    WatchlistEntry: [],
    FreezingOrder: [],
    ConfiscationOrder: [],
  };
  // Parties, by position in file order.
  private readonly partyPacked: readonly string[];
  private readonly partyCounts: Readonly<Record<PartySchema, number>>;
  private readonly walletCount: number;

  private constructor(
    readonly file: string,
    content: FtmFileContent,
    resolutions: string[],
    sanctionsByWallet: HashPositionIndex,
  ) {
    const { strings, sanctions, parties, wallets } = content;
    this.strings = strings;
    this.sanctionIds = sanctions.ids;
    this.sanctionKinds = sanctions.kinds;
    this.sanctionSortDates = sanctions.sortDates;
    this.sanctionPacked = sanctions.packed;
    this.sanctionResolved = resolutions;
    this.sanctionById = sanctions.byId;
    this.sanctionsByWallet = sanctionsByWallet;
    this.partyPacked = parties.packed;
    this.partyCounts = parties.counts;
    this.walletCount = wallets.walletIds.length;
    this.sanctionKinds.forEach((kind, position) => this.newestFirst[kind].push(position));
    for (const order of Object.values(this.newestFirst)) {
      order.sort((a, b) => this.compare(a, b));
    }
  }

  /**
   * Reads, validates and indexes the file. Throws ImportRejectedError naming every bad
   * entity (file, line, id, reason) if anything is wrong: nothing is half loaded.
   */
  static async load(file: string): Promise<FtmIndex> {
    const content = await readFtmFile(file);
    const resolved = content.problems.length === 0 ? resolveSanctions(content) : null;
    if (resolved === null || content.problems.length > 0) {
      throw new ImportRejectedError(content.problems);
    }
    // Only what lookups need is kept: the reading tables go once this returns.
    return new FtmIndex(file, content, resolved.resolutions, resolved.byWallet);
  }

  /** Entities loaded, by FtM schema and by record type. */
  counts(): Record<string, number> {
    return {
      WatchlistEntry: this.newestFirst.WatchlistEntry.length,
      FreezingOrder: this.newestFirst.FreezingOrder.length,
      ConfiscationOrder: this.newestFirst.ConfiscationOrder.length,
      Sanction: this.sanctionIds.length,
      CryptoWallet: this.walletCount,
      Person: this.partyCounts.Person,
      Company: this.partyCounts.Company,
      Organization: this.partyCounts.Organization,
    };
  }

  /** One report per registry the file feeds. */
  reports(): ImportReport[] {
    const counts = this.counts();
    const shared = {
      Person: counts.Person!,
      Company: counts.Company!,
      Organization: counts.Organization!,
      CryptoWallet: counts.CryptoWallet!,
    };
    return [
      {
        registry: DE_WATCHLIST_REGISTRY,
        source: this.file,
        counts: { WatchlistEntry: counts.WatchlistEntry!, ...shared },
      },
      {
        registry: DE_ASSET_REGISTRY,
        source: this.file,
        counts: {
          FreezingOrder: counts.FreezingOrder!,
          ConfiscationOrder: counts.ConfiscationOrder!,
          ...shared,
        },
      },
    ];
  }

  watchlistEntry(id: string): WatchlistEntryRecord | null {
    return this.byId(id, 'WatchlistEntry', toWatchlistEntry);
  }

  freezingOrder(id: string): FreezingOrderRecord | null {
    return this.byId(id, 'FreezingOrder', toFreezingOrder);
  }

  confiscationOrder(id: string): ConfiscationOrderRecord | null {
    return this.byId(id, 'ConfiscationOrder', toConfiscationOrder);
  }

  watchlistEntriesByWallet(walletId: string): WatchlistEntryRecord[] {
    return this.byWallet(walletId, 'WatchlistEntry', toWatchlistEntry);
  }

  freezingOrdersByWallet(walletId: string): FreezingOrderRecord[] {
    return this.byWallet(walletId, 'FreezingOrder', toFreezingOrder);
  }

  confiscationOrdersByWallet(walletId: string): ConfiscationOrderRecord[] {
    return this.byWallet(walletId, 'ConfiscationOrder', toConfiscationOrder);
  }

  listWatchlistEntries(page: PageRequest): Page<WatchlistEntryRecord> {
    return this.list('WatchlistEntry', page, toWatchlistEntry);
  }

  listFreezingOrders(page: PageRequest): Page<FreezingOrderRecord> {
    return this.list('FreezingOrder', page, toFreezingOrder);
  }

  listConfiscationOrders(page: PageRequest): Page<ConfiscationOrderRecord> {
    return this.list('ConfiscationOrder', page, toConfiscationOrder);
  }

  private byId<T>(id: string, kind: SanctionKind, toRecord: ToRecord<T>): T | null {
    const position = this.sanctionById.get(id);
    if (position === undefined || this.sanctionKinds[position] !== kind) return null;
    return this.record(position, toRecord);
  }

  private byWallet<T>(walletId: string, kind: SanctionKind, toRecord: ToRecord<T>): T[] {
    const records: T[] = [];
    const positions = this.sanctionsByWallet
      .candidates(walletId)
      .filter((position) => this.sanctionKinds[position] === kind)
      .sort((a, b) => this.compare(a, b));
    for (const position of positions) {
      const entry = this.unpack(position);
      // A hash match is only a candidate: keep the Sanctions that really name the wallet.
      if (entry.walletIds.includes(walletId)) records.push(toRecord(entry, this.party(entry)));
    }
    return records;
  }

  /** Newest first, after the Sanction the cursor names (pageNewestFirst). */
  private list<T>(kind: SanctionKind, page: PageRequest, toRecord: ToRecord<T>): Page<T> {
    const order = this.newestFirst[kind];
    const { start, end, nextCursor } = pageNewestFirst(
      order.length,
      (index) => ({
        sortValue: this.sanctionSortDates[order[index]!]!,
        id: this.sanctionIds[order[index]!]!,
      }),
      page,
    );
    return {
      records: order.slice(start, end).map((position) => this.record(position, toRecord)),
      nextCursor,
      totalCount: order.length,
    };
  }

  private record<T>(position: number, toRecord: ToRecord<T>): T {
    const entry = this.unpack(position);
    return toRecord(entry, this.party(entry));
  }

  private unpack(position: number): SanctionEntry {
    return unpackSanction(
      {
        id: this.sanctionIds[position]!,
        kind: this.sanctionKinds[position]!,
        sortDate: this.sanctionSortDates[position]!,
      },
      this.sanctionPacked[position]!,
      this.sanctionResolved[position]!,
      this.strings,
    );
  }

  private party(entry: SanctionEntry): PartyRecord {
    return unpackParty(this.partyPacked[entry.partyPosition]!);
  }

  private compare(a: number, b: number): number {
    return compareNewestFirst(
      this.sanctionSortDates[a]!,
      this.sanctionIds[a]!,
      this.sanctionSortDates[b]!,
      this.sanctionIds[b]!,
    );
  }
}

type ToRecord<T> = (entry: SanctionEntry, party: PartyRecord) => T;
