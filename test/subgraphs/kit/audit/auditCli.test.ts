import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../core/federationConfig.js';
import { policy as frenchPolicy } from '../../../../subgraphs/fr/policy.js';
import { policy as singaporePolicy } from '../../../../subgraphs/sg/policy.js';
import { openJurisdictionAuditLog } from '../../../../subgraphs/kit/audit/openJurisdictionAuditLog.js';
import { UNCHECKPOINTED_EVENTS_LIMIT } from '../../../../subgraphs/kit/audit/auditCommand.js';
import { accessEvent } from './auditTestLog.js';

const FRENCH_AUDIT_RETENTION_DAYS = frenchPolicy.auditRetentionDays;
const SINGAPORE_AUDIT_RETENTION_DAYS = singaporePolicy.auditRetentionDays;

// The CLIs as an operator runs them: real processes on a PGlite log on disk. (The library
// underneath is tested on PostgreSQL too; the CLIs' fixed schema audit_<cc> is not.)
const run = async (script: string, args: string[], env: NodeJS.ProcessEnv) => {
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

describe('audit CLIs', () => {
  it(
    'verify, export a proof, check it offline, purge, and name the first bad seq',
    { timeout: 180_000 },
    async () => {
      const root = await mkdtemp(path.join(tmpdir(), 'comity-audit-cli-'));
      const env = {
        COMITY_DATA_ROOT: path.join(root, 'data'),
        COMITY_KEYS_DIR: path.join(root, 'keys'),
      };
      const log = await openJurisdictionAuditLog(
        'fr',
        FRENCH_AUDIT_RETENTION_DAYS,
        { checkpointIntervalMs: 0 },
        { ...process.env, ...env, AUDIT_DATABASE_URL: '' },
      );
      const recent = Date.now() - 24 * 3_600_000;
      for (let n = 1; n <= 5; n++) {
        const occurredAt = new Date(
          n <= 3 ? Date.UTC(2019, 0, n) : recent + n * 60_000,
        ).toISOString();
        await log.append(accessEvent(n, { occurredAt }));
      }
      await log.close();

      const store = path.join(env.COMITY_DATA_ROOT, 'fr', 'audit-pglite');
      const readStore = `read FR's embedded store at ${store}; no member is serving it now (not live)\n`;
      expect(await run('auditVerify.ts', ['--jurisdiction', 'fr'], env)).toEqual({
        code: 0,
        stdout: `${readStore}ok: 5 events, 0 checkpoints\n`,
        stderr: '',
      });

      const proofFile = path.join(root, 'proof.json');
      expect(
        await run(
          'auditExport.ts',
          ['--jurisdiction', 'fr', '--seq', '4', '--out', proofFile],
          env,
        ),
      ).toMatchObject({ code: 0 });
      const publicKey = path.join(env.COMITY_KEYS_DIR, 'audit-fr.public.jwk.json');
      const verified = await run(
        'auditExport.ts',
        ['--verify', proofFile, '--public-key', publicKey],
        env,
      );
      expect(verified).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/^ok: event 4 is leaf 3 of the FR checkpoint of 5 events/),
      });

      const forged = JSON.parse(await readFile(proofFile, 'utf8'));
      forged.event.released.push('FreezingOrder.holderName');
      await writeFile(proofFile, JSON.stringify(forged));
      expect(await run('auditExport.ts', ['--verify', proofFile], env)).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/event 4 does not match its hash/),
      });

      // The retention of subgraphs/fr/policy.ts (six years) is a floor.
      expect(
        await run('auditPurge.ts', ['--jurisdiction', 'fr', '--retention-days', '365'], env),
      ).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/keeps audit events 2190 days; .* not shorten it/),
      });
      expect(await run('auditPurge.ts', ['--jurisdiction', 'fr'], env)).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(
          /^purged events 1\.\.3 \(3\) older than .* \(2190 days\); purge recorded as event 6/,
        ),
      });
      expect(await run('auditVerify.ts', ['--jurisdiction', 'fr'], env)).toMatchObject({
        code: 0,
        stdout: `${readStore}ok: 3 events, 1 checkpoints\n`,
      });
      // An event past the head, or purged: one line, no stack.
      expect(await run('auditExport.ts', ['--jurisdiction', 'fr', '--seq', '99999'], env)).toEqual({
        code: 1,
        stdout: '',
        stderr: 'audit:export: FR has no event 99999 (head is 6)\n',
      });
      expect(await run('auditExport.ts', ['--jurisdiction', 'fr', '--seq', '2'], env)).toEqual({
        code: 1,
        stdout: '',
        stderr: 'audit:export: FR has no event 2: it was purged (the log holds 4..6)\n',
      });
      expect(
        await run(
          'auditExport.ts',
          [
            '--jurisdiction',
            'fr',
            '--seq',
            '5',
            '--out',
            path.join(root, 'no', 'such', 'dir.json'),
          ],
          env,
        ),
      ).toEqual({
        code: 1,
        stdout: '',
        stderr: `audit:export: --out ${path.join(root, 'no', 'such', 'dir.json')}: cannot write (ENOENT)\n`,
      });
      // No command leaves the store's lock behind.
      expect(existsSync(`${store}.lock`)).toBe(false);
      expect(await run('auditPurge.ts', ['--jurisdiction', 'fr'], env)).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/^nothing older than .* \(2190 days\)/),
      });

      const tampered = await openJurisdictionAuditLog(
        'fr',
        FRENCH_AUDIT_RETENTION_DAYS,
        { checkpointIntervalMs: 0 },
        { ...process.env, ...env, AUDIT_DATABASE_URL: '' },
      );
      // …and the database holds every purge to it, whoever calls.
      expect((await tampered.client.query('SELECT min_days FROM audit_fr.retention')).rows).toEqual(
        [{ min_days: 2190 }],
      );
      await tampered.client.transaction(async (tx) => {
        await tx.query('ALTER TABLE audit_fr.events DISABLE TRIGGER events_append_only');
        await tx.query(`UPDATE audit_fr.events SET decision = 'RELEASED' WHERE seq = 5`);
        await tx.query('ALTER TABLE audit_fr.events ENABLE TRIGGER events_append_only');
      });
      await tampered.close();
      expect(await run('auditVerify.ts', ['--jurisdiction', 'fr'], env)).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/^FR audit log broken at seq 5: EDITED/),
      });
    },
  );

  it(
    'warns, not "ok", when many events are under no signed checkpoint',
    { timeout: 180_000 },
    async () => {
      const root = await mkdtemp(path.join(tmpdir(), 'comity-audit-cli-'));
      const env = {
        COMITY_DATA_ROOT: path.join(root, 'data'),
        COMITY_KEYS_DIR: path.join(root, 'keys'),
      };
      const processEnv = { ...process.env, ...env, AUDIT_DATABASE_URL: '' };
      // A log whose checkpoints were never issued (as if the member's signing were broken).
      const log = await openJurisdictionAuditLog(
        'sg',
        SINGAPORE_AUDIT_RETENTION_DAYS,
        { checkpointEvery: 1_000_000, checkpointIntervalMs: 0 },
        processEnv,
      );
      const sgEvent = (n: number) => accessEvent(n, { jurisdiction: 'SG', homeCountry: 'SG' });
      const many = UNCHECKPOINTED_EVENTS_LIMIT + 1;
      await Promise.all(Array.from({ length: many }, (_, i) => log.append(sgEvent(i + 1))));
      await log.close();

      const warned = await run('auditVerify.ts', ['--jurisdiction', 'sg'], env);
      expect(warned.code).toBe(3);
      expect(warned.stdout).toMatch(
        new RegExp(
          `^read SG's embedded store at .*; no member is serving it now \\(not live\\)\n` +
            `warning: ${many} events, 0 checkpoints: the chain is intact, but no signed checkpoint ` +
            `covers any of its ${many} events; .*\n$`,
        ),
      );
      expect(warned.stdout).not.toMatch(/^ok/m);

      // Signed, and then again ten intervals behind: the same warning about the uncovered tail.
      const signed = await openJurisdictionAuditLog(
        'sg',
        SINGAPORE_AUDIT_RETENTION_DAYS,
        { checkpointEvery: 1_000_000, checkpointIntervalMs: 0 },
        processEnv,
      );
      await signed.checkpoint();
      await signed.close();
      expect(await run('auditVerify.ts', ['--jurisdiction', 'sg'], env)).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(new RegExp(`\\nok: ${many} events, 1 checkpoints\\n$`)),
      });
      const behind = await openJurisdictionAuditLog(
        'sg',
        SINGAPORE_AUDIT_RETENTION_DAYS,
        { checkpointEvery: 1_000_000, checkpointIntervalMs: 0 },
        processEnv,
      );
      await Promise.all(
        Array.from({ length: many }, (_, i) => behind.append(sgEvent(many + i + 1))),
      );
      await behind.close();
      expect(await run('auditVerify.ts', ['--jurisdiction', 'sg'], env)).toMatchObject({
        code: 3,
        stdout: expect.stringMatching(
          `\nwarning: ${2 * many} events, 1 checkpoints: the chain is intact, but no signed ` +
            `checkpoint covers its last ${many} events \\(after seq ${many}\\)`,
        ),
      });
    },
  );

  it('says so in one line when the store is missing, unreadable or the input is bad', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'comity-audit-cli-'));
    const env = {
      COMITY_DATA_ROOT: path.join(root, 'data'),
      COMITY_KEYS_DIR: path.join(root, 'keys'),
    };
    const store = path.join(env.COMITY_DATA_ROOT, 'de', 'audit-pglite');
    const missing =
      `DE has no audit log at ${store} (has the member run here? set COMITY_DATA_ROOT to the ` +
      'folder npm start uses (default .data), or AUDIT_DATABASE_URL)\n';
    expect(await run('auditVerify.ts', ['--jurisdiction', 'de'], env)).toEqual({
      code: 1,
      stdout: '',
      stderr: `audit:verify: ${missing}`,
    });
    expect(await run('auditExport.ts', ['--jurisdiction', 'de', '--seq', '1'], env)).toEqual({
      code: 1,
      stdout: '',
      stderr: `audit:export: ${missing}`,
    });
    expect(await run('auditPurge.ts', ['--jurisdiction', 'de'], env)).toEqual({
      code: 1,
      stdout: '',
      stderr: `audit:purge: ${missing}`,
    });
    // …and created nothing: no store, no key.
    expect(existsSync(path.join(env.COMITY_DATA_ROOT))).toBe(false);
    expect(existsSync(path.join(env.COMITY_KEYS_DIR))).toBe(false);

    // A folder that is not a PGlite database.
    await mkdir(store, { recursive: true });
    await writeFile(path.join(store, 'PG_VERSION'), '17\n');
    const broken = await run('auditVerify.ts', ['--jurisdiction', 'de'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(
      new RegExp(`^audit:verify: cannot open DE's embedded store at .*: [^\\n]+\\n$`),
    );
    expect(existsSync(`${store}.lock`)).toBe(false);

    const proof = path.join(root, 'proof.json');
    await writeFile(proof, '{"format": "comity-audit-proof/1"}');
    expect(await run('auditExport.ts', ['--verify', proof], env)).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/^proof does not verify: malformed bundle: [^\n]+\n$/),
    });
    expect(
      await run('auditPurge.ts', ['--jurisdiction', 'de', '--retention-days', '99999999999'], env),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(
        /^audit:purge: --retention-days 99999999999 reaches before any date\n/,
      ),
    });
  });
});
