import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startFederation } from '../../scripts/startFederation.js';

const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'comity-abort-'));
afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

/** PIDs of live processes whose environment points into `root`. */
function processesUnder(root: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8');
      if (environ.includes(`COMITY_DATA_DIR=${root}`)) found.push(Number(entry));
    } catch {
      // gone, or not ours
    }
  }
  return found;
}

describe('startFederation with an abort signal', () => {
  it('stops every process it started when aborted during the start, and says so', async () => {
    const controller = new AbortController();
    const starting = startFederation({
      dataRoot,
      portOffset: 29_000,
      onLine: () => {},
      maxRestarts: 0,
      signal: controller.signal,
    });
    // Let the subgraphs spawn, then interrupt before they can all be ready.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processesUnder(dataRoot).length).toBeGreaterThan(0);
    controller.abort();
    await expect(starting).rejects.toThrow(/interrupted/);
    expect(processesUnder(dataRoot)).toEqual([]);
  });
});
