import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevKeys } from '../../../../core/auth/devKeys.js';
import type { DevKeys } from '../../../../core/auth/devKeys.js';
import { CONTEXT_HEADER, subgraphAudience } from '../../../../core/auth/createContextVerifier.js';
import { REPO_ROOT } from '../../../../core/federationConfig.js';
import { createContextSigner } from '../../../../gateway/auth/createContextSigner.js';
import { seedFederation } from '../../../../scripts/seedFederation.js';
import { acquireStoreLock, storeLockFile } from '../../../../subgraphs/kit/audit/storeLock.js';
import type { StoreLockHolder } from '../../../../subgraphs/kit/audit/storeLock.js';

// The hostile tester's finding, replayed on real processes: with the default embedded store,
// an audit command run while the DE member serves opened the member's PGlite folder too; after
// the member was killed and restarted, events whose responses had been sent were gone. Now the
// command refuses (the member holds the store's owner lock) and touches nothing, and every event
// appended before a SIGKILL is there after the restart. (Run with a lock-less open of the folder
// in place of the commands, as before the lock, this test fails: the head goes from 5 to 0.)

/** Port offset 19 000 (the other suites use 20 000–29 000: grep `portOffset:` in test/). */
const PORT = 4102 + 19_000;
const BASE_URL = `http://127.0.0.1:${PORT}`;

let root: string;
let dataRoot: string;
let keys: DevKeys;
let env: NodeJS.ProcessEnv;
let storeDir: string;
const members = new Set<ChildProcess>();

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'comity-live-store-'));
  dataRoot = path.join(root, 'data');
  const keysDir = path.join(root, 'keys');
  keys = await ensureDevKeys(keysDir);
  await seedFederation({
    dataRoot,
    scale: 50,
    databaseUrl: null,
    auditDatabaseUrl: null,
    keysDir,
    only: ['de'],
    log: () => {},
  });
  storeDir = path.join(dataRoot, 'de', 'audit-pglite');
  env = {
    ...process.env,
    COMITY_DATA_ROOT: dataRoot,
    COMITY_DATA_DIR: path.join(dataRoot, 'de'),
    COMITY_KEYS_DIR: keysDir,
    DATABASE_URL: '',
    AUDIT_DATABASE_URL: '',
    PORT: String(PORT),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
}, 180_000);

afterAll(async () => {
  for (const child of members) child.kill('SIGKILL');
  await rm(root, { recursive: true, force: true });
});

interface Member {
  child: ChildProcess;
  lines: string[];
  exited: Promise<number | null>;
}

/** `node --import tsx subgraphs/main.ts de`, as the supervisor of `npm start` runs it. */
function startMember(): Member {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join('subgraphs', 'main.ts'), 'de'],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  members.add(child);
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    readline.createInterface({ input: stream }).on('line', (line) => lines.push(line));
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      members.delete(child);
      resolve(code);
    }),
  );
  return { child, lines, exited };
}

