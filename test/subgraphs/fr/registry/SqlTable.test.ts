import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegistryExport } from '../../../../subgraphs/fr/registry/importRegistryExport.js';
import { walletLookupStatement } from '../../../../subgraphs/fr/registry/SqlTable.js';
import { ALL_TABLES } from '../../../../subgraphs/fr/registry/tableSpecs.js';
import {
  BACKENDS,
  openTestRegistries,
  records,
  writeExport,
  type OpenedRegistries,
} from './frTestBackends.js';

/** Rows per table: enough that a sequential scan is what a poor estimate makes the planner pick. */
const BULK_ROWS = 20_000;
/** Wallets in one batch, as one `_entities` call of 50 records with a few wallets each brings. */
const BATCH = 200;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

function scannedSequentially(node: PlanNode): string[] {
  const own =
    node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(scannedSequentially)];
}

// A wallet lookup must stay an index lookup at any size and any batch: at a million rows a
// sequential scan takes seconds, longer than the gateway waits for a jurisdiction.
describe.each(BACKENDS)('wallet lookups on $backend', ({ databaseUrl, available }) => {
  let fr: OpenedRegistries;

  beforeAll(async () => {
    if (!available) return;
    fr = await openTestRegistries(databaseUrl);
    // One record per table, copied below.
    for (const file of [
      'freezing-orders.jsonl',
      'confiscation-orders.jsonl',
      'watchlist.jsonl',
      'disclosures.jsonl',
    ] as const) {
      await importRegistryExport({
        client: fr.client,
        schema: fr.schema,
        file: await writeExport(file, records(file, 1, 1)),
      });
    }
  });
  afterAll(async () => {
    await fr?.dispose();
  });

  describe.skipIf(!available)('', () => {
    it.each(ALL_TABLES.map((spec) => [spec.table, spec] as const))(
      '%s: one index probe per wallet, no sequential scan, for a batch of 200',
      async (table, spec) => {
        const qualified = `${fr.schema}.${table}`;
        const columns = (
          await fr.client.query<{ column_name: string }>(
            `SELECT column_name FROM information_schema.columns
             WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
            [fr.schema, table],
          )
        ).rows.map((row) => row.column_name);
        // Copies of the one imported record, each naming a wallet of its own.
        const values = columns.map((column) =>
          column === 'id'
            ? `'BULK-' || g`
            : column === 'wallet_ids'
              ? `ARRAY['eip155:1:bulk-' || g]`
              : `one.${column}`,
        );
        await fr.client.query(
          `INSERT INTO ${qualified} (${columns.join(', ')})
           SELECT ${values.join(', ')} FROM generate_series(1, ${BULK_ROWS}) AS g,
             (SELECT * FROM ${qualified} LIMIT 1) AS one`,
        );
        await fr.client.query(`ANALYZE ${qualified}`);
        const wallets = Array.from({ length: BATCH }, (_, i) => `eip155:1:bulk-${i * 97 + 1}`);
        const { rows } = await fr.client.query<{ 'QUERY PLAN': unknown }>(
          `EXPLAIN (FORMAT JSON) ${walletLookupStatement(qualified, spec)}`,
          [wallets],
        );
        const raw = rows[0]!['QUERY PLAN'];
        const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
        expect(JSON.stringify(plan)).toContain(`${table}_wallet_ids_idx`);
        expect(scannedSequentially(plan[0]!.Plan)).toEqual([]);

        // And it finds exactly the records of the wallets asked for.
        const { rows: found } = await fr.client.query<{ id: string; asked_wallet_id: string }>(
          walletLookupStatement(qualified, spec),
          [wallets],
        );
        expect(found.map((row) => row.id).sort()).toEqual(
          wallets.map((wallet) => `BULK-${wallet.split('bulk-')[1]}`).sort(),
        );
      },
    );
  });
});
