import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeExportFiles } from '../../../../subgraphs/fr/seed/writeExportFiles.js';
import { matchingPartiesOf } from '../../../../subgraphs/kit/seed/matchingParties.js';

const SCALE = 120;
// The watchlist file lists, after its `scale` records, France's share of the parties other
// members hold too (subgraphs/kit/seed/matchingParties.ts): those are not scaled.
const MATCHING = matchingPartiesOf('FR');

const roots: string[] = [];

async function written(threads: number): Promise<Record<string, string>> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'comity-fr-export-'));
  roots.push(root);
  const files = await writeExportFiles(root, SCALE, { threads });
  const contents: Record<string, string> = {};
  for (const file of files) contents[path.basename(file)] = await readFile(file, 'utf8');
  return contents;
}

afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describe('writeExportFiles (fr)', () => {
  it('writes the same bytes on worker threads as on the calling thread', async () => {
    const [serial, parallel] = [await written(1), await written(2)];
    expect(Object.keys(serial)).toEqual([
      'freezing-orders.jsonl',
      'confiscation-orders.jsonl',
      'watchlist.jsonl',
      'disclosures.jsonl',
    ]);
    expect(MATCHING.length).toBeGreaterThan(0);
    for (const [name, content] of Object.entries(serial)) {
      const records = content.split('\n');
      // One record a line, each line ended: the last split is the empty rest.
      expect(records.pop()).toBe('');
      expect(records).toHaveLength(name === 'watchlist.jsonl' ? SCALE + MATCHING.length : SCALE);
      expect(parallel[name]).toBe(content);
    }
    const watchlist = serial['watchlist.jsonl']!.trimEnd().split('\n');
    expect(JSON.parse(watchlist[SCALE - 1]!).id).toBe(`FR-WL-${String(SCALE).padStart(7, '0')}`);
    expect(JSON.parse(watchlist[SCALE]!)).toMatchObject({
      id: 'FR-WL-M000001',
      walletIds: [MATCHING[0]!.walletId],
    });
    expect(JSON.parse(serial['freezing-orders.jsonl']!.split('\n')[0]!).id).toBe('FR-FO-0000001');
  });
});
