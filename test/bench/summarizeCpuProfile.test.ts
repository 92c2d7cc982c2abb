import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summarizeCpuProfile } from '../../bench/summarizeCpuProfile.js';

// A profile in the format `node --cpu-prof` writes: sample i was taken at startTime plus the
// first i + 1 time deltas (µs). Start-up runs `load`, the measured window `handle`.
const dir = mkdtempSync(path.join(os.tmpdir(), 'comity-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeProfile(): string {
  const frame = (id: number, functionName: string) => ({
    id,
    callFrame: { functionName, url: `file:///app/${functionName}.js`, lineNumber: 0 },
  });
  const profile = {
    startTime: 1_000_000,
    endTime: 1_000_000 + 10_000,
    nodes: [frame(1, 'load'), frame(2, 'handle')],
    // Ten samples 1 ms apart: five of start-up (at +1 … +5 ms), five under load (+6 … +10 ms).
    samples: [1, 1, 1, 1, 1, 2, 2, 2, 2, 2],
    timeDeltas: Array(10).fill(1_000),
  };
  const file = path.join(dir, 'test.cpuprofile');
  writeFileSync(file, JSON.stringify(profile));
  return file;
}

describe('summarizeCpuProfile', () => {
  it('counts every sample without a window, and only the window when one is given', () => {
    const file = writeProfile();
    const all = summarizeCpuProfile(file);
    expect(all.totalMs).toBe(10);
    expect(all.functions.map((f) => [f.function.split(' ')[0], f.ms])).toEqual([
      ['load', 5],
      ['handle', 5],
    ]);

    const measured = summarizeCpuProfile(file, 15, { fromUs: 1_005_500, toUs: 1_010_000 });
    expect(measured.totalMs).toBe(5);
    expect(measured.functions).toEqual([
      { function: 'handle (/app/handle.js:1)', share: 1, ms: 5 },
    ]);
  });
});
