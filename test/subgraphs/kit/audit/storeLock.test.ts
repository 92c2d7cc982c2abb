import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../../../../core/federationConfig.js';
import { commandFailure } from '../../../../subgraphs/kit/audit/auditCommand.js';
import { openAuditLog } from '../../../../subgraphs/kit/audit/openAuditLog.js';
import type { AuditLog, AuditLogOptions } from '../../../../subgraphs/kit/audit/openAuditLog.js';
import {
  AuditStoreInUseError,
  acquireStoreLock,
  storeLockFile,
} from '../../../../subgraphs/kit/audit/storeLock.js';
import type { StoreLockHolder } from '../../../../subgraphs/kit/audit/storeLock.js';
import { accessEvent, testSigningKey } from './auditTestLog.js';

// The owner lock of an embedded audit store (subgraphs/kit/audit/storeLock.ts), on real
// PGlite folders and real processes: one writer per store, a dead holder's lock taken over.

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'comity-store-lock-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const opened: AuditLog[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const log of opened.splice(0)) await log.close();
});

let dirs = 0;
const freshDir = () => path.join(root, `store-${++dirs}`, 'audit-pglite');

async function open(dir: string, options: Partial<AuditLogOptions> = {}): Promise<AuditLog> {
  const log = await openAuditLog({
    databaseUrl: null,
    pgliteDataDir: dir,
    schema: 'audit_de',
    jurisdiction: 'de',
    signingKey: await testSigningKey(),
    checkpointIntervalMs: 0,
    ...options,
  });
  opened.push(log);
  return log;
}

const deEvent = (n: number) => accessEvent(n, { jurisdiction: 'DE', homeCountry: 'DE' });

const readLock = async (dir: string) =>
  JSON.parse(await readFile(storeLockFile(dir), 'utf8')) as StoreLockHolder;

/** A pid no process has any more: a child that has exited (and been reaped). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

/** A process that runs until killed. */
function sleeper(): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
}

const lockText = (holder: Partial<StoreLockHolder>) =>
  `${JSON.stringify({ holder: 'member DE', since: '2026-01-01T00:00:00.000Z', token: 't', ...holder })}\n`;

