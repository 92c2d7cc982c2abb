import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../core/federationConfig.js';
import { policy as frenchPolicy } from '../../../../subgraphs/fr/policy.js';
import { openJurisdictionAuditLog } from '../../../../subgraphs/kit/audit/openJurisdictionAuditLog.js';
import { jurisdictionAuditKey } from '../../../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import {
  receiptPayload,
  RECEIPT_JWS_TYPE,
} from '../../../../subgraphs/kit/evidence/receiptPayload.js';
import { detachedJwsProblem } from '../../../../subgraphs/kit/evidence/verifyDetachedJws.js';
import type { EvidencePackage } from '../../../../subgraphs/kit/evidence/EvidencePackage.js';
import { storedEvidencePackage } from './storedEvidencePackage.js';

const FRENCH_AUDIT_RETENTION_DAYS = frenchPolicy.auditRetentionDays;

// The evidence commands as an operator runs them: real processes on a PGlite store on disk
// (docs/evidence.md). Two French packages: one executed seven years ago, past France's six
// years of retention, and one executed yesterday.
const DAY_MS = 86_400_000;
const FR_RETENTION_DAYS = 6 * 365;
let root: string;
let env: Record<string, string>;
let old: EvidencePackage;
let recent: EvidencePackage;

const run = async (script: string, args: string[]) => {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      path.join(REPO_ROOT, 'node_modules/.bin/tsx'),
      [path.join(REPO_ROOT, 'scripts', script), ...args],
      { env: { ...process.env, ...env, AUDIT_DATABASE_URL: '' }, cwd: REPO_ROOT },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
};
const openLog = (holder?: string) =>
  openJurisdictionAuditLog(
    'fr',
    FRENCH_AUDIT_RETENTION_DAYS,
    { checkpointIntervalMs: 0, ...(holder ? { holder } : {}) },
    { ...process.env, ...env, AUDIT_DATABASE_URL: '' },
  );
const custody = (request: string, action: string, note: string, extra: string[] = []) =>
  run('evidenceCustody.ts', [
    '--jurisdiction',
    'fr',
    '--request',
    request,
    '--action',
    action,
    '--note',
    note,
    ...extra,
  ]);

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'comity-evidence-cli-'));
  env = { COMITY_DATA_ROOT: path.join(root, 'data'), COMITY_KEYS_DIR: path.join(root, 'keys') };
  const log = await openLog();
  try {
    const now = Date.now();
    old = await storedEvidencePackage(
      log,
      'req-fr-1',
      new Date(now - 7 * 365 * DAY_MS).toISOString(),
      FR_RETENTION_DAYS,
    );
    recent = await storedEvidencePackage(
      log,
      'req-fr-2',
      new Date(now - DAY_MS).toISOString(),
      FR_RETENTION_DAYS,
    );
  } finally {
    await log.close();
  }
}, 60_000);

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true });
});

