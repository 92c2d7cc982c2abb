import { randomUUID } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';

// An embedded (PGlite) store has one writer: PGlite is PostgreSQL compiled into the process,
// with no server to arbitrate between two processes. A second process opening the folder a
// member is writing runs a second PostgreSQL on the same files; its shutdown checkpoint then
// rewinds the member's crash recovery, and events whose responses were sent are lost when
// the member next restarts after a crash. So whoever opens such a store — the member at
// start, an audit command — first takes this lock, and nobody opens a store another live
// process holds. (A PostgreSQL server has many writers and needs none.)

/** What the lock file of an embedded store says: who holds the store. */
export interface StoreLockHolder {
  pid: number;
  /** Who that is, for people: `member DE`, `audit:verify`… */
  holder: string;
  /** When the lock was taken, ISO 8601. */
  since: string;
  /**
   * When the holding process started (Linux: clock ticks since boot, from /proc/<pid>/stat):
   * a process that later got the same pid is not taken for the holder.
   */
  processStart?: string;
  /** Tells this lock from an earlier one of the same pid. */
  token: string;
}

/** Opening an embedded store that a live process holds. Nothing was opened or written. */
export class AuditStoreInUseError extends Error {
  override readonly name = 'AuditStoreInUseError';
  constructor(
    /** Upper case. */
    readonly jurisdiction: string,
    readonly storeDir: string,
    readonly lockFile: string,
    readonly holder: StoreLockHolder,
  ) {
    super(
      `${jurisdiction}'s audit store ${storeDir} is in use by ${holder.holder} ` +
        `(pid ${holder.pid}, since ${holder.since}); an embedded store has one writer: ` +
        `try again once it has finished`,
    );
  }
}

/** `<dataDir>.lock`: beside the PGlite folder (`.data/de/audit-pglite.lock`), not in it. */
export function storeLockFile(dataDir: string): string {
  return `${path.resolve(dataDir)}.lock`;
}

export interface StoreLock {
  readonly file: string;
  readonly holder: StoreLockHolder;
  /** Removes the lock file if it is still this lock. Idempotent. */
  release(): Promise<void>;
}

export interface StoreLockOptions {
  /** Who takes it: `member DE`, `audit:verify`. */
  holder: string;
  /** Whose store it is, upper case; for messages. */
  jurisdiction: string;
  /** Told when a stale lock (its process is gone) is taken over. Default: `console.warn`. */
  onTakeOver?: (message: string) => void;
}

/** Locks this process holds: lock file → its exact text. */
const held = new Map<string, string>();
let exitHookInstalled = false;

/** How long an unreadable lock file is taken for one being written before it counts as stale. */
const TORN_LOCK_GRACE_MS = 2_000;
/** Rounds of create / find stale / remove before giving up on a lock that keeps changing hands. */
const MAX_ATTEMPTS = 20;

/**
 * Takes the owner lock of the embedded store in `dataDir`: creates `<dataDir>.lock`
 * exclusively (O_EXCL) holding `StoreLockHolder`. A lock whose process is gone is stale and
 * taken over (and `onTakeOver` says so); a lock a live process holds — this one included —
 * throws `AuditStoreInUseError` naming it. Released by `release()` and, failing that, when
 * the process exits; a process killed outright leaves a stale lock the next opener takes over.
 */
export async function acquireStoreLock(
  dataDir: string,
  options: StoreLockOptions,
): Promise<StoreLock> {
  const storeDir = path.resolve(dataDir);
  const file = storeLockFile(storeDir);
  const onTakeOver = options.onTakeOver ?? ((message: string) => console.warn(message));
  await mkdir(path.dirname(file), { recursive: true });
  const started = readProcStat(process.pid)?.start;
  const holder: StoreLockHolder = {
    pid: process.pid,
    holder: options.holder,
    since: new Date().toISOString(),
    ...(started === undefined ? {} : { processStart: started }),
    token: randomUUID(),
  };
  const text = `${JSON.stringify(holder)}\n`;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (await createExclusively(file, text)) {
      held.set(file, text);
      installExitHook();
      return { file, holder, release: () => releaseLock(file, text) };
    }
    const current = await readLockFile(file);
    if (current === null) continue; // released meanwhile
    let reason: string;
    if (current.holder === null) {
      if (Date.now() - current.mtimeMs < TORN_LOCK_GRACE_MS) {
        await sleep(150);
        continue;
      }
      reason = 'an unreadable lock file (a process died while taking it)';
    } else if (holderIsAlive(current.text, current.holder)) {
      throw new AuditStoreInUseError(options.jurisdiction, storeDir, file, current.holder);
    } else {
      const { holder: who, pid, since } = current.holder;
      reason = `the lock of ${who} (pid ${pid}, since ${since}), which is no longer running`;
    }
    if (await removeStale(file, current.text)) {
      onTakeOver(`${options.jurisdiction}'s audit store ${storeDir}: took over ${reason}`);
    }
  }
  throw new Error(`could not take the lock ${file}: it keeps changing hands`);
}

