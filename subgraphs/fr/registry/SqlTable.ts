import type { Page, PageRequest, QueryCounter } from '../../kit/registry/types.js';
import { checkPageSize, decodeCursor, encodeCursor } from './pageCursor.js';
import type { SqlClient } from './SqlClient.js';
import type { Row, TableSpec } from './tableSpecs.js';

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

  /** Records naming any of the wallets, newest first for each wallet. */
  async byWallets(walletIds: readonly string[], method: string): Promise<R[][]> {
    if (walletIds.length === 0) return [];
    this.countQuery(this.spec.registry, method);
    const { rows } = await this.client.query<Row>(
      `SELECT ${this.spec.select} FROM ${this.qualified} WHERE wallet_ids && $1::text[] ` +
        `ORDER BY ${this.spec.sortColumn} DESC, id DESC`,
      [unique(walletIds)],
    );
    const byWallet = new Map<string, R[]>();
    for (const row of rows) {
      const record = this.spec.fromRow(row);
      for (const walletId of row.wallet_ids as string[]) {
        const list = byWallet.get(walletId);
        if (list) list.push(record);
        else byWallet.set(walletId, [record]);
      }
    }
    return walletIds.map((walletId) => byWallet.get(walletId) ?? []);
  }

  /** Newest first, keyset-paginated on (sort column, id); totalCount in the same statement. */
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
