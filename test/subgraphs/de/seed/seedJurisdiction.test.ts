import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossBorderWallets } from '../../../../subgraphs/kit/seed/crossBorderWallets.js';
import { matchingPartiesOf } from '../../../../subgraphs/kit/seed/matchingParties.js';
import { FtmIndex } from '../../../../subgraphs/de/registry/FtmIndex.js';
import { seedJurisdiction } from '../../../../subgraphs/de/seed/index.js';

const SCALE = 150;
// The watchlist lists, after its `scale` entries, Germany's share of the parties other
// members hold too (subgraphs/kit/seed/matchingParties.ts): those are not scaled.
const MATCHING = matchingPartiesOf('DE');

describe('seedJurisdiction (de)', () => {
  const dirs: string[] = [];
  let first: string;
  let index: FtmIndex;

  beforeAll(async () => {
    for (let run = 0; run < 2; run += 1) {
      const dir = await mkdtemp(join(tmpdir(), 'comity-de-seed-'));
      dirs.push(dir);
    }
    first = dirs[0]!;
  });
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('writes a file that validates, with `scale` records per registry and the matching parties', async () => {
    const reports = await seedJurisdiction({ dataDir: first, scale: SCALE, databaseUrl: null });
    expect(reports.map((report) => report.registry)).toEqual([
      'de-bundesbank-sanctions',
      'de-justiz-vermoegensarrest',
    ]);
    expect(MATCHING.length).toBeGreaterThan(0);
    expect(reports[0]!.counts.WatchlistEntry).toBe(SCALE + MATCHING.length);
    expect(reports[1]!.counts.FreezingOrder! + reports[1]!.counts.ConfiscationOrder!).toBe(SCALE);
    expect(reports[1]!.counts.ConfiscationOrder).toBeGreaterThan(0);
    expect(await readdir(first)).toEqual(['entities.ftm.jsonl']);
    index = await FtmIndex.load(join(first, 'entities.ftm.jsonl'));
  });

  it('puts cross-border pool wallet i into record i of both registries', () => {
    const pool = crossBorderWallets();
    for (const [position, walletId] of pool.entries()) {
      const number = String(position + 1).padStart(7, '0');
      expect(index.watchlistEntry(`de-sanction-${number}`)?.walletIds).toContain(walletId);
      const order =
        index.freezingOrder(`de-arrest-${number}`) ??
        index.confiscationOrder(`de-einziehung-${number}`);
      expect(order?.walletIds).toContain(walletId);
      expect(index.watchlistEntriesByWallet(walletId).length).toBeGreaterThan(0);
      expect(
        index.freezingOrdersByWallet(walletId).length +
          index.confiscationOrdersByWallet(walletId).length,
      ).toBeGreaterThan(0);
    }
  });

  it('lists matching party i as watchlist entry m<i>, after the scaled entries', () => {
    for (const [position, seeded] of MATCHING.entries()) {
      const entry = index.watchlistEntry(`de-sanction-m${String(position + 1).padStart(6, '0')}`);
      expect(entry?.subject.name).toBe(seeded.party.name);
      expect(entry?.walletIds).toEqual([seeded.walletId]);
    }
    expect(index.watchlistEntry(`de-sanction-${String(SCALE + 1).padStart(7, '0')}`)).toBeNull();
  });

  it('is deterministic across runs', async () => {
    await seedJurisdiction({ dataDir: dirs[1]!, scale: SCALE, databaseUrl: null });
    const digest = async (dir: string) =>
      createHash('sha256')
        .update(await readFile(join(dir, 'entities.ftm.jsonl')))
        .digest('hex');
    expect(await digest(dirs[1]!)).toBe(await digest(first));
  });
});