/** Creates `file` with `text` unless it exists (false then). */
async function createExclusively(file: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(file).catch(() => {});
    throw error;
  }
  await handle.close();
  return true;
}

interface LockFileContents {
  text: string;
  /** null when the file does not hold a lock (torn, or not ours). */
  holder: StoreLockHolder | null;
  mtimeMs: number;
}

/** The lock file as it is now; null when there is none. */
async function readLockFile(file: string): Promise<LockFileContents | null> {
  try {
    const [text, stats] = await Promise.all([readFile(file, 'utf8'), stat(file)]);
    return { text, holder: parseHolder(text), mtimeMs: stats.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parseHolder(text: string): StoreLockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<StoreLockHolder>;
    const valid =
      Number.isSafeInteger(value.pid) &&
      (value.pid as number) > 0 &&
      typeof value.holder === 'string' &&
      typeof value.since === 'string';
    return valid ? (value as StoreLockHolder) : null;
  } catch {
    return null;
  }
}

/**
 * Whether the process a lock names still runs. This process holds it only if it took that
 * very lock (same pid, an earlier life: a container restarted with the same pid, is stale).
 */
function holderIsAlive(text: string, holder: StoreLockHolder): boolean {
  // By text (its token is unique), not by path: a store reached through a symlink is one lock.
  if (holder.pid === process.pid) return [...held.values()].includes(text);
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: it runs, under another user.
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  const now = readProcStat(holder.pid);
  if (now === null) return true; // not Linux, or /proc hidden: the pid is all there is
  if (now.state === 'Z' || now.state === 'X') return false; // exited, not yet reaped
  return holder.processStart === undefined || holder.processStart === now.start;
}

/** State and start time of `pid` from /proc (Linux); null elsewhere or when it is gone. */
function readProcStat(pid: number): { state: string; start: string } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // `pid (comm) state ppid …`: comm may hold spaces and parentheses; fields resume after
    // the last ')'. Field 3 is the state, field 22 the start time.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const state = fields[0];
    const start = fields[19];
    return state && start ? { state, start } : null;
  } catch {
    return null;
  }
}

/**
 * Removes the stale lock file whose text is `text`; false when it was not there any more.
 * It is moved aside first (one rename: of two processes removing it at once, one succeeds);
 * if what was moved is a lock taken meanwhile, it is put back.
 */
async function removeStale(file: string, text: string): Promise<boolean> {
  const aside = `${file}.${process.pid}.${randomUUID()}.stale`;
  try {
    await rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = await readFile(aside, 'utf8').catch(() => null);
  if (moved !== text) {
    // A live lock, taken between our read and our rename: it stands, unless yet another
    // lock was taken meanwhile (then that one does, and the next round reports it).
    await link(aside, file).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') await rename(aside, file).catch(() => {});
    });
  }
  await unlink(aside).catch(() => {});
  return moved === text;
}

async function releaseLock(file: string, text: string): Promise<void> {
  if (held.get(file) !== text) return;
  held.delete(file);
  const current = await readFile(file, 'utf8').catch(() => null);
  if (current === text) await unlink(file).catch(() => {});
}

/** On exit (`process.exit`, an uncaught error, the end of the event loop) the locks go too. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const [file, text] of held) {
      try {
        if (readFileSync(file, 'utf8') === text) unlinkSync(file);
      } catch {
        // gone already
      }
    }
    held.clear();
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
