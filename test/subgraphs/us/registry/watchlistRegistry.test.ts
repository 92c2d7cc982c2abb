import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchlistEntryRecord } from '../../../../core/records.js';
import { ImportRejectedError } from '../../../../subgraphs/kit/registry/ImportRejectedError.js';
import type { Page } from '../../../../subgraphs/kit/registry/types.js';
import { crossBorderWallets } from '../../../../subgraphs/kit/seed/crossBorderWallets.js';
import { openRegistries } from '../../../../subgraphs/us/registry/index.js';
import { writeEntries } from '../../../../subgraphs/us/registry/store.js';
import { entryId, syntheticEntries } from '../../../../subgraphs/us/seed/syntheticEntries.js';

// United States's watchlist adapter (ftm-jsonl) against its real store in a temporary folder:
// written by the store's own writer, read back in batches aligned with their keys, one
// backend round trip per batch.
const SCALE = 40;
let dataDir: string;
let registries: Awaited<ReturnType<typeof openRegistries>>;
const calls: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'comity-us-registry-'));
  await writeEntries({ dataDir, databaseUrl: null }, syntheticEntries(SCALE));
  registries = await openRegistries({
    dataDir,
    databaseUrl: null,
    countQuery: (registry, method) => calls.push(`${registry}.${method}`),
  });
});

afterAll(async () => {
  await registries?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('us watchlist (ftm-jsonl)', () => {
  it('answers a batch of ids aligned with the keys, unknown ids as null, in one round trip', async () => {
    calls.length = 0;
    const records = await registries.watchlist!.entriesByIds([
      entryId(2),
      'no-such-id',
      entryId(1),
    ]);
    expect(records.map((record) => record?.id ?? null)).toEqual([entryId(2), null, entryId(1)]);
    expect(records[0]!.provenance.jurisdiction).toBe('US');
    expect(calls).toEqual(['us-watchlist.entriesByIds']);
  });

  it('finds the entries listing a wallet by its canonical id, aligned with the keys', async () => {
    const pooled = crossBorderWallets()[0]!;
    const [hits, none] = await registries.watchlist!.entriesByWallets([pooled, 'eip155:1:0x0']);
    expect(hits!.map((record) => record.id)).toContain(entryId(1));
    expect(none).toEqual([]);
  });

  it('pages through every entry newest first without repeating one', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let listingDates: string[] = [];
    do {
      const page: Page<WatchlistEntryRecord> = await registries.watchlist!.listEntries({
        first: 15,
        after,
      });
      expect(page.totalCount).toBe(SCALE);
      seen.push(...page.records.map((record) => record.id));
      listingDates = listingDates.concat(page.records.map((record) => record.listingDate));
      after = page.nextCursor;
    } while (after !== null);
    expect(new Set(seen).size).toBe(SCALE);
    expect([...listingDates].sort().reverse()).toEqual(listingDates);
  });

  it('refuses a batch with a bad wallet id whole, naming the entry and the reason', async () => {
    const [good, bad] = syntheticEntries(2);
    const misfiled = { ...bad!, walletIds: ['btc:TXT3aZBN6iVyk5pFwboDawqHUHSojQFHcB'] };
    const error = await writeEntries({ dataDir, databaseUrl: null }, [good!, misfiled]).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ImportRejectedError);
    expect((error as ImportRejectedError).problems[0]!.recordId).toBe(bad!.id);
    expect((error as ImportRejectedError).problems[0]!.reason).toMatch(/Tron/);
  });
});
