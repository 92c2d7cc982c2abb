import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { unzipSync } from 'fflate';

/** An export's files (path → bytes) from a `.zip` or a directory, as `writeEvidenceExport` wrote them. */
export async function readEvidenceExport(path: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  if ((await stat(path)).isFile()) {
    for (const [name, bytes] of Object.entries(unzipSync(await readFile(path)))) {
      if (!name.endsWith('/')) files.set(name, bytes);
    }
    return files;
  }
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.set(relative(path, full).split(sep).join('/'), await readFile(full));
    }
  };
  await walk(path);
  return files;
}
