import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../core/federationConfig.js';
import { openJurisdictionAuditLog } from '../../../../subgraphs/kit/audit/openJurisdictionAuditLog.js';
import { accessEvent } from './auditTestLog.js';

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

      expect(await run('auditVerify.ts', ['--jurisdiction', 'fr'], env)).toMatchObject({
        code: 0,
        stdout: 'ok: 5 events, 0 checkpoints\n',
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
        stdout: 'ok: 3 events, 1 checkpoints\n',
      });
      expect(await run('auditPurge.ts', ['--jurisdiction', 'fr'], env)).toMatchObject({
        code: 0,
        stdout: expect.stringMatching(/^nothing older than .* \(2190 days\)/),
      });

      const tampered = await openJurisdictionAuditLog(
        'fr',
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
});
