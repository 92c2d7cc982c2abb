import type { RequestType } from '../../../core/policy/RequestPolicy.js';
import type { ConfiscationOrderRecord, FreezingOrderRecord } from '../../../core/records.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../registry/pageCursor.js';
import { pageNewestFirst } from '../registry/pageNewestFirst.js';
import { sumDecimals } from '../registry/sumDecimals.js';
import type { AssetRegistry, Page, PageRequest, RecoveryTotal } from '../registry/types.js';
import type { CrossBorderRequest } from './CrossBorderRequest.js';
import { recognisedOrderRecords } from './recognisedOrderRecords.js';
import { recognisedRecoveryTotals } from './recognisedRecoveryTotals.js';

/** How often the request store's data version is read again, ms: the staleness bound of the set. */
export const DEFAULT_RECOGNISED_ORDERS_POLL_MS = 1_000;

/** Where the recognised orders come from: the member's request store (`AuditLog.requests`). */
export interface RecognisedOrdersSource {
  recognisedOrders(): Promise<CrossBorderRequest[]>;
  dataVersion(): Promise<string>;
}

export interface RecognisedOrdersOptions {
  /** The executing member, ISO 3166-1 alpha-2; names the registry when it has no other. */
  jurisdiction: string;
  /** The instrument the member applies to a request type: the records' `legalBasis`. */
  instrumentOf: (type: RequestType) => string;
  /** How often the source's data version is read again, ms; default DEFAULT_RECOGNISED_ORDERS_POLL_MS. */
  pollMs?: number;
  /** Backend label when `assets` is null (the request store's, `postgresql` or `pglite`); default `requests`. */
  backend?: string;
  /** Clock of the poll, ms; default `Date.now`. */
  now?: () => number;
}

export interface RecognisedOrdersRegistry extends AssetRegistry {
  /** Reloads the recognised orders now: call it once an execution, revocation or expiry is committed. */
  refresh(): Promise<void>;
}

interface RecognisedSet {
  freezing: {
    newestFirst: FreezingOrderRecord[];
    byId: Map<string, FreezingOrderRecord>;
    byWallet: Map<string, FreezingOrderRecord[]>;
  };
  confiscation: {
    newestFirst: ConfiscationOrderRecord[];
    byId: Map<string, ConfiscationOrderRecord>;
    byWallet: Map<string, ConfiscationOrderRecord[]>;
  };
  totals: RecoveryTotal[];
}

const FREEZING_PREFIX = 'rfo-';
const CONFISCATION_PREFIX = 'rco-';

/**
 * The member's asset registry with the freezing and confiscation orders it executed for other
 * members (`recognisedOrderRecords`): by id (`rfo-…` and `rco-…` ids from the recognised set,
 * the rest from the registry), by wallet (the registry's orders, then the recognised ones),
 * in lists and in the recovery statistics. With `assets` null (a member without an asset
 * registry) it is a registry of the recognised orders alone.
 *
 * The recognised set is small and held in memory: it is reloaded when the store's data
 * version changes, read at most every `pollMs`, and at once on `refresh()`. A wallet lookup
 * therefore costs no database round trip while nothing changed.
 *
 * Lists put the recognised orders first, newest first, then the registry's own list as it
 * pages: not one merged order by date, but every order once, and `totalCount` counts both.
 * A page's cursor is then a recognised order's (`rfo-`/`rco-` id), or the registry's own.
 */
