import type { AuditLog } from './AuditLog.js';
import { DEFAULT_CHECKPOINT_EVERY } from './AuditLog.js';
import { AuditStoreMissingError, onDiskPgliteDir } from './openAuditStore.js';
import { jurisdictionAuditStore, openJurisdictionAuditLog } from './openJurisdictionAuditLog.js';
import type { AuditStoreLocation } from './openJurisdictionAuditLog.js';
import { AuditStoreInUseError } from './storeLock.js';

// What the audit commands (scripts/audit*.ts) share: how they open a member's log, how they
// describe the store they read, and how every failure becomes one line and an exit status.

/** Exit statuses of `audit:verify`, `audit:export` and `audit:purge` (docs/accountability.md). */
export const AuditCommandExit = {
  OK: 0,
  /** The log is broken, the event or the store is not there, a file cannot be read… */
  FAILED: 1,
  /** A bad command line (scripts/commandLine.ts). */
  USAGE: 2,
  /** `audit:verify`: the chain is intact but not covered by signed checkpoints. */
  WARNING: 3,
  /** The embedded store is held by a running member or another command: nothing was read. */
  STORE_IN_USE: 4,
} as const;

/**
 * `audit:verify` warns when more events than this are under no signed checkpoint: a member
 * signs one every `DEFAULT_CHECKPOINT_EVERY` (100) events and every minute, so a log this far
 * behind is one whose checkpoints stopped (or were never) issued, and which nothing a partner
 * holds can show was not rewritten.
 */
export const UNCHECKPOINTED_EVENTS_LIMIT = 10 * DEFAULT_CHECKPOINT_EVERY;

/** A failure a command reports as one line (`<command>: <message>`) and this exit status. */
export class AuditCommandError extends Error {
  override readonly name = 'AuditCommandError';
  constructor(
    message: string,
    readonly exitCode: number = AuditCommandExit.FAILED,
  ) {
    super(message);
  }
}

export interface OpenedForCommand {
  log: AuditLog;
  location: AuditStoreLocation;
}

/**
 * Opens member `code`'s audit log for `command`, as `openJurisdictionAuditLog` locates it: an
 * embedded store only under its owner lock (a store a running member holds is refused with
 * `AuditStoreInUseError`, before anything is opened), and never creating a log that is not
 * there (`AuditStoreMissingError`).
 */
