import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, memberCodes } from '../core/federationConfig.js';
import type { ImportReport } from '../subgraphs/kit/registry/ImportRejectedError.js';

/** Records per registry for `npm start` and the tests' default data. */
export const DEFAULT_SEED_SCALE = 2_000;

export interface SeedOptions {
  /** Folder holding one data folder per jurisdiction (`<dataRoot>/fr`). */
  dataRoot: string;
  /** Records per registry. */
  scale: number;
  /** For SQL registries; null → embedded PGlite. */
  databaseUrl: string | null;
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
  return results;
}
