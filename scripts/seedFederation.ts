import { loadMemberPolicy } from '../subgraphs/membership.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, memberCodes } from '../core/federationConfig.js';
import { jurisdictionAuditLogOptions } from '../subgraphs/kit/audit/openJurisdictionAuditLog.js';
import { openAuditLog } from '../subgraphs/kit/audit/openAuditLog.js';
import type { ImportReport } from '../subgraphs/kit/registry/ImportRejectedError.js';
import { seedRequests } from '../subgraphs/kit/seed/seedRequests.js';
import { seedClaims } from '../subgraphs/kit/seed/seedClaims.js';

/** Records per registry for `npm start` and the tests' default data. */
export const DEFAULT_SEED_SCALE = 2_000;

export interface SeedOptions {
  /** Folder holding one data folder per jurisdiction (`<dataRoot>/fr`). */
  dataRoot: string;
  /** Records per registry. */
  scale: number;
  /** For SQL registries; null → embedded PGlite. */
  databaseUrl: string | null;
  /**
   * Where the members' audit logs live, for the seeded cross-border requests: a PostgreSQL
   * URL, or null for each member's embedded store. Default `AUDIT_DATABASE_URL`.
   */
  auditDatabaseUrl?: string | null;
  /** The keys folder (audit signing keys); default `COMITY_KEYS_DIR` or `.keys`. */
  keysDir?: string;
  /** Only these jurisdictions (lower case); default all. */
  only?: string[];
  /** Seed even when a jurisdiction already holds data of the same scale. */
  force?: boolean;
  progress?: boolean;
  log?: (message: string) => void;
}

interface SeedMarker {
  scale: number;
  databaseUrl: string | null;
  seededAt: string;
  reports: ImportReport[];
}

type SeedJurisdiction = (options: {
  dataDir: string;
  scale: number;
  databaseUrl: string | null;
  progress?: boolean;
}) => Promise<ImportReport[]>;

const MARKER = 'seed.json';

function readMarker(dataDir: string): SeedMarker | null {
  const file = path.join(dataDir, MARKER);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as SeedMarker;
  } catch {
    return null;
  }
}

/**
 * Seeds every jurisdiction's registries with deterministic synthetic data through its own
 * `seed/index.ts`. A jurisdiction already seeded at the same scale and database is skipped
 * unless `force` is set; the marker is written only after its seed succeeded, so an
 * interrupted seed is redone on the next run.
 */
export async function seedFederation(
  options: SeedOptions,
): Promise<Record<string, ImportReport[]>> {
  const log = options.log ?? ((message: string) => console.error(message));
  const results: Record<string, ImportReport[]> = {};
  for (const name of options.only ?? memberCodes()) {
    const dataDir = path.join(options.dataRoot, name);
    const marker = readMarker(dataDir);
    if (
      !options.force &&
      marker &&
      marker.scale === options.scale &&
      marker.databaseUrl === options.databaseUrl
    ) {
      log(`[seed] ${name}: already seeded (${options.scale} records per registry)`);
      results[name] = marker.reports;
      continue;
    }
    mkdirSync(dataDir, { recursive: true });
    const entry = path.join(REPO_ROOT, 'subgraphs', name, 'seed', 'index.ts');
    const module = (await import(entry)) as { seedJurisdiction: SeedJurisdiction };
    const started = Date.now();
    log(`[seed] ${name}: seeding ${options.scale} records per registry`);
    const reports = await module.seedJurisdiction({
      dataDir,
      scale: options.scale,
      databaseUrl: options.databaseUrl,
      progress: options.progress,
    });
    const summary = reports
      .map((report) => `${report.registry} ${JSON.stringify(report.counts)}`)
      .join('; ');
    log(`[seed] ${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s — ${summary}`);
    const seeded: SeedMarker = {
      scale: options.scale,
      databaseUrl: options.databaseUrl,
      seededAt: new Date().toISOString(),
      reports,
    };
    writeFileSync(path.join(dataDir, MARKER), JSON.stringify(seeded, null, 2));
    results[name] = reports;
  }
  for (const name of options.only ?? memberCodes()) {
    const written = await seedMemberRequests(name, options);
    if (written > 0) log(`[seed] ${name}: ${written} cross-border requests addressed to it`);
  }
  return results;
}

/**
 * Requests from the other members, in every state, into member `name`'s own store through
 * its audit log (docs/architecture.md §11); nothing when it already holds requests.
 */
async function seedMemberRequests(name: string, options: SeedOptions): Promise<number> {
  const env = {
    ...process.env,
    ...(options.keysDir ? { COMITY_KEYS_DIR: options.keysDir } : {}),
    AUDIT_DATABASE_URL:
      options.auditDatabaseUrl === undefined
        ? (process.env.AUDIT_DATABASE_URL ?? '')
        : (options.auditDatabaseUrl ?? ''),
  };
  const policy = await loadMemberPolicy(name);
  const audit = await openAuditLog({
    ...(await jurisdictionAuditLogOptions(name, policy.auditRetentionDays, env)),
    pgliteDataDir: path.join(options.dataRoot, name, 'audit-pglite'),
    checkpointIntervalMs: 0,
    holder: 'npm run seed',
  });
  try {
    const members = memberCodes().map((code) => code.toUpperCase());
    const now = new Date();
    const written = await seedRequests({ log: audit, policy, members, now });
    // Claims are on the confiscations just recognised (docs/claims.md).
    await seedClaims({ log: audit, policy, members, now });
    return written;
  } finally {
    await audit.close();
  }
}