export async function openAuditLogForCommand(
  command: string,
  code: string,
  minRetentionDays: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<OpenedForCommand> {
  const location = jurisdictionAuditStore(code, env);
  try {
    const log = await openJurisdictionAuditLog(
      code,
      minRetentionDays,
      { checkpointIntervalMs: 0, holder: command, mustExist: true },
      env,
    );
    return { log, location };
  } catch (error) {
    if (error instanceof AuditStoreInUseError || error instanceof AuditStoreMissingError) {
      throw error;
    }
    throw new AuditCommandError(`cannot open ${storeName(location)}: ${errorText(error)}`);
  }
}

function storeName(location: AuditStoreLocation): string {
  const cc = location.jurisdiction.toUpperCase();
  const dir = onDiskPgliteDir(location);
  if (location.databaseUrl !== null) {
    return `${cc}'s audit log in PostgreSQL ${redactedUrl(location.databaseUrl)}`;
  }
  return dir === null ? `${cc}'s in-memory audit log` : `${cc}'s embedded store at ${dir}`;
}

/**
 * The store a command read and whether it is live: an embedded store the command could open
 * is one no member is serving (it held the lock); a PostgreSQL log may be appended to
 * meanwhile.
 */
export function describeStore(location: AuditStoreLocation): string {
  if (location.databaseUrl !== null) {
    return (
      `read ${storeName(location)}, schema ${location.schema}; live: a member may be ` +
      `appending to it (read as of one snapshot)`
    );
  }
  return `read ${storeName(location)}; no member is serving it now (not live)`;
}

/** host:port/database, without the credentials. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return '(AUDIT_DATABASE_URL)';
  }
}

/**
 * How many events of an intact log no signed checkpoint covers, and the last one that is
 * (0: none is).
 */
export async function uncheckpointedEvents(
  log: AuditLog,
  eventsInLog: number,
): Promise<{ count: number; lastCoveredSeq: number }> {
  const { rows } = await log.client.query<{ head: string | number; covered: string | null }>(
    `SELECT (SELECT seq FROM ${log.schema}.chain_head WHERE id) AS head,
            (SELECT max(first_seq + tree_size - 1) FROM ${log.schema}.checkpoints) AS covered`,
  );
  const head = Number(rows[0]?.head ?? 0);
  const covered = rows[0]?.covered;
  if (covered === null || covered === undefined) return { count: eventsInLog, lastCoveredSeq: 0 };
  const lastCoveredSeq = Number(covered);
  return { count: Math.max(0, head - lastCoveredSeq), lastCoveredSeq };
}

/** The head sequence number and the oldest event still held (null: none). */
export async function heldRange(log: AuditLog): Promise<{ head: number; oldest: number | null }> {
  const { rows } = await log.client.query<{ head: string | number; oldest: string | null }>(
    `SELECT (SELECT seq FROM ${log.schema}.chain_head WHERE id) AS head,
            (SELECT min(seq) FROM ${log.schema}.events) AS oldest`,
  );
  const oldest = rows[0]?.oldest;
  return {
    head: Number(rows[0]?.head ?? 0),
    oldest: oldest === null || oldest === undefined ? null : Number(oldest),
  };
}

/** What `command` prints (one line, no stack) and the status it exits with, for `error`. */
export function commandFailure(
  command: string,
  error: unknown,
): { line: string; exitCode: number } {
  if (error instanceof AuditStoreInUseError) {
    const cc = error.jurisdiction;
    const { holder, pid, since } = error.holder;
    const line = holder.startsWith('member ')
      ? `${command}: ${cc}'s audit store is in use by the running ${holder.slice('member '.length)} ` +
        `member (pid ${pid}); stop it first (Ctrl-C in npm start), or run the member on ` +
        `PostgreSQL (AUDIT_DATABASE_URL) to audit it live`
      : `${command}: ${cc}'s audit store is in use by ${holder} (pid ${pid}, since ${since}); ` +
        `wait for it to finish, then run ${command} again`;
    return { line, exitCode: AuditCommandExit.STORE_IN_USE };
  }
  if (error instanceof AuditStoreMissingError) {
    const hint = !('pgliteDir' in error.where)
      ? 'check AUDIT_DATABASE_URL'
      : 'has the member run here? set COMITY_DATA_ROOT to the folder npm start uses (default .data), or AUDIT_DATABASE_URL';
    return { line: `${command}: ${error.message} (${hint})`, exitCode: AuditCommandExit.FAILED };
  }
  if (error instanceof AuditCommandError) {
    return { line: `${command}: ${error.message}`, exitCode: error.exitCode };
  }
  return { line: `${command}: ${errorText(error)}`, exitCode: AuditCommandExit.FAILED };
}

/**
 * One line saying what went wrong, whatever was thrown: an Error's message, a system
 * error's code, the first of an AggregateError's (a refused connection to each address of a
 * host), or PGlite's file-system errors, which are plain objects with an errno.
 */
export function errorText(error: unknown): string {
  if (error instanceof AggregateError && !error.message && error.errors.length > 0) {
    return errorText(error.errors[0]);
  }
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return firstLine(error.message) || code || error.name;
  }
  if (typeof error === 'object' && error !== null && 'errno' in error) {
    const { name, errno } = error as { name?: unknown; errno?: unknown };
    return `${String(name ?? 'error')} ${String(errno)} from PGlite's file system (is the folder readable and writable by this user?)`;
  }
  return firstLine(String(error)) || 'failed';
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0]!.trim();
}

/**
 * Runs a command's body: its result is the exit status (default 0); whatever it throws is
 * printed as one line on stderr (`commandFailure`) — never a stack — and sets the status.
 */
export async function runAuditCommand(
  command: string,
  body: () => Promise<number | void>,
): Promise<void> {
  try {
    process.exitCode = (await body()) ?? AuditCommandExit.OK;
  } catch (error) {
    const failure = commandFailure(command, error);
    console.error(failure.line);
    process.exitCode = failure.exitCode;
  }
}