export function withRecognisedOrders(
  assets: AssetRegistry | null,
  source: RecognisedOrdersSource,
  options: RecognisedOrdersOptions,
): RecognisedOrdersRegistry {
  const pollMs = options.pollMs ?? DEFAULT_RECOGNISED_ORDERS_POLL_MS;
  const now = options.now ?? Date.now;
  let loaded: { version: string; set: RecognisedSet } | null = null;
  let checkedAt = 0;
  let checking: Promise<RecognisedSet> | null = null;

  const load = async (force: boolean): Promise<RecognisedSet> => {
    const startedAt = now();
    // The version is read first: a write landing between the two reads moves it again, and
    // the next poll reloads.
    const version = await source.dataVersion();
    if (force || loaded === null || loaded.version !== version) {
      const requests = await source.recognisedOrders();
      loaded = { version, set: recognisedSet(requests, options.instrumentOf) };
    }
    checkedAt = startedAt;
    return loaded.set;
  };
  const run = (force: boolean): Promise<RecognisedSet> => {
    const running: Promise<RecognisedSet> = load(force).finally(() => {
      if (checking === running) checking = null;
    });
    checking = running;
    return running;
  };
  const current = (): RecognisedSet | Promise<RecognisedSet> =>
    loaded !== null && now() - checkedAt < pollMs ? loaded.set : (checking ?? run(false));

  /** Ids with `prefix` from the recognised set, the others from `own` in one call. */
  async function byIds<T>(
    ids: readonly string[],
    prefix: string,
    recognised: (set: RecognisedSet) => Map<string, T>,
    own: ((ids: readonly string[]) => Promise<(T | null)[]>) | null,
  ): Promise<(T | null)[]> {
    const ownIds = ids.filter((id) => !id.startsWith(prefix));
    const [ownRecords, set] = await Promise.all([
      own && ownIds.length > 0 ? own(ownIds) : ownIds.map(() => null),
      ownIds.length < ids.length ? current() : null,
    ]);
    if (set === null) return ownRecords;
    let next = 0;
    return ids.map((id) =>
      id.startsWith(prefix) ? (recognised(set).get(id) ?? null) : (ownRecords[next++] ?? null),
    );
  }

  async function byWallets<T>(
    walletIds: readonly string[],
    recognised: (set: RecognisedSet) => Map<string, T[]>,
    own: ((walletIds: readonly string[]) => Promise<T[][]>) | null,
  ): Promise<T[][]> {
    const [ownRecords, set] = await Promise.all([
      own ? own(walletIds) : walletIds.map(() => []),
      current(),
    ]);
    const byWallet = recognised(set);
    if (byWallet.size === 0) return ownRecords;
    return walletIds.map((walletId, index) => {
      const more = byWallet.get(walletId);
      return more ? [...ownRecords[index]!, ...more] : ownRecords[index]!;
    });
  }

  async function list<T extends { id: string }>(
    page: PageRequest,
    prefix: string,
    recognised: (set: RecognisedSet) => T[],
    sortValue: (record: T) => string,
    own: ((page: PageRequest) => Promise<Page<T>>) | null,
  ): Promise<Page<T>> {
    const first = checkPageSize(page);
    const after = page.after === null ? null : decodeCursor(page.after);
    const records = recognised(await current());
    // Past the recognised orders: the registry's own page, as it is.
    if (after !== null && !after.id.startsWith(prefix)) {
      if (own === null) return { records: [], nextCursor: null, totalCount: records.length };
      const ownPage = await own(page);
      return { ...ownPage, totalCount: records.length + ownPage.totalCount };
    }
    const keyAt = (index: number) => ({
      sortValue: sortValue(records[index]!),
      id: records[index]!.id,
    });
    const slice = pageNewestFirst(records.length, keyAt, page);
    const served = records.slice(slice.start, slice.end);
    if (own === null)
      return { records: served, nextCursor: slice.nextCursor, totalCount: records.length };
    const room = first - served.length;
    // Asked even when the page is full: its totalCount is part of this one.
    const ownPage = await own({ first: Math.max(room, 1), after: null });
    const totalCount = records.length + ownPage.totalCount;
    if (slice.nextCursor !== null)
      return { records: served, nextCursor: slice.nextCursor, totalCount };
    if (room > 0) {
      return {
        records: [...served, ...ownPage.records],
        nextCursor: ownPage.nextCursor,
        totalCount,
      };
    }
    return {
      records: served,
      // The last recognised order's cursor: the next page is the registry's first.
      nextCursor: ownPage.totalCount > 0 ? encodeCursor(keyAt(slice.end - 1)) : null,
      totalCount,
    };
  }

  return {
    kind: 'ASSET_REGISTRY',
    name: assets?.name ?? `${options.jurisdiction.toLowerCase()}-recognised-orders`,
    backend: assets?.backend ?? options.backend ?? 'requests',
    freezingOrdersByIds: (ids) =>
      byIds(
        ids,
        FREEZING_PREFIX,
        (set) => set.freezing.byId,
        assets && ((own) => assets.freezingOrdersByIds(own)),
      ),
    confiscationOrdersByIds: (ids) =>
      byIds(
        ids,
        CONFISCATION_PREFIX,
        (set) => set.confiscation.byId,
        assets && ((own) => assets.confiscationOrdersByIds(own)),
      ),
    freezingOrdersByWallets: (walletIds) =>
      byWallets(
        walletIds,
        (set) => set.freezing.byWallet,
        assets && ((own) => assets.freezingOrdersByWallets(own)),
      ),
    confiscationOrdersByWallets: (walletIds) =>
      byWallets(
        walletIds,
        (set) => set.confiscation.byWallet,
        assets && ((own) => assets.confiscationOrdersByWallets(own)),
      ),
    listFreezingOrders: (page) =>
      list(
        page,
        FREEZING_PREFIX,
        (set) => set.freezing.newestFirst,
        (order) => order.issuedAt,
        assets && ((own) => assets.listFreezingOrders(own)),
      ),
    listConfiscationOrders: (page) =>
      list(
        page,
        CONFISCATION_PREFIX,
        (set) => set.confiscation.newestFirst,
        (order) => order.decidedAt,
        assets && ((own) => assets.listConfiscationOrders(own)),
      ),
    async recoveryStatistics() {
      const [own, set] = await Promise.all([assets ? assets.recoveryStatistics() : [], current()]);
      return addRecoveryTotals(own, set.totals);
    },
    async refresh() {
      // A poll already running may have read before the write: wait for it, then read again.
      while (checking !== null) await checking.catch(() => {});
      await run(true);
    },
    async close() {
      await assets?.close();
    },
  };
}

