import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRejectedError } from '../../../../subgraphs/kit/registry/ImportRejectedError.js';
import { openRegistries, type DeRegistries } from '../../../../subgraphs/de/registry/index.js';
import {
  BTC,
  ETH_NORMALISED,
  FTM_ENTITIES,
  tempDataDir,
  toJsonLines,
  writeFtmFile,
} from './ftmFixture.js';

const UNKNOWN_WALLET = 'eip155:1:0x0000000000000000000000000000000000000001';

/** Polls until `check` passes (the watcher reloads asynchronously). */
async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Writes the whole file elsewhere, then renames it over the watched one, as editors do. */
async function replaceFile(dir: string, content: string): Promise<void> {
  const temp = join(dir, 'entities.ftm.jsonl.new');
  await writeFile(temp, content);
  await rename(temp, join(dir, 'entities.ftm.jsonl'));
}

describe('German registries over the FtM file', () => {
  let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
  let registries: DeRegistries;
  const queries: string[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    dataDir = await tempDataDir();
    await writeFtmFile(dataDir.dir, toJsonLines(FTM_ENTITIES));
    registries = await openRegistries({
      dataDir: dataDir.dir,
      databaseUrl: null,
      countQuery: (registry, method) => queries.push(`${registry}.${method}`),
      watchIntervalMs: 50,
      reloadDebounceMs: 20,
      log: (line) => logLines.push(line),
    });
  });
  afterAll(async () => {
    await registries?.close();
    await dataDir.remove();
  });

  it('describes its registries', () => {
    expect(registries.watchlist).toMatchObject({
      kind: 'WATCHLIST',
      name: 'de-bundesbank-sanctions',
      backend: 'ftm-jsonl',
    });
    expect(registries.assets).toMatchObject({
      kind: 'ASSET_REGISTRY',
      name: 'de-justiz-vermoegensarrest',
      backend: 'ftm-jsonl',
    });
    expect(registries.disclosures).toBeNull();
  });

  it('answers batches aligned with their keys, one counted query per batch', async () => {
    queries.length = 0;
    const entries = await registries.watchlist!.entriesByIds([
      'nope',
      'de-sanction-0000001',
      'de-arrest-0000001',
    ]);
    expect(entries.map((entry) => entry?.id ?? null)).toEqual([null, 'de-sanction-0000001', null]);

    const byWallet = await registries.watchlist!.entriesByWallets([
      UNKNOWN_WALLET,
      ETH_NORMALISED,
      BTC,
    ]);
    expect(byWallet.map((list) => list.map((entry) => entry.id))).toEqual([
      [],
      ['de-sanction-0000001'],
      [],
    ]);

    const freezing = await registries.assets!.freezingOrdersByWallets([BTC, ETH_NORMALISED, BTC]);
    expect(freezing.map((list) => list.map((order) => order.id))).toEqual([
      ['de-arrest-0000001'],
      [],
      ['de-arrest-0000001'],
    ]);
    const confiscation = await registries.assets!.confiscationOrdersByIds([
      'de-einziehung-0000002',
      'de-arrest-0000001',
    ]);
    expect(confiscation.map((order) => order?.id ?? null)).toEqual(['de-einziehung-0000002', null]);
    const frozenById = await registries.assets!.freezingOrdersByIds(['de-arrest-0000001']);
    expect(frozenById[0]?.caseRef).toBe('5 Js 1234/23');
    expect(
      (await registries.assets!.confiscationOrdersByWallets([ETH_NORMALISED]))[0]!.map(
        (order) => order.id,
      ),
    ).toEqual(['de-einziehung-0000002']);

    expect(queries).toEqual([
      'de-bundesbank-sanctions.entriesByIds',
      'de-bundesbank-sanctions.entriesByWallets',
      'de-justiz-vermoegensarrest.freezingOrdersByWallets',
      'de-justiz-vermoegensarrest.confiscationOrdersByIds',
      'de-justiz-vermoegensarrest.freezingOrdersByIds',
      'de-justiz-vermoegensarrest.confiscationOrdersByWallets',
    ]);
  });

  it('pages newest first with an opaque cursor and a total count', async () => {
    const many: object[] = [...FTM_ENTITIES];
    for (let i = 2; i <= 5; i += 1) {
      many.push({
        id: `de-sanction-000000${i}`,
        schema: 'Sanction',
        properties: {
          entity: ['de-person-1'],
          authority: ['Deutsche Bundesbank'],
          program: ['EU 2016/1686'],
          provisions: [],
          reason: ['Terrorismusfinanzierung'],
          listingDate: [`202${i}-01-01`],
        },
      });
    }
    await replaceFile(dataDir.dir, toJsonLines(many));
    await registries.reload();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page = await registries.watchlist!.listEntries({ first: 2, after });
      expect(page.totalCount).toBe(5);
      seen.push(...page.records.map((entry) => entry.listingDate));
      after = page.nextCursor;
      pages += 1;
    } while (after !== null);
    expect(pages).toBe(3);
    expect(seen).toEqual(['2025-01-01', '2024-01-01', '2023-01-01', '2022-03-15', '2022-01-01']);
    await expect(
      registries.watchlist!.listEntries({ first: 501, after: null }),
    ).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', argumentName: 'first', reason: 'OUT_OF_RANGE' },
    });
    await expect(registries.watchlist!.listEntries({ first: 1, after: 'garbage' })).rejects.toThrow(
      GraphQLError,
    );
    const freezing = await registries.assets!.listFreezingOrders({ first: 10, after: null });
    expect(freezing).toMatchObject({ totalCount: 1, nextCursor: null });
  });

  it('answers a bad "after" cursor with BAD_USER_INPUT, on every list', async () => {
    const forged = [
      'garbage',
      Buffer.from(JSON.stringify(['2024-13-01', 'de-sanction-0000001'])).toString('base64url'),
      Buffer.from(JSON.stringify([-1, 'de-sanction-0000001'])).toString('base64url'),
    ];
    const lists = [
      (after: string) => registries.watchlist!.listEntries({ first: 1, after }),
      (after: string) => registries.assets!.listFreezingOrders({ first: 1, after }),
      (after: string) => registries.assets!.listConfiscationOrders({ first: 1, after }),
    ];
    for (const list of lists) {
      for (const after of forged) {
        const error: unknown = await list(after).catch((thrown: unknown) => thrown);
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions).toEqual({
          code: 'BAD_USER_INPUT',
          argumentName: 'after',
          reason: 'BAD_CURSOR',
        });
      }
    }
  });

  it('hot-reloads a changed file and serves the new data', async () => {
    const renamed = FTM_ENTITIES.map((entity) =>
      entity.id === 'de-person-1'
        ? { ...entity, properties: { ...entity.properties, name: ['Jana Krüger-Beck'] } }
        : entity,
    );
    await replaceFile(dataDir.dir, toJsonLines(renamed));
    await eventually(async () => {
      const [entry] = await registries.watchlist!.entriesByIds(['de-sanction-0000001']);
      expect(entry?.subject.name).toBe('Jana Krüger-Beck');
    });
    expect(
      logLines.some((line) => /reloaded .* WatchlistEntry=1 .*CryptoWallet=3/.test(line)),
    ).toBe(true);
  });

  it('keeps serving the old data when the new file is bad, and reports the problem', async () => {
    const bad = toJsonLines([...FTM_ENTITIES.filter((entity) => entity.id !== 'de-company-2')]);
    await replaceFile(dataDir.dir, bad);
    await eventually(async () => {
      expect(logLines.some((line) => line.includes('rejected new'))).toBe(true);
    });
    const rejection = logLines.find((line) => line.includes('rejected new'))!;
    expect(rejection).toMatch(
      /entities\.ftm\.jsonl:\d+ \(record de-arrest-0000001\): dangling reference/,
    );
    const [order] = await registries.assets!.freezingOrdersByIds(['de-arrest-0000001']);
    expect(order?.affectedParty?.name).toBe('Nordlicht Digital GmbH');
    await expect(registries.reload()).rejects.toBeInstanceOf(ImportRejectedError);
    expect(
      (await registries.watchlist!.entriesByIds(['de-sanction-0000001']))[0]?.subject.name,
    ).toBe('Jana Krüger-Beck');
  });

  it('answers every lookup issued while a reload runs', async () => {
    await replaceFile(dataDir.dir, toJsonLines(FTM_ENTITIES));
    let reloaded = false;
    const reload = registries.reload().finally(() => {
      reloaded = true;
    });
    // Lookups keep coming, one macrotask apart, from before the reload starts until after it
    // has swapped the index: some are served by the old snapshot, some by the new one.
    const results: (readonly unknown[])[][] = [];
    let issued = 0;
    let afterSwap = 0;
    while (!reloaded || afterSwap < 20) {
      const lookup =
        issued % 2 === 0
          ? registries.watchlist!.entriesByWallets([ETH_NORMALISED])
          : registries.assets!.freezingOrdersByWallets([BTC]);
      results.push(await lookup);
      issued += 1;
      if (reloaded) afterSwap += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await reload;
    expect(issued - afterSwap).toBeGreaterThan(0); // some ran while the reload was under way
    for (const result of results) expect(result[0]).toHaveLength(1);
    expect(
      (await registries.watchlist!.entriesByIds(['de-sanction-0000001']))[0]?.subject.name,
    ).toBe('Jana Krüger');
  });
});
