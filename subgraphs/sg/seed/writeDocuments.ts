import { writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Progress } from '../../kit/seed/createProgress.js';

/** Documents per sub-folder: directories of millions of entries are slow on most filesystems. */
export const SHARD_SIZE = 10_000;

export interface WriteDocumentsOptions {
  progress?: Progress;
}

/**
 * Writes documents 1..count under `directory` as `<shard>/<id>.json`, shard `0000` holding
 * the first SHARD_SIZE. Each document is built just before it is written, so memory stays
 * flat whatever the count. Files are written with the sync API — for many small files it
 * costs a seventh of the promise API's open/write/close — yielding once per shard.
 */
export async function writeDocuments(
  directory: string,
  count: number,
  make: (index: number) => { id: string; document: unknown },
  options: WriteDocumentsOptions = {},
): Promise<void> {
  const shardOf = (index: number) => String(Math.floor((index - 1) / SHARD_SIZE)).padStart(4, '0');
  for (let first = 1; first <= Math.max(count, 1); first += SHARD_SIZE) {
    const shard = path.join(directory, shardOf(first));
    await mkdir(shard, { recursive: true });
    const last = Math.min(first + SHARD_SIZE - 1, count);
    for (let index = first; index <= last; index++) {
      const { id, document } = make(index);
      writeFileSync(path.join(shard, `${id}.json`), JSON.stringify(document));
      options.progress?.tick();
    }
    await new Promise(setImmediate);
  }
}