describe('evidence:custody', () => {
  it('records the executing member’s SEALED and COPIED, hash-linked and audited', async () => {
    const sealed = await custody('req-fr-2', 'sealed', 'sealed in bag FR-4471, evidence room 2', [
      '--by',
      'greffier Martin',
    ]);
    expect(sealed).toEqual({
      code: 0,
      stdout: expect.stringMatching(
        /^recorded SEALED as custody entry 3 of evp-req-fr-2 \(audit event \d+\)\n$/,
      ),
      stderr: '',
    });
    expect((await custody('req-fr-2', 'COPIED', 'one copy to the PNF on disc D-9')).code).toBe(0);
    const log = await openLog();
    try {
      const chain = await log.evidence.custody(recent.id);
      expect(
        chain.slice(2).map((e) => [e.action, e.actor.subject, e.detail.side, e.detail.note]),
      ).toEqual([
        ['SEALED', 'greffier Martin', 'EXECUTING', 'sealed in bag FR-4471, evidence room 2'],
        [
          'COPIED',
          expect.stringMatching(/^evidence:custody@/),
          'EXECUTING',
          'one copy to the PNF on disc D-9',
        ],
      ]);
      expect(chain[3]!.prevHash).toBe(chain[2]!.hash);
      const events = await log.list({ kind: 'EVIDENCE_CUSTODY' }, { first: 10, after: null });
      expect(events.events.map((e) => [e.seq, e.detail.action, e.detail.custodySeq])).toEqual([
        [chain[3]!.detail.auditSeq, 'COPIED', 4],
        [chain[2]!.detail.auditSeq, 'SEALED', 3],
      ]);
      expect((await log.verify()).ok).toBe(true);
    } finally {
      await log.close();
    }
  }, 60_000);

  it.each([
    [
      'an action no holder records',
      { '--action': 'DESTROYED' },
      /--action must be one of copied, sealed/,
    ],
    ['an empty note', { '--note': ' ' }, /--note is empty/],
    [
      'a note with a terminal escape',
      { '--note': 'ok\u001b[2J' },
      /--note holds control characters/,
    ],
    ['no note', { '--note': null }, /--note is required/],
  ] as const)(
    'refuses %s with exit 2, before opening the store',
    async (_label, change, message) => {
      const options: Record<string, string | null> = {
        '--jurisdiction': 'fr',
        '--request': 'req-fr-2',
        '--action': 'SEALED',
        '--note': 'bag 1',
        ...change,
      };
      const args = Object.entries(options).flatMap(([name, value]) =>
        value === null ? [] : [name, value],
      );
      const result = await run('evidenceCustody.ts', args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
    },
  );

  it('fails with one line for a request with no package, and waits for a member holding the store', async () => {
    expect(await custody('req-fr-99', 'SEALED', 'bag 1')).toEqual({
      code: 1,
      stdout: '',
      stderr: 'evidence:custody: FR holds no evidence package of request req-fr-99\n',
    });
    const member = await openLog('member FR');
    try {
      const refused = await custody('req-fr-2', 'SEALED', 'bag 2');
      expect(refused.code).toBe(4);
      expect(refused.stderr).toMatch(
        /^evidence:custody: FR's audit store is in use by the running FR member/,
      );
    } finally {
      await member.close();
    }
  }, 60_000);
});

describe('audit:purge and evidence retention', () => {
  it('destroys the content of a package past its retention; its export still verifies', async () => {
    const purged = await run('auditPurge.ts', ['--jurisdiction', 'fr']);
    expect(purged.code).toBe(0);
    expect(purged.stdout).toMatch(/^purged events 1\.\.3 \(3\) older than /);
    expect(purged.stdout).toMatch(
      /\ndestroyed the content of 1 evidence package\(s\) past their retention \(hashes and custody kept\): evp-req-fr-1\n$/,
    );

    // The package's EVIDENCE_PACKAGE event went with the log's retention: the destruction's
    // event, which names the manifest, proves it now.
    const zip = path.join(root, 'old.zip');
    expect(
      await run('evidenceExport.ts', [
        '--jurisdiction',
        'fr',
        '--request',
        'req-fr-1',
        '--out',
        zip,
      ]),
    ).toMatchObject({ code: 0, stderr: '' });
    const verified = await run('evidenceVerify.ts', [zip]);
    expect(verified).toMatchObject({ code: 0, stderr: '' });
    expect(verified.stdout).toMatch(/^VERIFIED\n/);
    expect(verified.stdout).toMatch(/1 item\(s\) listed; content destroyed, hashes kept/);
    expect(verified.stdout).toMatch(
      new RegExp(
        `\\n {4}3\\. DESTROYED \\S+ by FR evidence retention \\(FR\\): retention ended ${old.retainUntil}\\n`,
      ),
    );
    expect(verified.stdout).toMatch(
      /in FR's audit log: event \d+, the destruction of its content, leaf/,
    );

    // Nothing left to seal or copy; a second purge destroys nothing more.
    expect(await custody('req-fr-1', 'SEALED', 'bag 3')).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(
        /evp-req-fr-1's content was destroyed .*: there is nothing left to seal/,
      ),
    });
    const again = await run('auditPurge.ts', ['--jurisdiction', 'fr']);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/destroyed/);
  }, 120_000);

  it('leaves a package within its retention whole, its custody one entry per line', async () => {
    const dir = path.join(root, 'recent');
    expect(
      await run('evidenceExport.ts', [
        '--jurisdiction',
        'fr',
        '--request',
        'req-fr-2',
        '--out',
        dir,
      ]),
    ).toMatchObject({ code: 0 });
    const verified = await run('evidenceVerify.ts', [dir]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/1 item\(s\), each matching its SHA-256 in the manifest/);
    const entries = verified.stdout.split('\n').filter((line) => /^ {4}\d+\. /.test(line));
    expect(entries.map((line) => line.trim().split(' ')[1])).toEqual([
      'CREATED',
      'MADE_AVAILABLE',
      'SEALED',
      'COPIED',
      'EXPORTED',
    ]);
    expect(entries[2]).toMatch(
      /held by the executing member: sealed in bag FR-4471, evidence room 2$/,
    );
  }, 60_000);
});

