import type { Page, PageRequest, QueryCounter } from '../../kit/registry/types.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../../kit/registry/pageCursor.js';
import type { SqlClient } from '../../../core/sql/SqlClient.js';
import type { Row, TableSpec } from './tableSpecs.js';

/**
 * The statement behind `byWallets` ($1: the wallet ids): each row is one record and the
 * wallet it was found by (`asked_wallet_id`), newest first.
 */
export function walletLookupStatement(
  qualified: string,
  spec: Pick<TableSpec<never>, 'select' | 'sortColumn'>,
): string {
  return (
    `SELECT asked.wallet_id AS asked_wallet_id, record.* ` +
    `FROM unnest($1::text[]) AS asked(wallet_id) CROSS JOIN LATERAL (` +
    `SELECT ${spec.select} FROM ${qualified} WHERE wallet_ids @> ARRAY[asked.wallet_id]) AS record ` +
    `ORDER BY record.${spec.sortColumn} DESC, record.id DESC`
  );
}

/**
 * The reads every French registry makes on one table. Each method is ONE statement and
 * counts ONE round trip; batch results are aligned with the keys asked for.
 */
export class SqlTable<R extends { id: string }> {
  private readonly qualified: string;

  constructor(
    private readonly client: SqlClient,
    schema: string,
    private readonly spec: TableSpec<R>,
    private readonly countQuery: QueryCounter,
  ) {
    this.qualified = `${schema}.${spec.table}`;
  }

  async byIds(ids: readonly string[], method: string): Promise<(R | null)[]> {
    if (ids.length === 0) return [];
    this.countQuery(this.spec.registry, method);
    const { rows } = await this.client.query<Row>(
      `SELECT ${this.spec.select} FROM ${this.qualified} WHERE id = ANY($1::text[])`,
      [unique(ids)],
    );
    const byId = new Map(rows.map((row) => [row.id as string, this.spec.fromRow(row)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * Records naming any of the wallets, newest first for each wallet: one GIN index probe per
   * wallet, as a lateral join. The plain form, `WHERE wallet_ids && $1`, is estimated from
   * array statistics that cannot tell how rare each wallet is, so for larger batches the
   * planner chooses a sequential scan, ANALYZE or not.
   */
  async byWallets(walletIds: readonly string[], method: string): Promise<R[][]> {
    if (walletIds.length === 0) return [];
    this.countQuery(this.spec.registry, method);
    const { rows } = await this.client.query<Row>(
      walletLookupStatement(this.qualified, this.spec),
      [unique(walletIds)],
    );
    const byWallet = new Map<string, R[]>();
    for (const row of rows) {
      const walletId = row.asked_wallet_id as string;
      const record = this.spec.fromRow(row);
      const list = byWallet.get(walletId);
      if (list) list.push(record);
      else byWallet.set(walletId, [record]);
    }
    return walletIds.map((walletId) => byWallet.get(walletId) ?? []);
  }

  /**
   * Newest first, keyset-paginated on (sort column, id); totalCount in the same statement.
   * The cursor is decoded and checked before the statement, so a forged one never reaches SQL.
   */
  async list(page: PageRequest, method: string): Promise<Page<R>> {
    const first = checkPageSize(page);
    const after = page.after === null ? null : decodeCursor(page.after);
    const sort = this.spec.sortColumn;
    const params: unknown[] = [first + 1];
    let where = '';
    if (after) {
      params.push(after.sortValue, after.id);
      where = `WHERE (${sort}, id) < ($2::timestamptz, $3::text)`;
    }
    this.countQuery(this.spec.registry, method);
    const { rows } = await this.client.query<Row>(
      `SELECT total.total_count, page.* ` +
        `FROM (SELECT count(*)::int AS total_count FROM ${this.qualified}) total ` +
        `LEFT JOIN LATERAL (SELECT ${this.spec.select}, ${sort} AS sort_key ` +
        `FROM ${this.qualified} ${where} ORDER BY ${sort} DESC, id DESC LIMIT $1) page ON true ` +
        `ORDER BY page.sort_key DESC, page.id DESC`,
      params,
    );
    const totalCount = rows.length > 0 ? Number(rows[0]!.total_count) : 0;
    const records = rows.filter((row) => row.id !== null).map((row) => this.spec.fromRow(row));
    const hasMore = records.length > first;
    if (hasMore) records.length = first;
    const last = records[records.length - 1];
    return {
      records,
      nextCursor:
        hasMore && last
          ? encodeCursor({ sortValue: this.spec.sortValue(last), id: last.id })
          : null,
      totalCount,
    };
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
