import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeExportFiles } from '../../../../subgraphs/fr/seed/writeExportFiles.js';

const roots: string[] = [];

async function written(threads: number): Promise<Record<string, string>> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'comity-fr-export-'));
  roots.push(root);
  const files = await writeExportFiles(root, 120, { threads });
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
    for (const [name, content] of Object.entries(serial)) {
      expect(content.split('\n')).toHaveLength(121);
      expect(parallel[name]).toBe(content);
    }
    expect(JSON.parse(serial['freezing-orders.jsonl']!.split('\n')[0]!).id).toBe('FR-FO-0000001');
  });
});