function recognisedSet(
  requests: readonly CrossBorderRequest[],
  instrumentOf: (type: RequestType) => string,
): RecognisedSet {
  const { freezingOrders, confiscationOrders } = recognisedOrderRecords(requests, instrumentOf);
  // Shared by every request that reads them: a write into one throws instead of leaking.
  deepFreeze(freezingOrders);
  deepFreeze(confiscationOrders);
  return {
    freezing: indexed(freezingOrders),
    confiscation: indexed(confiscationOrders),
    totals: recognisedRecoveryTotals(requests),
  };
}

function indexed<T extends { id: string; walletIds: string[] }>(newestFirst: T[]) {
  const byWallet = new Map<string, T[]>();
  for (const record of newestFirst) {
    for (const walletId of record.walletIds) {
      byWallet.set(walletId, [...(byWallet.get(walletId) ?? []), record]);
    }
  }
  return { newestFirst, byId: new Map(newestFirst.map((record) => [record.id, record])), byWallet };
}

/** Cells of the same month, kind and asset add up; sorted as the registries sort them. */
function addRecoveryTotals(
  a: readonly RecoveryTotal[],
  b: readonly RecoveryTotal[],
): RecoveryTotal[] {
  const cells = new Map<string, RecoveryTotal>();
  for (const total of [...a, ...b]) {
    const key = `${total.month}|${total.kind}|${total.asset}`;
    const cell = cells.get(key);
    cells.set(
      key,
      cell
        ? {
            ...cell,
            orders: cell.orders + total.orders,
            amount: sumDecimals([cell.amount, total.amount]),
          }
        : { ...total },
    );
  }
  return [...cells.values()].sort(
    (x, y) =>
      x.month.localeCompare(y.month) ||
      x.kind.localeCompare(y.kind) ||
      x.asset.localeCompare(y.asset),
  );
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
