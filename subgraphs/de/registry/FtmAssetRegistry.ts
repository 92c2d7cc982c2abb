import type {
  ConfiscationOrderRecord,
  FreezingOrderRecord,
  WalletId,
} from '../../../core/records.js';
import { computeRecoveryTotals } from '../../kit/registry/computeRecoveryTotals.js';
import { MAX_PAGE_SIZE } from '../../kit/registry/pageCursor.js';
import type {
  AssetRegistry,
  Page,
  PageRequest,
  QueryCounter,
  RecoveryTotal,
} from '../../kit/registry/types.js';
import type { FtmIndex } from './FtmIndex.js';
import { DE_ASSET_REGISTRY } from './registryNames.js';

/**
 * The German judicial asset registry (Vermögensarrest and Einziehung orders) served from
 * the FtM bulk file. `currentIndex` is read once per call, so a call answers from one
 * index even when a hot reload swaps it meanwhile.
 */
export class FtmAssetRegistry implements AssetRegistry {
  readonly kind = 'ASSET_REGISTRY' as const;
  readonly name = DE_ASSET_REGISTRY;
  readonly backend = 'ftm-jsonl';

  constructor(
    private readonly currentIndex: () => FtmIndex,
    private readonly countQuery: QueryCounter,
  ) {}

  async freezingOrdersByIds(ids: readonly string[]): Promise<(FreezingOrderRecord | null)[]> {
    const index = this.begin('freezingOrdersByIds');
    return ids.map((id) => index.freezingOrder(id));
  }

  async freezingOrdersByWallets(walletIds: readonly WalletId[]): Promise<FreezingOrderRecord[][]> {
    const index = this.begin('freezingOrdersByWallets');
    return walletIds.map((walletId) => index.freezingOrdersByWallet(walletId));
  }

  async confiscationOrdersByIds(
    ids: readonly string[],
  ): Promise<(ConfiscationOrderRecord | null)[]> {
    const index = this.begin('confiscationOrdersByIds');
    return ids.map((id) => index.confiscationOrder(id));
  }

  async confiscationOrdersByWallets(
    walletIds: readonly WalletId[],
  ): Promise<ConfiscationOrderRecord[][]> {
    const index = this.begin('confiscationOrdersByWallets');
    return walletIds.map((walletId) => index.confiscationOrdersByWallet(walletId));
  }

  async listFreezingOrders(page: PageRequest): Promise<Page<FreezingOrderRecord>> {
    return this.begin('listFreezingOrders').listFreezingOrders(page);
  }

  async listConfiscationOrders(page: PageRequest): Promise<Page<ConfiscationOrderRecord>> {
    return this.begin('listConfiscationOrders').listConfiscationOrders(page);
  }

  async close(): Promise<void> {}

  /**
   * Totals over the whole index, computed once per loaded index (a reload brings a new
   * index and so new totals) by paging through it.
   */
  async recoveryStatistics(): Promise<RecoveryTotal[]> {
    const index = this.begin('recoveryStatistics');
    let totals = recoveryTotalsByIndex.get(index);
    if (totals === undefined) {
      totals = computeRecoveryTotals(
        allPages((page) => index.listFreezingOrders(page)),
        allPages((page) => index.listConfiscationOrders(page)),
      );
      recoveryTotalsByIndex.set(index, totals);
    }
    return totals;
  }

  private begin(method: string): FtmIndex {
    this.countQuery(this.name, method);
    return this.currentIndex();
  }
}

const recoveryTotalsByIndex = new WeakMap<FtmIndex, RecoveryTotal[]>();

/** Every record of a paged in-memory list, page by page. */
function* allPages<T>(list: (page: PageRequest) => Page<T>): Iterable<T> {
  let after: string | null = null;
  do {
    const page = list({ first: MAX_PAGE_SIZE, after });
    yield* page.records;
    after = page.nextCursor;
  } while (after !== null);
}
