import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../../subgraphs/kit/seed/createProgress.js';

function captureStream(): { stream: Writable & { isTTY?: boolean }; lines: () => string[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      chunks.push(String(chunk));
      callback();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

describe('createProgress without a terminal', () => {
  it('writes one line per 10% step', () => {
    const { stream, lines } = captureStream();
    const progress = createProgress('fr', 1_000, { stream });
    for (let i = 0; i < 1_000; i++) progress.tick();
    progress.stop();
    expect(lines()).toHaveLength(10);
    expect(lines()[3]).toBe('fr: 40% (400/1000)');
    expect(lines()[9]).toBe('fr: 100% (1000/1000)');
  });

  it('reports where an interrupted run stopped', () => {
    const { stream, lines } = captureStream();
    const progress = createProgress('de', 100, { stream });
    progress.tick(25);
    progress.tick(3);
    progress.stop();
    expect(lines()).toEqual(['de: 25% (25/100)', 'de: 28% (28/100)']);
  });

  it('defaults to stderr, never stdout', () => {
    const written: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    const originalErr = process.stderr.write.bind(process.stderr);
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      const progress = createProgress('sg', 10);
      progress.tick(10);
      progress.stop();
    } finally {
      process.stdout.write = original;
      process.stderr.write = originalErr;
    }
    expect(written.join('')).not.toContain('sg');
  });
});
