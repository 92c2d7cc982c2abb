import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FreezingOrderRecord } from '../../../../core/records.js';
import { importRegistryExport } from '../../../../subgraphs/fr/registry/importRegistryExport.js';
import { sumDecimals } from '../../../../subgraphs/kit/registry/sumDecimals.js';
import type { AssetRegistry, Page, PageRequest } from '../../../../subgraphs/kit/registry/types.js';
import type {
  CrossBorderRequest,
  RequestForm,
} from '../../../../subgraphs/kit/requests/CrossBorderRequest.js';
import { withRecognisedOrders } from '../../../../subgraphs/kit/requests/withRecognisedOrders.js';
import {
  openTestRegistries,
  records,
  writeExport,
  type OpenedRegistries,
} from '../../fr/registry/frTestBackends.js';
import { at, storedRequest, wallet, walletItem } from './storedRequest.js';

const POLL_MS = 1_000;

/** The request store as the registry sees it, counting its reads. */
function memorySource(initial: CrossBorderRequest[]) {
  let requests = initial;
  let version = 1;
  const calls = { dataVersion: 0, recognisedOrders: 0 };
  return {
    calls,
    async dataVersion() {
      calls.dataVersion++;
      return String(version);
    },
    async recognisedOrders() {
      calls.recognisedOrders++;
      return [...requests];
    },
    /** A filing or transition committed. */
    write(next: CrossBorderRequest[]) {
      requests = next;
      version++;
    },
  };
}

const freezingForm = (...property: [number, string, string][]): RequestForm => ({
  type: 'FREEZING',
  freezing: {
    issuingAuthority: 'Staatsanwaltschaft Berlin',
    validatingJudge: null,
    offence: 'money laundering',
    legalQualification: '§ 261 StGB',
    property: property.map(([n, asset, amount]) => walletItem(n, asset, amount)),
    urgent: false,
    urgencyReason: null,
    victimsInterests: null,
  },
});

const executedFreezing = (
  id: string,
  hours: number,
  form: RequestForm,
  overrides: Partial<CrossBorderRequest> = {},
) =>
  storedRequest(id, {
    form,
    state: 'EXECUTED',
    version: 4,
    executedAt: at(hours),
    updatedAt: at(hours),
    ...overrides,
  });

/** Every record of a list, page after page. */
async function everyPage<T extends { id: string }>(
  list: (page: PageRequest) => Promise<Page<T>>,
  first: number,
): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  do {
    const page: Page<T> = await list({ first, after });
    ids.push(...page.records.map((record) => record.id));
    totals.push(page.totalCount);
    after = page.nextCursor;
  } while (after !== null);
  return { ids, totals };
}