describe('evidence:countersign', () => {
  it('signs a receipt with the receiving country’s key, as countersignEvidenceReceipt checks it', async () => {
    const keysDir = path.join(root, 'receiver-keys');
    const german = await jurisdictionAuditKey('de', keysDir);
    const receipt = path.join(root, 'evidence.json');
    const entry = { seq: 2, hash: 'a'.repeat(64) };
    // As the issuing case fetched it, the whole GraphQL response.
    await writeFile(
      receipt,
      JSON.stringify({
        data: {
          fr: {
            request: {
              evidence: { id: recent.id, manifestSha256: recent.manifestSha256, receipt: entry },
            },
          },
        },
      }),
    );
    const signed = await run('evidenceCountersign.ts', [
      '--receipt',
      receipt,
      '--keys-dir',
      keysDir,
      '--country',
      'DE',
    ]);
    expect(signed).toMatchObject({ code: 0, stderr: '' });
    const jws = signed.stdout.trim();
    const payload = receiptPayload(recent, entry);
    expect(detachedJwsProblem(jws, payload, RECEIPT_JWS_TYPE, german.publicJwk)).toBeNull();
    // Over that receipt only, and by that key only.
    expect(
      detachedJwsProblem(
        jws,
        receiptPayload(recent, { ...entry, seq: 3 }),
        RECEIPT_JWS_TYPE,
        german.publicJwk,
      ),
    ).toMatch(/does not verify/);
    const french = JSON.parse(
      await readFile(path.join(env.COMITY_KEYS_DIR!, 'audit-fr.public.jwk.json'), 'utf8'),
    ) as JWK;
    expect(detachedJwsProblem(jws, payload, RECEIPT_JWS_TYPE, french)).toMatch(/signed with key/);
  }, 60_000);

  it.each([
    [
      'no --country',
      (r: string, k: string) => ['--receipt', r, '--keys-dir', k],
      2,
      /--country is required/,
    ],
    [
      'a country with no key there',
      (r: string, k: string) => ['--receipt', r, '--keys-dir', k, '--country', 'sg'],
      1,
      /audit-sg\.private\.jwk\.json: cannot read \(ENOENT\)/,
    ],
    [
      'a file that is no receipt',
      (_r: string, k: string) => [
        '--receipt',
        path.join(root, 'data', 'fr', 'audit-pglite.lock'),
        '--keys-dir',
        k,
        '--country',
        'de',
      ],
      1,
      /cannot read|is not JSON/,
    ],
  ] as const)('refuses %s, and makes no key', async (_label, args, code, message) => {
    const keysDir = path.join(root, 'receiver-keys');
    const result = await run(
      'evidenceCountersign.ts',
      args(path.join(root, 'evidence.json'), keysDir),
    );
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
    expect(existsSync(path.join(keysDir, 'audit-sg.private.jwk.json'))).toBe(false);
  });

  it('names what a receipt lacks', async () => {
    const receipt = path.join(root, 'partial.json');
    await writeFile(
      receipt,
      JSON.stringify({ id: recent.id, manifestSha256: recent.manifestSha256 }),
    );
    expect(
      await run('evidenceCountersign.ts', [
        '--receipt',
        receipt,
        '--keys-dir',
        path.join(root, 'receiver-keys'),
        '--country',
        'de',
      ]),
    ).toEqual({
      code: 1,
      stdout: '',
      stderr: `evidence:countersign: --receipt ${receipt} evidence.receipt is missing (ask for receipt { seq hash })\n`,
    });
  });
});
