import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { processTree, watchProcess, watchProcessTree } from '../../bench/processStats.js';

// A gateway with GATEWAY_WORKERS > 1 is a primary and its workers; the workers comparison
// measures them together. A real process tree here: a node parent that forks two children
// and keeps them busy.
const PARENT = `
const { spawn } = require('node:child_process');
const spin = 'const end = Date.now() + 5000; while (Date.now() < end) {}';
const children = [0, 1].map(() => spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }));
console.log(children.map((child) => child.pid).join(' '));
setInterval(() => {}, 1000);
`;

const started: number[] = [];
afterEach(() => {
  // Whatever the test reached: the parent (kept alive by its interval) and its children.
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

describe('processTree and watchProcessTree', () => {
  it('find a process with its children and add up their CPU and memory', async () => {
    const parent = spawn(process.execPath, ['-e', PARENT], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    started.push(parent.pid!);
    const [line] = (await once(parent.stdout!, 'data')) as [Buffer];
    const children = line.toString().trim().split(' ').map(Number);
    started.push(...children);
    const expected = [parent.pid!, ...children].sort();
    expect(processTree(parent.pid!).sort()).toEqual(expected);
    // The same tree from every process's parent id, for kernels without children lists.
    expect(processTree(parent.pid!, true).sort()).toEqual(expected);

    const tree = watchProcessTree(parent.pid!);
    const alone = watchProcess(parent.pid!);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const treeUsage = tree.stop();
    const parentUsage = alone.stop();
    // The parent idles; its children spin. Whatever share of the two cores the test runner
    // leaves them, the tree's CPU is the children's, which the parent's own figure lacks.
    expect(parentUsage.cpu!).toBeLessThan(0.1);
    expect(treeUsage.cpu! - parentUsage.cpu!).toBeGreaterThan(0.2);
    // Three node processes' resident sets, against one.
    expect(treeUsage.maxRssMiB!).toBeGreaterThan(parentUsage.maxRssMiB! + 20);
  });
});