describe('withRecognisedOrders over the French SQL registry', () => {
  let fr: OpenedRegistries;
  let ownFreezing: FreezingOrderRecord[];
  let clock = Date.parse('2025-03-01T00:00:00.000Z');
  const now = () => clock;

  beforeAll(async () => {
    fr = await openTestRegistries(null);
    ownFreezing = records('freezing-orders.jsonl', 1, 5) as FreezingOrderRecord[];
    await importRegistryExport({
      client: fr.client,
      schema: fr.schema,
      file: await writeExport('freezing-orders.jsonl', ownFreezing),
    });
  });
  afterAll(async () => {
    await fr?.dispose();
  });

  const open = (source: ReturnType<typeof memorySource>) =>
    withRecognisedOrders(fr.assets, source, {
      jurisdiction: 'FR',
      instrumentOf: () => 'Regulation (EU) 2018/1805',
      pollMs: POLL_MS,
      now,
    });

  it('answers recognised ids from memory and the others from the registry, in one call', async () => {
    const source = memorySource([
      executedFreezing('req-fr-000001', 1, freezingForm([1, 'BTC', '1'])),
    ]);
    const assets = open(source);
    const ownId = ownFreezing[2]!.id;

    fr.calls.length = 0;
    const [recognised, own, missing] = await assets.freezingOrdersByIds([
      'rfo-req-fr-000001',
      ownId,
      'rfo-req-fr-999999',
    ]);
    expect(recognised).toMatchObject({
      id: 'rfo-req-fr-000001',
      crossBorderRequestId: 'req-fr-000001',
    });
    expect(own?.id).toBe(ownId);
    expect(missing).toBeNull();
    expect(fr.calls).toEqual(['fr-agrasc-assets.freezingOrdersByIds']);

    // The registry's own ids alone ask nothing of the request store.
    clock += 10 * POLL_MS;
    const reads = source.calls.dataVersion;
    expect((await assets.freezingOrdersByIds([ownId]))[0]?.id).toBe(ownId);
    expect(source.calls.dataVersion).toBe(reads);
  });

  it('adds the recognised orders of a wallet to its own, reading the store at most once per poll', async () => {
    const shared = ownFreezing[0]!.walletIds[0]!;
    const form = freezingForm([1, 'BTC', '1']);
    if (form.type !== 'FREEZING') throw new Error('unreachable');
    form.freezing.property.push({ wallet: shared, vaspAccount: null, asset: 'ETH', amount: '2' });
    const source = memorySource([
      executedFreezing('req-fr-000001', 1, form),
      executedFreezing('req-fr-000002', 2, freezingForm([1, 'BTC', '3']), { state: 'REVOKED' }),
    ]);
    const assets = open(source);

    fr.calls.length = 0;
    const [atShared, atRecognised, elsewhere] = await assets.freezingOrdersByWallets([
      shared,
      wallet(1),
      wallet(99),
    ]);
    const ownAtShared = (await fr.assets.freezingOrdersByWallets([shared]))[0]!;
    expect(ownAtShared.length).toBeGreaterThan(0);
    expect(atShared!.map((order) => order.id)).toEqual([
      ...ownAtShared.map((order) => order.id),
      'rfo-req-fr-000001',
    ]);
    // The revoked freezing is still there, lifted.
    expect(atRecognised!.map((order) => [order.id, order.status])).toEqual([
      ['rfo-req-fr-000002', 'LIFTED'],
      ['rfo-req-fr-000001', 'ACTIVE'],
    ]);
    expect(elsewhere).toEqual([]);

    for (let i = 0; i < 20; i++) await assets.freezingOrdersByWallets([wallet(1)]);
    expect(source.calls).toEqual({ dataVersion: 1, recognisedOrders: 1 });
  });

  it('reloads when the data version moves, once the poll is due, and at once on refresh', async () => {
    const first = executedFreezing('req-fr-000001', 1, freezingForm([1, 'BTC', '1']));
    const source = memorySource([first]);
    const assets = open(source);
    const idsAt = async (n: number) =>
      (await assets.freezingOrdersByWallets([wallet(n)]))[0]!.map((order) => order.id);

    expect(await idsAt(1)).toEqual(['rfo-req-fr-000001']);
    source.write([first, executedFreezing('req-fr-000002', 2, freezingForm([1, 'BTC', '2']))]);
    // Within the poll: what was loaded.
    clock += POLL_MS - 1;
    expect(await idsAt(1)).toEqual(['rfo-req-fr-000001']);
    clock += 1;
    expect(await idsAt(1)).toEqual(['rfo-req-fr-000002', 'rfo-req-fr-000001']);
    expect(source.calls).toEqual({ dataVersion: 2, recognisedOrders: 2 });

    // Polled again with nothing changed: the version is read, the orders are not.
    clock += POLL_MS;
    await idsAt(1);
    expect(source.calls).toEqual({ dataVersion: 3, recognisedOrders: 2 });

    source.write([
      executedFreezing('req-fr-000001', 1, freezingForm([1, 'BTC', '1']), { state: 'REVOKED' }),
    ]);
    await assets.refresh();
    expect((await assets.freezingOrdersByIds(['rfo-req-fr-000001']))[0]?.status).toBe('LIFTED');
    expect(await idsAt(1)).toEqual(['rfo-req-fr-000001']);
  });

  it.each([1, 2, 3, 4, 500])(
    'lists the recognised orders first, then its own, every one once (pages of %i)',
    async (first) => {
      const source = memorySource([
        executedFreezing('req-fr-000001', 1, freezingForm([1, 'BTC', '1'])),
        executedFreezing('req-fr-000002', 3, freezingForm([2, 'BTC', '1'])),
        executedFreezing('req-fr-000003', 2, freezingForm([3, 'BTC', '1'])),
      ]);
      const assets = open(source);
      const own = await everyPage((page) => fr.assets.listFreezingOrders(page), 500);

      const merged = await everyPage((page) => assets.listFreezingOrders(page), first);

      expect(merged.ids).toEqual([
        'rfo-req-fr-000002',
        'rfo-req-fr-000003',
        'rfo-req-fr-000001',
        ...own.ids,
      ]);
      expect(new Set(merged.totals)).toEqual(new Set([3 + own.ids.length]));
    },
  );

  it('refuses a cursor it did not give', async () => {
    const assets = open(memorySource([]));
    await expect(
      assets.listFreezingOrders({ first: 2, after: 'not-a-cursor' }),
    ).rejects.toMatchObject({ extensions: { reason: 'BAD_CURSOR' } });
  });

  it('adds the recognised amounts to the recovery statistics', async () => {
    const own = await fr.assets.recoveryStatistics();
    const cell = own.find((total) => total.kind === 'FREEZING')!;
    const source = memorySource([
      // Into a month and asset the registry already counts…
      executedFreezing('req-fr-000001', 0, freezingForm([1, cell.asset, '1']), {
        executedAt: `${cell.month}-15T00:00:00.000Z`,
      }),
      // …and into a month it has none in, property at a VASP counted too.
      executedFreezing(
        'req-fr-000002',
        0,
        {
          type: 'FREEZING',
          freezing: {
            ...(freezingForm([2, 'BTC', '0.5']) as Extract<RequestForm, { type: 'FREEZING' }>)
              .freezing,
            property: [
              walletItem(2, 'BTC', '0.5'),
              {
                wallet: null,
                vaspAccount: { vasp: 'Exchange SAS', lei: null, accountId: 'acct-1' },
                asset: 'BTC',
                amount: '0.25',
              },
            ],
          },
        },
        { executedAt: '2031-01-15T00:00:00.000Z' },
      ),
    ]);

    const totals = await open(source).recoveryStatistics();

    expect(totals).toContainEqual({
      ...cell,
      orders: cell.orders + 1,
      amount: sumDecimals([cell.amount, '1']),
    });
    expect(totals).toContainEqual({
      kind: 'FREEZING',
      month: '2031-01',
      asset: 'BTC',
      orders: 1,
      amount: '0.75',
    });
    expect(totals).toHaveLength(own.length + 1);
  });
});

