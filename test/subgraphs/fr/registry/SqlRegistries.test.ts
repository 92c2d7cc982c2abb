import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConfiscationOrderRecord,
  ExchangeDisclosureRecord,
  FreezingOrderRecord,
  WatchlistEntryRecord,
} from '../../../../core/records.js';
import { crossBorderWallets } from '../../../../subgraphs/kit/seed/crossBorderWallets.js';
import { importRegistryExport } from '../../../../subgraphs/fr/registry/importRegistryExport.js';
import {
  BACKENDS,
  openTestRegistries,
  records,
  writeExport,
  type OpenedRegistries,
} from './frTestBackends.js';

const COUNT = 40;

describe.each(BACKENDS)('French SQL registries on $backend', ({ databaseUrl, available }) => {
  let fr: OpenedRegistries;
  const freezing = records('freezing-orders.jsonl', 1, COUNT) as FreezingOrderRecord[];
  const confiscation = records('confiscation-orders.jsonl', 1, COUNT) as ConfiscationOrderRecord[];
  const watchlist = records('watchlist.jsonl', 1, COUNT) as WatchlistEntryRecord[];
  const disclosures = records('disclosures.jsonl', 1, COUNT) as ExchangeDisclosureRecord[];

  beforeAll(async () => {
    if (!available) return;
    fr = await openTestRegistries(databaseUrl);
    for (const [name, lines] of [
      ['freezing-orders.jsonl', freezing],
      ['confiscation-orders.jsonl', confiscation],
      ['watchlist.jsonl', watchlist],
      ['disclosures.jsonl', disclosures],
    ] as const) {
      await importRegistryExport({
        client: fr.client,
        schema: fr.schema,
        file: await writeExport(name, lines),
      });
    }
  });
  afterAll(async () => {
    await fr?.dispose();
  });

  describe.skipIf(!available)('', () => {
    it('labels the backend and the registries', () => {
      const backend = databaseUrl === null ? 'pglite' : 'postgresql';
      expect([fr.assets.backend, fr.watchlist.backend, fr.disclosures.backend]).toEqual([
        backend,
        backend,
        backend,
      ]);
      expect([fr.assets.name, fr.watchlist.name, fr.disclosures.name]).toEqual([
        'fr-agrasc-assets',
        'fr-dgtresor-gels',
        'fr-tracfin-disclosures',
      ]);
    });

    it('answers id batches aligned with the keys, misses as null, in one query', async () => {
      fr.calls.length = 0;
      const ids = ['FR-FO-0000007', 'FR-FO-9999999', 'FR-FO-0000001', 'FR-FO-0000007'];
      const found = await fr.assets.freezingOrdersByIds(ids);
      expect(found.map((order) => order?.id ?? null)).toEqual([
        'FR-FO-0000007',
        null,
        'FR-FO-0000001',
        'FR-FO-0000007',
      ]);
      expect(fr.calls).toEqual(['fr-agrasc-assets.freezingOrdersByIds']);
    });

    it('returns a record as it was exported, money as decimal strings', async () => {
      const [order] = await fr.assets.confiscationOrdersByIds(['FR-CO-0000003']);
      const source = confiscation[2]!;
      expect(order).toMatchObject({
        id: source.id,
        caseRef: source.caseRef,
        amount: source.amount,
        restitutedAmount: source.restitutedAmount,
        walletIds: source.walletIds,
        affectedParty: source.affectedParty,
        decidedAt: new Date(source.decidedAt).toISOString(),
        provenance: {
          ...source.provenance,
          lastUpdated: new Date(source.provenance.lastUpdated).toISOString(),
        },
      });
      const [disclosure] = await fr.disclosures.disclosuresByIds(['FR-VD-0000002']);
      expect(disclosure).toEqual(disclosures[1]);
      const [entry] = await fr.watchlist.entriesByIds(['FR-WL-0000005']);
      expect(entry).toEqual(watchlist[4]);
    });

    it('batches each id lookup of each registry in one query', async () => {
      fr.calls.length = 0;
      const [co, wl, vd] = await Promise.all([
        fr.assets.confiscationOrdersByIds(['FR-CO-0000002', 'nope']),
        fr.watchlist.entriesByIds(['nope', 'FR-WL-0000009']),
        fr.disclosures.disclosuresByIds(['FR-VD-0000040', 'FR-VD-0000001']),
      ]);
      expect(co.map((r) => r?.id ?? null)).toEqual(['FR-CO-0000002', null]);
      expect(wl.map((r) => r?.id ?? null)).toEqual([null, 'FR-WL-0000009']);
      expect(vd.map((r) => r?.id ?? null)).toEqual(['FR-VD-0000040', 'FR-VD-0000001']);
      expect(fr.calls.sort()).toEqual([
        'fr-agrasc-assets.confiscationOrdersByIds',
        'fr-dgtresor-gels.entriesByIds',
        'fr-tracfin-disclosures.disclosuresByIds',
      ]);
    });

    it('finds every record of a wallet batch in one query per registry, aligned, [] for misses', async () => {
      const pool = crossBorderWallets();
      const unknown = 'eip155:1:0x0000000000000000000000000000000000000001';
      const wallets = [pool[2]!, unknown, pool[0]!];
      fr.calls.length = 0;
      const [fo, co, wl, vd] = await Promise.all([
        fr.assets.freezingOrdersByWallets(wallets),
        fr.assets.confiscationOrdersByWallets(wallets),
        fr.watchlist.entriesByWallets(wallets),
        fr.disclosures.disclosuresByWallets(wallets),
      ]);
      expect(fr.calls.sort()).toEqual([
        'fr-agrasc-assets.confiscationOrdersByWallets',
        'fr-agrasc-assets.freezingOrdersByWallets',
        'fr-dgtresor-gels.entriesByWallets',
        'fr-tracfin-disclosures.disclosuresByWallets',
      ]);
      const expected = (list: { id: string; walletIds: string[] }[], wallet: string) =>
        list
          .filter((record) => record.walletIds.includes(wallet))
          .map((record) => record.id)
          .sort();
      for (const [position, wallet] of wallets.entries()) {
        expect(fo[position]!.map((r) => r.id).sort()).toEqual(expected(freezing, wallet));
        expect(co[position]!.map((r) => r.id).sort()).toEqual(expected(confiscation, wallet));
        expect(wl[position]!.map((r) => r.id).sort()).toEqual(expected(watchlist, wallet));
      }
      // Cross-border pool wallet i is in record i of every registry.
      expect(fo[0]!.map((r) => r.id)).toContain('FR-FO-0000003');
      expect(co[2]!.map((r) => r.id)).toContain('FR-CO-0000001');
      expect(wl[1]).toEqual([]);
      // Disclosures are found by the originator's and by the beneficiary's account.
      expect(vd[0]!.map((r) => r.id)).toContain('FR-VD-0000003');
      expect(vd[0]!.find((r) => r.id === 'FR-VD-0000003')!.originator.accountNumbers).toEqual([
        pool[2],
      ]);
      const [second] = await fr.disclosures.disclosuresByWallets([pool[1]!]);
      expect(second!.find((r) => r.id === 'FR-VD-0000002')!.beneficiary.accountNumbers).toEqual([
        pool[1],
      ]);
    });

    it('pages newest first with a keyset cursor and the total count', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        fr.calls.length = 0;
        const page = await fr.assets.listFreezingOrders({ first: 7, after });
        expect(fr.calls).toEqual(['fr-agrasc-assets.listFreezingOrders']);
        expect(page.totalCount).toBe(COUNT);
        seen.push(...page.records.map((r) => r.id));
        after = page.nextCursor;
        pages += 1;
      } while (after !== null);
      expect(pages).toBe(Math.ceil(COUNT / 7));
      const newestFirst = [...freezing]
        .sort((a, b) => b.issuedAt.localeCompare(a.issuedAt) || b.id.localeCompare(a.id))
        .map((r) => r.id);
      expect(seen).toEqual(newestFirst);
    });

    it('lists every registry, with the last page carrying no cursor', async () => {
      const co = await fr.assets.listConfiscationOrders({ first: 500, after: null });
      const wl = await fr.watchlist.listEntries({ first: COUNT, after: null });
      const vd = await fr.disclosures.listDisclosures({ first: 39, after: null });
      expect([co.records.length, co.nextCursor, co.totalCount]).toEqual([COUNT, null, COUNT]);
      expect([wl.records.length, wl.nextCursor]).toEqual([COUNT, null]);
      expect(vd.records.length).toBe(39);
      const rest = await fr.disclosures.listDisclosures({ first: 39, after: vd.nextCursor });
      expect(rest.records.map((r) => r.id)).toHaveLength(1);
      expect(rest.nextCursor).toBeNull();
      const dates = vd.records.map((r) => r.disclosedAt);
      expect(dates).toEqual([...dates].sort().reverse());
    });

    it('refuses a forged cursor and an out-of-range page size', async () => {
      await expect(fr.watchlist.listEntries({ first: 5, after: 'not-a-cursor' })).rejects.toThrow(
        GraphQLError,
      );
      await expect(fr.watchlist.listEntries({ first: 0, after: null })).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'first', reason: 'OUT_OF_RANGE' },
      });
      await expect(fr.watchlist.listEntries({ first: 501, after: null })).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'first', reason: 'OUT_OF_RANGE' },
      });
    });

    it('answers a bad "after" cursor with BAD_USER_INPUT before any statement runs', async () => {
      const { nextCursor } = await fr.assets.listFreezingOrders({ first: 1, after: null });
      const forged = [
        'not-a-cursor',
        // Well-formed, but a day PostgreSQL would refuse as a timestamptz.
        Buffer.from(JSON.stringify(['2024-02-30', 'x'])).toString('base64url'),
        Buffer.from(JSON.stringify(['2024-01-01', 'x\u0000'])).toString('base64url'),
        `${nextCursor!}x`,
      ];
      fr.calls.length = 0;
      for (const after of forged) {
        const error: unknown = await fr.assets
          .listFreezingOrders({ first: 5, after })
          .catch((thrown: unknown) => thrown);
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions).toEqual({
          code: 'BAD_USER_INPUT',
          argumentName: 'after',
          reason: 'BAD_CURSOR',
        });
      }
      expect(fr.calls).toEqual([]);
    });

    it('makes no round trip for an empty batch', async () => {
      fr.calls.length = 0;
      expect(await fr.assets.freezingOrdersByIds([])).toEqual([]);
      expect(await fr.disclosures.disclosuresByWallets([])).toEqual([]);
      expect(fr.calls).toEqual([]);
    });
  });
});
