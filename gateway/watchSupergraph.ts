import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SupergraphManager } from '@apollo/gateway';

export interface WatchSupergraphOptions {
  /** Path of the composed supergraph (schema/supergraph.graphql). */
  file: string;
  /** Quiet period after the last change before reloading, in ms. Default 200. */
  debounceMs?: number;
  /** Told about each reload and each refused file. Default: console. */
  log?: (message: string) => void;
}

/**
 * A SupergraphManager serving a supergraph file and reloading it when it changes, with no
 * restart: the gateway builds the new schema and query planner beside the old one and
 * switches over, so requests in flight finish on the schema they started with. A file that
 * does not build is refused and the previous supergraph keeps serving.
 */
export function watchSupergraph(options: WatchSupergraphOptions): SupergraphManager {
  const log = options.log ?? ((message: string) => console.log(message));
  const debounceMs = options.debounceMs ?? 200;
  return {
    async initialize({ update }) {
      let current = await readFile(options.file, 'utf8');
      let timer: NodeJS.Timeout | undefined;
      const reload = async () => {
        let next: string;
        try {
          next = await readFile(options.file, 'utf8');
        } catch (error) {
          log(`supergraph reload skipped: ${(error as Error).message}`);
          return;
        }
        if (next === current || next.trim() === '') return;
        try {
          update(next);
          current = next;
          log('supergraph reloaded');
        } catch (error) {
          log(`supergraph reload refused, previous schema kept: ${(error as Error).message}`);
        }
      };
      // Watch the folder, not the file: editors and `npm run compose` may replace the file by
      // rename, which ends a watch on the file itself.
      const watcher = watch(path.dirname(options.file), (_event, filename) => {
        if (filename !== path.basename(options.file)) return;
        clearTimeout(timer);
        timer = setTimeout(() => void reload(), debounceMs);
      });
      return {
        supergraphSdl: current,
        cleanup: async () => {
          clearTimeout(timer);
          watcher.close();
        },
      };
    },
  };
}
