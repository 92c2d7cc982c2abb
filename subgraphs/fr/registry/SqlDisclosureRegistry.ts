import type { ExchangeDisclosureRecord, WalletId } from '../../../core/records.js';
import type {
  DisclosureRegistry,
  Page,
  PageRequest,
  QueryCounter,
} from '../../kit/registry/types.js';
import type { SqlClient } from '../../../core/sql/SqlClient.js';
import { SqlTable } from './SqlTable.js';
import { FR_REGISTRY_NAMES } from './registryNames.js';
import { EXCHANGE_DISCLOSURES } from './tableSpecs.js';

/** Tracfin's store of travel-rule disclosures (IVMS101) received from exchanges, in SQL. */
export class SqlDisclosureRegistry implements DisclosureRegistry {
  readonly kind = 'EXCHANGE_DISCLOSURES' as const;
  readonly name = FR_REGISTRY_NAMES.disclosures;
  readonly backend: string;
  private readonly disclosures: SqlTable<ExchangeDisclosureRecord>;

  constructor(
    client: SqlClient,
    schema: string,
    countQuery: QueryCounter,
    private readonly release: () => Promise<void> = () => client.close(),
  ) {
    this.backend = client.backend;
    this.disclosures = new SqlTable(client, schema, EXCHANGE_DISCLOSURES, countQuery);
  }

  disclosuresByIds(ids: readonly string[]): Promise<(ExchangeDisclosureRecord | null)[]> {
    return this.disclosures.byIds(ids, 'disclosuresByIds');
  }

  disclosuresByWallets(walletIds: readonly WalletId[]): Promise<ExchangeDisclosureRecord[][]> {
    return this.disclosures.byWallets(walletIds, 'disclosuresByWallets');
  }

  listDisclosures(page: PageRequest): Promise<Page<ExchangeDisclosureRecord>> {
    return this.disclosures.list(page, 'listDisclosures');
  }

  close(): Promise<void> {
    return this.release();
  }
}