async function untilHealthy(member: Member): Promise<void> {
  const deadline = Date.now() + 90_000;
  let gone = false;
  void member.exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`the member exited:\n${member.lines.join('\n')}`);
    try {
      if ((await fetch(`${BASE_URL}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no /health:\n${member.lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

async function kill(member: Member, signal: NodeJS.Signals): Promise<number | null> {
  member.child.kill(signal);
  return member.exited;
}

let requests = 0;
/** One request straight to the member, as the gateway sends it (a signed context token). */
async function ask<T = any>(
  caller: { roles: string[]; purpose: string; caseRef: string | null },
  query: string,
): Promise<{ status: number; body: { data?: T; errors?: unknown[] } }> {
  const signer = createContextSigner({
    privateJwk: keys.context.current.privateJwk,
    kid: keys.context.current.kid,
  });
  const token = await signer.sign(
    {
      sub: 'live-store@test',
      roles: caller.roles as never,
      country: 'DE',
      agency: 'Test agency',
      purpose: caller.purpose as never,
      caseRef: caller.caseRef,
      requestId: `live-store-${++requests}`,
      operationHash: 'a'.repeat(64),
    },
    subgraphAudience('de'),
  );
  const response = await fetch(`${BASE_URL}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: token },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

const INVESTIGATOR = {
  roles: ['INVESTIGATOR'],
  purpose: 'CRIMINAL_INVESTIGATION',
  caseRef: 'DE-LIVE-1',
};
const AUDITOR = { roles: ['AUDITOR'], purpose: 'OVERSIGHT_AUDIT', caseRef: null };

/** What an auditor sees: the newest event's seq (the head) and how many events the case has. */
async function auditorView(): Promise<{ head: number; caseEvents: number }> {
  const { status, body } = await ask<{
    de: { all: { nodes: { seq: number }[] }; forCase: { totalCount: number } };
  }>(
    AUDITOR,
    `{ de {
        all: auditEvents(first: 1) { nodes { seq } }
        forCase: auditEvents(filter: { caseRef: "DE-LIVE-1" }, first: 1) { totalCount }
      } }`,
  );
  expect(status, JSON.stringify(body)).toBe(200);
  expect(body.errors).toBeUndefined();
  return { head: body.data!.de.all.nodes[0]!.seq, caseEvents: body.data!.de.forCase.totalCount };
}

function runScript(script: string, args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
      [path.join(REPO_ROOT, 'scripts', script), ...args],
      { env, cwd: REPO_ROOT },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout, stderr }),
    );
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const lockHolder = async () =>
  JSON.parse(await readFile(storeLockFile(storeDir), 'utf8')) as StoreLockHolder;

describe('an embedded audit store a member is serving', () => {
  it(
    'audit commands refuse it and touch nothing; nothing appended before a SIGKILL is lost',
    { timeout: 300_000 },
    async () => {
      const first = startMember();
      await untilHealthy(first);
      const holder = await lockHolder();
      expect(holder).toMatchObject({ pid: first.child.pid, holder: 'member DE' });
      const lockBefore = await readFile(storeLockFile(storeDir), 'utf8');

      // The tester's sequence: an audit command while DE serves, then queries touching DE.
      const refusal =
        `DE's audit store is in use by the running DE member (pid ${first.child.pid}); ` +
        'stop it first (Ctrl-C in npm start), or run the member on PostgreSQL ' +
        '(AUDIT_DATABASE_URL) to audit it live\n';
      for (const [script, args] of [
        ['auditVerify.ts', ['--jurisdiction', 'de']],
        ['auditExport.ts', ['--jurisdiction', 'de', '--seq', '1']],
        ['auditPurge.ts', ['--jurisdiction', 'de']],
      ] as const) {
        const command = `audit:${script.slice('audit'.length, -3).toLowerCase()}`;
        expect(await runScript(script, [...args])).toEqual({
          code: 4,
          stdout: '',
          stderr: `${command}: ${refusal}`,
        });
      }
      // The commands left the member's lock as it was.
      expect(await readFile(storeLockFile(storeDir), 'utf8')).toBe(lockBefore);

      for (let n = 0; n < 5; n++) {
        const { status, body } = await ask(
          INVESTIGATOR,
          '{ de { watchlistEntries(first: 2) { nodes { id } } } }',
        );
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
      }
      const seen = await auditorView();
      expect(seen.caseEvents).toBe(5);

      // The member dies outright, leaving its lock behind; the next one takes it over.
      expect(await kill(first, 'SIGKILL')).toBeNull();
      expect((await lockHolder()).pid).toBe(first.child.pid);
      const second = startMember();
      await untilHealthy(second);
      expect(second.lines.join('\n')).toMatch(
        new RegExp(`took over the lock of member DE \\(pid ${first.child.pid}, since `),
      );
      expect(await lockHolder()).toMatchObject({ pid: second.child.pid, holder: 'member DE' });

      // Every response sent had its event: the head did not go back, nothing is missing.
      const after = await auditorView();
      expect(after.caseEvents).toBe(5);
      expect(after.head).toBe(seen.head + 1); // + the auditor's own first request

      // Stopped cleanly, the member lets go; the store is then the commands' to read.
      expect(await kill(second, 'SIGTERM')).toBe(0);
      expect(existsSync(storeLockFile(storeDir))).toBe(false);
      const verified = await runScript('auditVerify.ts', ['--jurisdiction', 'de']);
      expect(verified.code).toBe(0);
      expect(verified.stdout).toMatch(
        new RegExp(
          `^read DE's embedded store at ${escape(storeDir)}; no member is serving it now \\(not live\\)\n` +
            `ok: ${after.head + 1} events, \\d+ checkpoints\n$`,
        ),
      );
      expect(existsSync(storeLockFile(storeDir))).toBe(false);
    },
  );

  it(
    'a member does not start while a command holds its store, and starts once it is let go',
    { timeout: 180_000 },
    async () => {
      const lock = await acquireStoreLock(storeDir, { holder: 'audit:verify', jurisdiction: 'DE' });
      try {
        const refused = startMember();
        expect(await refused.exited).toBe(1);
        expect(refused.lines).toContainEqual(
          expect.stringMatching(
            new RegExp(
              `^\\[de\\] could not start: DE's audit store ${escape(storeDir)} is in use by audit:verify ` +
                `\\(pid ${process.pid}, since .*\\); an embedded store has one writer`,
            ),
          ),
        );
      } finally {
        await lock.release();
      }
      const member = startMember();
      await untilHealthy(member);
      expect(await kill(member, 'SIGTERM')).toBe(0);
    },
  );
});