describe('withRecognisedOrders without an asset registry', () => {
  const source = memorySource([
    executedFreezing('req-sg-000001', 1, freezingForm([1, 'BTC', '1']), {
      executingState: 'SG',
    }),
  ]);
  const assets: AssetRegistry = withRecognisedOrders(null, source, {
    jurisdiction: 'SG',
    instrumentOf: () => 'Mutual Assistance in Criminal Matters Act 2000',
    backend: 'pglite',
  });

  it('is a registry of the recognised orders alone', async () => {
    expect([assets.kind, assets.name, assets.backend]).toEqual([
      'ASSET_REGISTRY',
      'sg-recognised-orders',
      'pglite',
    ]);
    expect(
      (await assets.freezingOrdersByIds(['rfo-req-sg-000001', 'SG-FO-1'])).map(
        (order) => order?.provenance.registry ?? null,
      ),
    ).toEqual(['sg-recognised-orders', null]);
    expect(
      (await assets.freezingOrdersByWallets([wallet(1), wallet(2)])).map((orders) => orders.length),
    ).toEqual([1, 0]);
    expect(await assets.confiscationOrdersByWallets([wallet(1)])).toEqual([[]]);
    const page = await assets.listFreezingOrders({ first: 10, after: null });
    expect([page.records.map((order) => order.id), page.totalCount, page.nextCursor]).toEqual([
      ['rfo-req-sg-000001'],
      1,
      null,
    ]);
    expect((await assets.listConfiscationOrders({ first: 10, after: null })).totalCount).toBe(0);
    expect(await assets.recoveryStatistics()).toEqual([
      { kind: 'FREEZING', month: '2025-03', asset: 'BTC', orders: 1, amount: '1' },
    ]);
  });
});
