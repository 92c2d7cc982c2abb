import { unwatchFile, watchFile, type Stats } from 'node:fs';
import { join } from 'node:path';
import {
  describeProblem,
  ImportRejectedError,
  type ImportReport,
} from '../../kit/registry/ImportRejectedError.js';
import type { JurisdictionRegistries, RegistryOptions } from '../../kit/registry/types.js';
import { FtmAssetRegistry } from './FtmAssetRegistry.js';
import { FtmIndex } from './FtmIndex.js';
import { DE_ASSET_REGISTRY, DE_WATCHLIST_REGISTRY, FTM_FILE_NAME } from './registryNames.js';
import { FtmWatchlistRegistry } from './FtmWatchlistRegistry.js';

/** How often the bulk file is polled for changes, in ms. */
export const DEFAULT_WATCH_INTERVAL_MS = 1_000;
/** Quiet time after the last change before a reload starts, in ms. */
export const DEFAULT_RELOAD_DEBOUNCE_MS = 250;

export interface FtmRegistryOptions extends RegistryOptions {
  /** Poll interval of the file watch; default DEFAULT_WATCH_INTERVAL_MS. `0` disables watching. */
  watchIntervalMs?: number;
  /** Debounce of reloads after a change; default DEFAULT_RELOAD_DEBOUNCE_MS. */
  reloadDebounceMs?: number;
  /** Where reload lines and rejected-file problems go; default stderr. */
  log?: (line: string) => void;
}

export type DeRegistries = JurisdictionRegistries & {
  close(): Promise<void>;
  /** Loads the file again; swaps only if it validates, else throws ImportRejectedError. */
  reload(): Promise<ImportReport>;
};

function combinedReport(index: FtmIndex): ImportReport {
  return {
    registry: `${DE_WATCHLIST_REGISTRY},${DE_ASSET_REGISTRY}`,
    source: index.file,
    counts: index.counts(),
  };
}

function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([type, count]) => `${type}=${count}`)
    .join(' ');
}

/**
 * Opens Germany's two registries over `<dataDir>/entities.ftm.jsonl` and keeps them in
 * step with the file. The file is polled (fs.watchFile stats the path, so it survives
 * editors and seeders that replace the file by rename); after a change a NEW index is built
 * in the background and swapped in only if the whole file validates. A rejected file is
 * reported with its problems and the old index keeps serving. Lookups are synchronous over
 * an immutable index, so a request that started before a swap finishes on the old one.
 */
export async function openRegistries(options: FtmRegistryOptions): Promise<DeRegistries> {
  const file = join(options.dataDir, FTM_FILE_NAME);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let index = await FtmIndex.load(file);
  log(`[de] loaded ${file}: ${describeCounts(index.counts())}`);
  const currentIndex = () => index;

  let reloading: Promise<ImportReport> | null = null;
  let again = false;
  const reload = async (): Promise<ImportReport> => {
    const started = Date.now();
    const next = await FtmIndex.load(file);
    index = next;
    log(`[de] reloaded ${file} in ${Date.now() - started} ms: ${describeCounts(next.counts())}`);
    return combinedReport(next);
  };
  // One reload at a time; changes during a reload trigger exactly one more afterwards.
  const reloadSerially = (): Promise<ImportReport> => {
    if (reloading) {
      again = true;
      return reloading;
    }
    reloading = reload().finally(() => {
      reloading = null;
      if (again) {
        again = false;
        void reloadSerially().catch(() => undefined);
      }
    });
    return reloading;
  };

  const interval = options.watchIntervalMs ?? DEFAULT_WATCH_INTERVAL_MS;
  const debounce = options.reloadDebounceMs ?? DEFAULT_RELOAD_DEBOUNCE_MS;
  let timer: NodeJS.Timeout | null = null;
  const onChange = (current: Stats) => {
    if (timer) clearTimeout(timer);
    // A missing file (mid-rename, or deleted) is not a new version: keep serving.
    if (current.nlink === 0 && current.mtimeMs === 0) return;
    timer = setTimeout(() => {
      timer = null;
      reloadSerially().catch((error: unknown) => {
        if (error instanceof ImportRejectedError) {
          log(
            `[de] rejected new ${file}, still serving the previous version: ` +
              `${error.problemCount} problem(s)\n${error.problems.map(describeProblem).join('\n')}`,
          );
        } else {
          log(
            `[de] reload of ${file} failed, still serving the previous version: ${String(error)}`,
          );
        }
      });
    }, debounce);
  };
  if (interval > 0) watchFile(file, { interval, persistent: false }, onChange);

  const assets = new FtmAssetRegistry(currentIndex, options.countQuery);
  const watchlist = new FtmWatchlistRegistry(currentIndex, options.countQuery);
  return {
    assets,
    watchlist,
    disclosures: null,
    reload: reloadSerially,
    async close() {
      if (interval > 0) unwatchFile(file, onChange);
      if (timer) clearTimeout(timer);
      await reloading?.catch(() => undefined);
      await Promise.all([assets.close(), watchlist.close()]);
    },
  };
}
