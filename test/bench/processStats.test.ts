import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { processTree, watchProcess, watchProcessTree } from '../../bench/processStats.js';

// A gateway with GATEWAY_WORKERS > 1 is a primary and its workers; the workers comparison
// measures them together. A real process tree here: a node parent that forks two children
// and keeps them busy.
const PARENT = `
const { spawn } = require('node:child_process');
const spin = 'const end = Date.now() + 60000; while (Date.now() < end) {}';
const children = [0, 1].map(() => spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }));
console.log(children.map((child) => child.pid).join(' '));
setInterval(() => {}, 1000);
`;

let stopTree: (() => void) | null = null;
afterEach(() => stopTree?.());

describe('processTree and watchProcessTree', () => {
  it('find a process with its children and add up their CPU and memory', async () => {
    const parent = spawn(process.execPath, ['-e', PARENT], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(parent.stdout!, 'data')) as [Buffer];
    const children = line.toString().trim().split(' ').map(Number);
    stopTree = () => {
      for (const pid of [...children, parent.pid!]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    };
    expect(processTree(parent.pid!).sort()).toEqual([parent.pid!, ...children].sort());

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
