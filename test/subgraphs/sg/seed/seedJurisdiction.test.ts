import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossBorderWallets } from '../../../../subgraphs/kit/seed/crossBorderWallets.js';
import { matchingPartiesOf } from '../../../../subgraphs/kit/seed/matchingParties.js';
import { openRegistries } from '../../../../subgraphs/sg/registry/index.js';
import type { SingaporeRegistries } from '../../../../subgraphs/sg/registry/index.js';
import { seedJurisdiction } from '../../../../subgraphs/sg/seed/index.js';

const SCALE = 150;
// The watchlist holds, beside its `scale` documents, Singapore's share of the parties other
// members hold too (subgraphs/kit/seed/matchingParties.ts): those are not scaled.
const MATCHING = matchingPartiesOf('SG');
const roots: string[] = [];

async function seeded(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'comity-sg-seed-'));
  roots.push(root);
  await seedJurisdiction({ dataDir: root, scale: SCALE, databaseUrl: null });
  return root;
}

afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describe('seedJurisdiction (sg)', () => {
  let first: string;
  let second: string;
  let registries: SingaporeRegistries;

  beforeAll(async () => {
    [first, second] = [await seeded(), await seeded()];
    registries = await openRegistries({ dataDir: first, databaseUrl: null, countQuery: () => {} });
  });
  afterAll(() => registries?.close());

  it('writes the same first record of each registry on every run', async () => {
    for (const file of [
      'disclosures/0000/SG-TR-0000001.json',
      'watchlist/0000/SG-WL-0000001.json',
    ]) {
      const [a, b] = await Promise.all([
        readFile(path.join(first, file), 'utf8'),
        readFile(path.join(second, file), 'utf8'),
      ]);
      expect(JSON.parse(a).id).toBe(path.basename(file, '.json'));
      expect(a).toBe(b);
    }
  });

  it('leaves only the two registry folders, no staging left over', async () => {
    expect((await readdir(first)).sort()).toEqual(['disclosures', 'watchlist']);
  });

  it('puts every cross-border wallet in both registries, on the side the rank says', async () => {
    const pool = crossBorderWallets();
    const disclosures = await registries.disclosures.disclosuresByWallets(pool);
    const entries = await registries.watchlist.entriesByWallets(pool);
    pool.forEach((wallet, i) => {
      const rank = i + 1;
      const id = `SG-TR-${String(rank).padStart(7, '0')}`;
      const disclosure = disclosures[i]!.find((record) => record.id === id);
      const side = rank % 2 === 1 ? disclosure?.beneficiary : disclosure?.originator;
      expect(side?.accountNumbers).toContain(wallet);
      expect(entries[i]!.map((record) => record.id)).toContain(
        `SG-WL-${String(rank).padStart(7, '0')}`,
      );
    });
  });

  it('loads every seeded document: `scale` per registry, and the matching parties', async () => {
    const page = await registries.disclosures.listDisclosures({ first: 1, after: null });
    const watchlist = await registries.watchlist.listEntries({ first: 1, after: null });
    expect(MATCHING.length).toBeGreaterThan(0);
    expect([page.totalCount, watchlist.totalCount]).toEqual([SCALE, SCALE + MATCHING.length]);
    const ids = MATCHING.map((_, i) => `SG-WL-M${String(i + 1).padStart(6, '0')}`);
    const entries = await registries.watchlist.entriesByIds(ids);
    entries.forEach((entry, i) => expect(entry?.walletIds).toEqual([MATCHING[i]!.walletId]));
  });
});
