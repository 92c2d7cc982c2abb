import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { REPO_ROOT } from '../core/federationConfig.js';

export interface BenchProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  /** The last lines it printed, for the error message when it does not come up. */
  lines: string[];
  /** SIGTERM, then SIGKILL after 5 s; resolves when it has exited. */
  stop(): Promise<void>;
}

const KEPT_LINES = 40;

/** Starts `node [nodeArgs] --import tsx <entry> [args]` from the repository root. */
export function spawnProcess(options: {
  name: string;
  entry: string;
  args?: string[];
  nodeArgs?: string[];
  env: Record<string, string | undefined>;
}): BenchProcess {
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', options.entry, ...(options.args ?? [])],
    { cwd: REPO_ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => {
      lines.push(line);
      if (lines.length > KEPT_LINES) lines.shift();
    });
  }
  return {
    name: options.name,
    child,
    pid: child.pid!,
    lines,
    stop: () => stopChild(child),
  };
}

export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Polls until `probe` answers true, the process exits, or the time is up; the error names the
 * process and carries its last lines.
 */
export async function waitReady(
  proc: BenchProcess,
  probe: () => Promise<boolean>,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null) {
      throw new Error(`${proc.name} exited before it was ready:\n${proc.lines.join('\n')}`);
    }
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) {
      throw new Error(`${proc.name} was not ready in time:\n${proc.lines.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
