import { opendir } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every `*.json` file under `directory`, sub-folders included, in no particular order.
 * `opendir` streams the listing, so a large folder is never held as one array of names; sub-folders are walked depth first. Hidden entries (`.tmp`, editors'
 * swap files) are skipped.
 */
export async function* walkJsonFiles(directory: string): AsyncGenerator<string> {
  const pending = [directory];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for await (const entry of await opendir(current, { bufferSize: 256 })) {
      if (entry.name.startsWith('.')) continue;
      const entryPath = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(entryPath);
      else if (entry.isFile() && entry.name.endsWith('.json')) yield entryPath;
    }
  }
}
