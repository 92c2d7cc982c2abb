import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crossBorderWallets } from '../../../../subgraphs/kit/seed/crossBorderWallets.js';
import { FtmIndex } from '../../../../subgraphs/de/registry/FtmIndex.js';
import { seedJurisdiction } from '../../../../subgraphs/de/seed/index.js';

const SCALE = 150;

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

  it('writes a file that validates, with `scale` records per registry', async () => {
    const reports = await seedJurisdiction({ dataDir: first, scale: SCALE, databaseUrl: null });
    expect(reports.map((report) => report.registry)).toEqual([
      'de-bundesbank-sanctions',
      'de-justiz-vermoegensarrest',
    ]);
    expect(reports[0]!.counts.WatchlistEntry).toBe(SCALE);
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

  it('is deterministic across runs', async () => {
    await seedJurisdiction({ dataDir: dirs[1]!, scale: SCALE, databaseUrl: null });
    const digest = async (dir: string) =>
      createHash('sha256')
        .update(await readFile(join(dir, 'entities.ftm.jsonl')))
        .digest('hex');
    expect(await digest(dirs[1]!)).toBe(await digest(first));
  });
});
