import path from 'node:path';
import { REPO_ROOT } from '../../../core/federationConfig.js';
import { trustedKeysDir } from '../../../core/auth/trustedKeysDir.js';
import { jurisdictionAuditKey } from './jurisdictionAuditKey.js';
import { openAuditLog } from './openAuditLog.js';
import { AuditStoreMissingError, onDiskPgliteDir, pgliteStoreExists } from './openAuditStore.js';
import type { AuditLog, AuditLogOptions } from './AuditLog.js';

/** Where a jurisdiction's audit log lives: the part of its options that needs no key. */
export type AuditStoreLocation = Pick<
  AuditLogOptions,
  'databaseUrl' | 'pgliteDataDir' | 'schema' | 'jurisdiction'
>;

/**
 * Where jurisdiction `code`'s audit log lives, from the environment: `AUDIT_DATABASE_URL`
 * set → that PostgreSQL server; else PGlite in `<COMITY_DATA_ROOT or .data>/<cc>/audit-pglite`;
 * schema `audit_<cc>`.
 */
export function jurisdictionAuditStore(
  code: string,
  env: NodeJS.ProcessEnv = process.env,
): AuditStoreLocation {
  const cc = code.toLowerCase();
  if (!/^[a-z]{2}$/.test(cc))
    throw new Error(`jurisdiction code must be two letters, got ${JSON.stringify(code)}`);
  const dataRoot = path.resolve(env.COMITY_DATA_ROOT || path.join(REPO_ROOT, '.data'));
  return {
    databaseUrl: env.AUDIT_DATABASE_URL || null,
    pgliteDataDir: path.join(dataRoot, cc, 'audit-pglite'),
    schema: `audit_${cc}`,
    jurisdiction: cc.toUpperCase(),
  };
}

/**
 * Where jurisdiction `code`'s audit log lives (`jurisdictionAuditStore`) and how it is kept:
 * - signing key `audit-<cc>.private.jwk.json` in `COMITY_KEYS_DIR` (default `.keys/`);
 * - retention floor: `minRetentionDays` (the policy's `auditRetentionDays`), which the
 *   database then holds every purge to.
 */
export async function jurisdictionAuditLogOptions(
  code: string,
  minRetentionDays: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AuditLogOptions> {
  const location = jurisdictionAuditStore(code, env);
  const cc = code.toLowerCase();
  return {
    ...location,
    signingKey: await jurisdictionAuditKey(cc, trustedKeysDir(env)),
    minRetentionDays,
  };
}

/**
 * Opens jurisdiction `code`'s audit log where `jurisdictionAuditLogOptions` says it is. With
 * `mustExist`, a missing embedded store is reported before anything (a key included) is made.
 */
export async function openJurisdictionAuditLog(
  code: string,
  minRetentionDays: number,
  overrides: Partial<
    Pick<AuditLogOptions, 'checkpointEvery' | 'checkpointIntervalMs' | 'holder' | 'mustExist'>
  > = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<AuditLog> {
  if (overrides.mustExist) {
    const location = jurisdictionAuditStore(code, env);
    const dir = onDiskPgliteDir(location);
    if (dir !== null && !pgliteStoreExists(dir)) {
      throw new AuditStoreMissingError(location.jurisdiction, { pgliteDir: dir });
    }
  }
  return openAuditLog({
    ...(await jurisdictionAuditLogOptions(code, minRetentionDays, env)),
    ...overrides,
  });
}
