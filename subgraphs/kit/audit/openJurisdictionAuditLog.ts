import path from 'node:path';
import { REPO_ROOT } from '../../../core/federationConfig.js';
import { loadJurisdictionPolicy } from '../../../core/policy/loadJurisdictionPolicy.js';
import { trustedKeysDir } from '../../../core/auth/trustedKeysDir.js';
import { jurisdictionAuditKey } from './jurisdictionAuditKey.js';
import { openAuditLog } from './openAuditLog.js';
import type { AuditLog, AuditLogOptions } from './AuditLog.js';

/**
 * Where jurisdiction `code`'s audit log lives, from the environment:
 * - `AUDIT_DATABASE_URL` set → that PostgreSQL server; else PGlite in
 *   `<COMITY_DATA_ROOT or .data>/<cc>/audit-pglite`;
 * - schema `audit_<cc>`;
 * - signing key `audit-<cc>.private.jwk.json` in `COMITY_KEYS_DIR` (default `.keys/`);
 * - retention floor: `auditRetentionDays` of `subgraphs/<cc>/policy.ts`, which the database
 *   then holds every purge to.
 */
export async function jurisdictionAuditLogOptions(
  code: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AuditLogOptions> {
  const cc = code.toLowerCase();
  if (!/^[a-z]{2}$/.test(cc))
    throw new Error(`jurisdiction code must be two letters, got ${JSON.stringify(code)}`);
  const dataRoot = path.resolve(env.COMITY_DATA_ROOT || path.join(REPO_ROOT, '.data'));
  const policy = await loadJurisdictionPolicy(cc);
  return {
    databaseUrl: env.AUDIT_DATABASE_URL || null,
    pgliteDataDir: path.join(dataRoot, cc, 'audit-pglite'),
    schema: `audit_${cc}`,
    jurisdiction: cc.toUpperCase(),
    signingKey: await jurisdictionAuditKey(cc, trustedKeysDir(env)),
    minRetentionDays: policy.auditRetentionDays,
  };
}

/** Opens jurisdiction `code`'s audit log where `jurisdictionAuditLogOptions` says it is. */
export async function openJurisdictionAuditLog(
  code: string,
  overrides: Partial<Pick<AuditLogOptions, 'checkpointEvery' | 'checkpointIntervalMs'>> = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<AuditLog> {
  return openAuditLog({ ...(await jurisdictionAuditLogOptions(code, env)), ...overrides });
}
