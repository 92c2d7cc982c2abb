import path from 'node:path';
import type { ImportReport } from '../../kit/registry/ImportRejectedError.js';
import { createProgress } from '../../kit/seed/createProgress.js';
import { openSqlClient } from '../../../core/sql/SqlClient.js';
import {
  createIndexes,
  DEFAULT_SCHEMA,
  dropSchema,
  ensureSchema,
} from '../registry/ensureSchema.js';
import { importRegistryExport } from '../registry/importRegistryExport.js';
import { pgliteDataDir } from '../registry/index.js';
import { ALL_TABLES } from '../registry/tableSpecs.js';
import { startExportFiles } from './writeExportFiles.js';

export interface SeedOptions {
  /** The jurisdiction's data folder; export files go to `<dataDir>/export/`. */
  dataDir: string;
  /**
   * Records per registry file. The watchlist file also lists France's share of the matching
   * parties (matchingPartiesOf('FR')), unscaled.
   */
  scale: number;
  /** PostgreSQL URL; null → embedded PGlite under `<dataDir>/pglite`. */
  databaseUrl: string | null;
  /** Show progress on stderr. Default false. */
  progress?: boolean;
  /** PostgreSQL schema to (re)create; default `fr`. */
  schema?: string;
}

/**
 * Writes France's deterministic export files and loads them through the same importer a
 * real national export goes through, into freshly recreated tables. Each file is loaded
 * as soon as it is written, while worker threads still write the next ones: the load
 * runs on this thread, so writing and loading share the cores.
 */
export async function seedJurisdiction(options: SeedOptions): Promise<ImportReport[]> {
  if (!Number.isInteger(options.scale) || options.scale < 1) {
    throw new RangeError(`scale must be a positive integer, got ${options.scale}`);
  }
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const fileCount = ALL_TABLES.length;
  // One bar for both halves: writing and loading overlap, and two live bars would clash.
  const progress = options.progress
    ? createProgress('fr: write and load export files', options.scale * fileCount * 2)
    : null;
  const writing = startExportFiles(path.join(options.dataDir, 'export'), options.scale, {
    onProgress: (written) => progress?.tick(written),
  });
  try {
    const client = await openSqlClient({
      databaseUrl: options.databaseUrl,
      pgliteDataDir: pgliteDataDir(options.dataDir),
    });
    try {
      await dropSchema(client, schema);
      // Secondary indexes are built once after the load: far cheaper than maintaining them
      // row by row during a million-row insert.
      await ensureSchema(client, schema, { indexes: false });
      const reports: ImportReport[] = [];
      for (const pending of writing.files) {
        const file = await pending;
        let reported = 0;
        reports.push(
          await importRegistryExport({
            client,
            schema,
            file,
            onProgress: (linesDone) => {
              progress?.tick(linesDone - reported);
              reported = linesDone;
            },
          }),
        );
      }
      await createIndexes(client, schema);
      for (const table of ALL_TABLES) await client.query(`ANALYZE ${schema}.${table.table}`);
      return reports;
    } finally {
      await client.close();
    }
  } finally {
    // Writers still running after a failed load have nothing left to feed.
    await writing.cancel();
    progress?.stop();
  }
}
