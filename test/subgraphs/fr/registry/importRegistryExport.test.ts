import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRejectedError } from '../../../../subgraphs/kit/registry/ImportRejectedError.js';
import { importRegistryExport } from '../../../../subgraphs/fr/registry/importRegistryExport.js';
import {
  BACKENDS,
  openTestRegistries,
  records,
  writeExport,
  type OpenedRegistries,
} from './frTestBackends.js';

type Json = Record<string, any>;

async function rejection(promise: Promise<unknown>): Promise<ImportRejectedError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ImportRejectedError);
  return error as ImportRejectedError;
}

describe.each(BACKENDS)('importRegistryExport on $backend', ({ databaseUrl, available }) => {
  let fr: OpenedRegistries;
  const count = async (table: string) => {
    const { rows } = await fr.client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${fr.schema}.${table}`,
    );
    return rows[0]!.n;
  };
  const load = (file: string) =>
    importRegistryExport({ client: fr.client, schema: fr.schema, file });

  beforeAll(async () => {
    if (available) fr = await openTestRegistries(databaseUrl);
  });
  afterAll(async () => {
    await fr?.dispose();
  });

  describe.skipIf(!available)('', () => {
    it('loads a valid export and reports its counts and progress', async () => {
      const progress: number[] = [];
      const report = await importRegistryExport({
        client: fr.client,
        schema: fr.schema,
        file: await writeExport('freezing-orders.jsonl', records('freezing-orders.jsonl', 1, 25)),
        onProgress: (lines) => progress.push(lines),
      });
      expect(report).toEqual({
        registry: 'fr-agrasc-assets',
        source: 'freezing-orders.jsonl',
        counts: { FreezingOrder: 25 },
      });
      expect(progress.at(-1)).toBe(25);
      expect(await count('freezing_orders')).toBe(25);
      const report2 = await load(
        await writeExport('watchlist.jsonl', records('watchlist.jsonl', 1, 10)),
      );
      expect(report2.counts).toEqual({ Sanction: 10 });
    });

    it('normalises wallet aliases to CAIP-10', async () => {
      const [record] = records('confiscation-orders.jsonl', 500, 500) as Json[];
      const evm = record!.walletIds.find((w: string) => w.startsWith('eip155:1:'));
      const aliased = {
        ...record,
        walletIds: record!.walletIds.map((w: string) => (w === evm ? w.toLowerCase() : w)),
      };
      if (evm) expect(aliased.walletIds).not.toContain(evm);
      await load(await writeExport('confiscation-orders.jsonl', [aliased]));
      const [stored] = await fr.assets.confiscationOrdersByIds([record!.id]);
      expect(stored!.walletIds).toEqual(record!.walletIds);
    });

    // Each bad line is named by file, line and record id; nothing of the file is loaded even
    // though an earlier valid import is already in the table (25 freezing orders).
    const [good1, good2, good3] = records('freezing-orders.jsonl', 101, 103) as Json[];
    const cases: {
      name: string;
      lines: (Json | string)[];
      line: number;
      recordId: string | null;
      reason: RegExp;
    }[] = [
      {
        name: 'a missing field',
        lines: [good1!, { ...good2, caseRef: undefined }, good3!],
        line: 2,
        recordId: good2!.id,
        reason: /missing field "caseRef"/,
      },
      {
        name: 'a bad date',
        lines: [good1!, good2!, { ...good3, issuedAt: '2024-02-30' }],
        line: 3,
        recordId: good3!.id,
        reason: /bad date in "issuedAt"/,
      },
      {
        name: 'a bad address, with the reason',
        lines: [
          { ...good1, walletIds: ['bip122:000000000019d6689c085ae165831e93:bc1qnotanaddress'] },
          good2!,
        ],
        line: 1,
        recordId: good1!.id,
        reason: /bad address in "walletIds\[0\]": .+/,
      },
      {
        name: 'an LEI whose check digits are wrong',
        lines: [
          good1!,
          {
            ...good2,
            affectedParty: {
              kind: 'Organization',
              id: 'O-1',
              name: 'Nordlicht SAS',
              lei: '5493001KJTIIGC8Y1R13',
              country: 'FR',
              registrationNumber: null,
            },
          },
        ],
        line: 2,
        recordId: good2!.id,
        reason: /bad LEI in "affectedParty.lei"/,
      },
      {
        name: 'a bad enum',
        lines: [good1!, { ...good2, status: 'FROZEN' }],
        line: 2,
        recordId: good2!.id,
        reason: /bad value in "status"/,
      },
      {
        name: 'a duplicate id within the file',
        lines: [good1!, good2!, { ...good3, id: good1!.id }],
        line: 3,
        recordId: good1!.id,
        reason: /duplicate id "FR-FO-0000101": already on line 1/,
      },
      {
        name: 'an id already in the table',
        lines: [good1!, records('freezing-orders.jsonl', 4, 4)[0] as Json, good3!],
        line: 2,
        recordId: 'FR-FO-0000004',
        reason: /duplicate id "FR-FO-0000004": already in freezing_orders/,
      },
      {
        name: 'a truncated last line',
        lines: [good1!, good2!, JSON.stringify(good3).slice(0, 120)],
        line: 3,
        recordId: good3!.id,
        reason: /invalid JSON/,
      },
    ];
    it.each(cases)('rejects $name and loads nothing', async ({ lines, line, recordId, reason }) => {
      const before = await count('freezing_orders');
      const error = await rejection(load(await writeExport('freezing-orders.jsonl', lines)));
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatchObject({ file: 'freezing-orders.jsonl', line, recordId });
      expect(error.problems[0]!.reason).toMatch(reason);
      expect(error.message).toContain(`freezing-orders.jsonl:${line}`);
      expect(await count('freezing_orders')).toBe(before);
      expect(await fr.assets.freezingOrdersByIds([good1!.id])).toEqual([null]);
    });

    it('names ids already stored even after a first bad line', async () => {
      const stored = records('freezing-orders.jsonl', 4, 4)[0] as Json;
      const error = await rejection(
        load(
          await writeExport('freezing-orders.jsonl', [
            { ...good2, caseRef: undefined },
            good1!,
            stored,
          ]),
        ),
      );
      expect(error.problems.map((p) => [p.line, p.recordId])).toEqual([
        [1, good2!.id],
        [3, 'FR-FO-0000004'],
      ]);
      expect(error.problems[1]!.reason).toMatch(/already in freezing_orders/);
    });

    it('reports every bad line at once and loads none of the good chunks before them', async () => {
      const many = records('watchlist.jsonl', 1_001, 3_500) as Json[];
      many[2_400] = { ...many[2_400], listingDate: 'yesterday' };
      many[2_401] = { ...many[2_401], subject: { kind: 'Person' } };
      const before = await count('watchlist_entries');
      const error = await rejection(load(await writeExport('watchlist.jsonl', many)));
      expect(error.problems.map((p) => [p.line, p.recordId])).toEqual([
        [2_401, 'FR-WL-0003401'],
        [2_402, 'FR-WL-0003402'],
      ]);
      expect(error.problems[1]!.reason).toMatch(/missing field "subject.id"/);
      expect(await count('watchlist_entries')).toBe(before);
    });

    it('rolls back everything when the database fails midway', async () => {
      const batch = records('disclosures.jsonl', 1, 1_500) as Json[];
      // Valid for the importer, refused by PostgreSQL (numeric field overflow) in the 2nd chunk.
      batch[1_200] = {
        ...batch[1_200],
        transaction: { ...batch[1_200]!.transaction, amount: '1'.repeat(30) },
      };
      await fr.client.query(
        `ALTER TABLE ${fr.schema}.exchange_disclosures ADD CONSTRAINT small_amounts CHECK (tx_amount < 1e20)`,
      );
      try {
        await expect(load(await writeExport('disclosures.jsonl', batch))).rejects.toThrow(
          /small_amounts/,
        );
        expect(await count('exchange_disclosures')).toBe(0);
      } finally {
        await fr.client.query(
          `ALTER TABLE ${fr.schema}.exchange_disclosures DROP CONSTRAINT small_amounts`,
        );
      }
    });

    it('refuses a file it does not know', async () => {
      await expect(load(await writeExport('orders.csv', []))).rejects.toThrow(
        /unknown French export file/,
      );
    });
  });
});
