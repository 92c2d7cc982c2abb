import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { zipSync } from 'fflate';

/**
 * Writes an export's files to `out`: a zip when it ends in `.zip` (fflate, stored with a
 * fixed time so the same package gives the same archive), else a directory.
 */
export async function writeEvidenceExport(
  files: ReadonlyMap<string, Uint8Array>,
  out: string,
): Promise<void> {
  if (out.toLowerCase().endsWith('.zip')) {
    const entries = Object.fromEntries(
      [...files].map(([name, bytes]) => [
        name,
        [bytes, { mtime: new Date('2000-01-01T00:00:00Z') }],
      ]),
    );
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, zipSync(entries as Parameters<typeof zipSync>[0]));
    return;
  }
  for (const [name, bytes] of files) {
    const path = join(out, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }
}
