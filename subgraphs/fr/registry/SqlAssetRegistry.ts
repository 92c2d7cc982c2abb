import type {
  ConfiscationOrderRecord,
  FreezingOrderRecord,
  WalletId,
} from '../../../core/records.js';
import type {
  AssetRegistry,
  Page,
  PageRequest,
  QueryCounter,
  RecoveryTotal,
} from '../../kit/registry/types.js';
import type { SqlClient } from '../../../core/sql/SqlClient.js';
import { SqlTable } from './SqlTable.js';
import { FR_REGISTRY_NAMES } from './registryNames.js';
import { CONFISCATION_ORDERS, FREEZING_ORDERS } from './tableSpecs.js';

/** AGRASC's registry of freezing and confiscation orders, in SQL. */
export class SqlAssetRegistry implements AssetRegistry {
  readonly kind = 'ASSET_REGISTRY' as const;
  readonly name = FR_REGISTRY_NAMES.assets;
  readonly backend: string;
  private readonly freezingOrders: SqlTable<FreezingOrderRecord>;
  private readonly confiscationOrders: SqlTable<ConfiscationOrderRecord>;

  constructor(
    private readonly client: SqlClient,
    private readonly schema: string,
    private readonly countQuery: QueryCounter,
    private readonly release: () => Promise<void> = () => client.close(),
  ) {
    this.backend = client.backend;
    this.freezingOrders = new SqlTable(client, schema, FREEZING_ORDERS, countQuery);
    this.confiscationOrders = new SqlTable(client, schema, CONFISCATION_ORDERS, countQuery);
  }

  freezingOrdersByIds(ids: readonly string[]): Promise<(FreezingOrderRecord | null)[]> {
    return this.freezingOrders.byIds(ids, 'freezingOrdersByIds');
  }

  freezingOrdersByWallets(walletIds: readonly WalletId[]): Promise<FreezingOrderRecord[][]> {
    return this.freezingOrders.byWallets(walletIds, 'freezingOrdersByWallets');
  }

  confiscationOrdersByIds(ids: readonly string[]): Promise<(ConfiscationOrderRecord | null)[]> {
    return this.confiscationOrders.byIds(ids, 'confiscationOrdersByIds');
  }

  confiscationOrdersByWallets(
    walletIds: readonly WalletId[],
  ): Promise<ConfiscationOrderRecord[][]> {
    return this.confiscationOrders.byWallets(walletIds, 'confiscationOrdersByWallets');
  }

  listFreezingOrders(page: PageRequest): Promise<Page<FreezingOrderRecord>> {
    return this.freezingOrders.list(page, 'listFreezingOrders');
  }

  listConfiscationOrders(page: PageRequest): Promise<Page<ConfiscationOrderRecord>> {
    return this.confiscationOrders.list(page, 'listConfiscationOrders');
  }

  /** One aggregate query over both tables; holdings are summed per asset inside the jsonb. */
  async recoveryStatistics(): Promise<RecoveryTotal[]> {
    const { schema } = this;
    this.countQuery(this.name, 'recoveryStatistics');
    const { rows } = await this.client.query<{
      kind: RecoveryTotal['kind'];
      month: string;
      asset: string;
      orders: string | number;
      amount: string;
    }>(
      `SELECT 'FREEZING' AS kind, to_char(f.issued_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
              h->>'asset' AS asset, count(DISTINCT f.id) AS orders,
              sum((h->>'amount')::numeric)::text AS amount
         FROM ${schema}.freezing_orders f, jsonb_array_elements(f.holdings) h
        GROUP BY 1, 2, 3
       UNION ALL
       SELECT 'CONFISCATION', to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM'), asset, count(*),
              sum(amount)::text
         FROM ${schema}.confiscation_orders GROUP BY 1, 2, 3
       UNION ALL
       SELECT 'RESTITUTION', to_char(decided_at AT TIME ZONE 'UTC', 'YYYY-MM'), asset, count(*),
              sum(restituted_amount)::text
         FROM ${schema}.confiscation_orders WHERE restituted_amount > 0 GROUP BY 1, 2, 3
        ORDER BY 2, 1, 3`,
      [],
    );
    return rows.map((row) => ({
      kind: row.kind,
      month: row.month,
      asset: row.asset,
      orders: Number(row.orders),
      amount: stripZeros(row.amount),
    }));
  }

  close(): Promise<void> {
    return this.release();
  }
}

/** `12.500` → `12.5`: numeric sums keep the scale of their inputs. */
function stripZeros(amount: string): string {
  return amount.includes('.') ? amount.replace(/\.?0+$/, '') : amount;
}