describe('the owner lock of an embedded audit store', () => {
  it('a second open of the same PGlite folder fails naming the holder; close lets go', async () => {
    const dir = freshDir();
    const member = await open(dir, { holder: 'member DE' });
    await member.append(deEvent(1));
    expect(await readLock(dir)).toMatchObject({ pid: process.pid, holder: 'member DE' });
    const before = await readFile(storeLockFile(dir), 'utf8');

    const second = open(dir, { holder: 'audit:verify' });
    await expect(second).rejects.toBeInstanceOf(AuditStoreInUseError);
    const error = (await second.catch((caught: unknown) => caught)) as AuditStoreInUseError;
    expect(error.holder).toMatchObject({ pid: process.pid, holder: 'member DE' });
    expect(error.message).toMatch(/^DE's audit store .* is in use by member DE \(pid \d+, since /);
    expect(commandFailure('audit:verify', error)).toEqual({
      line:
        `audit:verify: DE's audit store is in use by the running DE member (pid ${process.pid}); ` +
        'stop it first (Ctrl-C in npm start), or run the member on PostgreSQL ' +
        '(AUDIT_DATABASE_URL) to audit it live',
      exitCode: 4,
    });
    // The refused opener left the lock as it was, and the member still writes.
    expect(await readFile(storeLockFile(dir), 'utf8')).toBe(before);
    expect((await member.append(deEvent(2))).seq).toBe(2);

    await member.close();
    expect(existsSync(storeLockFile(dir))).toBe(false);
    const next = await open(dir, { holder: 'audit:verify' });
    expect(await readLock(dir)).toMatchObject({ holder: 'audit:verify' });
    expect(await next.verify()).toEqual({ ok: true, events: 2, checkpoints: 0 });
  });

  it('refuses a store another live process holds, and leaves its lock alone', async () => {
    const dir = freshDir();
    const holder = sleeper();
    try {
      const text = lockText({ pid: holder.pid!, holder: 'audit:purge' });
      await open(dir).then((log) => log.close()); // the store exists
      await writeFile(storeLockFile(dir), text);
      const error = (await open(dir, { holder: 'member DE' }).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(AuditStoreInUseError);
      expect((error as AuditStoreInUseError).holder.pid).toBe(holder.pid);
      expect(commandFailure('audit:export', error).line).toBe(
        `audit:export: DE's audit store is in use by audit:purge (pid ${holder.pid}, ` +
          'since 2026-01-01T00:00:00.000Z); wait for it to finish, then run audit:export again',
      );
      expect(await readFile(storeLockFile(dir), 'utf8')).toBe(text);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('takes over the lock of a process that is gone, and says so', async () => {
    const dir = freshDir();
    const pid = await deadPid();
    await open(dir).then((log) => log.close());
    await writeFile(storeLockFile(dir), lockText({ pid }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await open(dir, { holder: 'audit:verify' });
    expect(await readLock(dir)).toMatchObject({ pid: process.pid, holder: 'audit:verify' });
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        new RegExp(
          `took over the lock of member DE \\(pid ${pid}, since .*\\), which is no longer running`,
        ),
      ),
    );
    // Nothing left over from the take-over.
    expect((await readdir(path.dirname(dir))).sort()).toEqual([
      'audit-pglite',
      'audit-pglite.lock',
    ]);
  });

  it.skipIf(process.platform !== 'linux')(
    'a pid now used by another process is not the holder (start times differ)',
    async () => {
      const dir = `${freshDir()}-reused`;
      const other = sleeper();
      try {
        await ensureParent(dir);
        await writeFile(storeLockFile(dir), lockText({ pid: other.pid!, processStart: '1' }));
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
        const lock = await acquireStoreLock(dir, { holder: 'audit:verify', jurisdiction: 'DE' });
        expect(warn).toHaveBeenCalledWith(expect.stringContaining(`(pid ${other.pid}, since`));
        await lock.release();
        expect(existsSync(storeLockFile(dir))).toBe(false);
      } finally {
        other.kill('SIGKILL');
      }
    },
  );

  it('an unreadable lock file is waited for briefly, then taken over', async () => {
    const dir = path.join(root, 'torn', 'audit-pglite');
    await ensureParent(dir);
    await writeFile(storeLockFile(dir), '{"pid": 12');
    const old = new Date(Date.now() - 60_000);
    await utimes(storeLockFile(dir), old, old);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const lock = await acquireStoreLock(dir, { holder: 'audit:verify', jurisdiction: 'DE' });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('an unreadable lock file'));
    await lock.release();
  });

  it('two processes racing for a stale lock: exactly one gets it', async () => {
    const dir = path.join(root, 'race', 'audit-pglite');
    await ensureParent(dir);
    await writeFile(storeLockFile(dir), lockText({ pid: await deadPid() }));
    const script = `
      const { acquireStoreLock } = await import(${JSON.stringify(path.join(REPO_ROOT, 'subgraphs/kit/audit/storeLock.ts'))});
      try {
        await acquireStoreLock(${JSON.stringify(dir)}, { holder: 'racer', jurisdiction: 'DE', onTakeOver() {} });
        console.log('GOT');
        await new Promise((resolve) => setTimeout(resolve, 8000));
      } catch (error) {
        console.log(error.name);
      }`;
    const racers = Array.from({ length: 4 }, () =>
      runNode(['--import', 'tsx', '--input-type=module', '-e', script]),
    );
    const outcomes = (await Promise.all(racers)).map((out) => out.trim()).sort();
    expect(outcomes).toEqual([
      'AuditStoreInUseError',
      'AuditStoreInUseError',
      'AuditStoreInUseError',
      'GOT',
    ]);
    // The winner exited without release(): its exit hook removed the lock.
    expect(existsSync(storeLockFile(dir))).toBe(false);
  });

  it('a process that exits without closing lets go of its lock', async () => {
    const dir = path.join(root, 'exit', 'audit-pglite');
    const script = `
      const { acquireStoreLock } = await import(${JSON.stringify(path.join(REPO_ROOT, 'subgraphs/kit/audit/storeLock.ts'))});
      await acquireStoreLock(${JSON.stringify(dir)}, { holder: 'audit:verify', jurisdiction: 'DE' });
      const { existsSync } = await import('node:fs');
      console.log(existsSync(${JSON.stringify(storeLockFile(dir))}));
      process.exit(1);`;
    expect((await runNode(['--import', 'tsx', '--input-type=module', '-e', script])).trim()).toBe(
      'true',
    );
    expect(existsSync(storeLockFile(dir))).toBe(false);
  });
});

async function ensureParent(dir: string): Promise<void> {
  await mkdir(path.dirname(dir), { recursive: true });
}

function runNode(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (chunk) => (out += chunk));
    child.once('error', reject);
    child.once('exit', () => resolve(out));
  });
}
