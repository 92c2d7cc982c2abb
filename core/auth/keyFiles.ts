import { randomUUID } from 'node:crypto';
import { chmod, link, open, readFile, rename, rm, stat } from 'node:fs/promises';

// Key files shared by the development keys (core/auth/devKeys.ts) and the jurisdictions'
// audit signing keys: several processes start at once and must end up with the same key,
// and no process may ever read a half-written file.

/** Someone copying the directory with a loose umask must not leave private keys readable. */
export async function tightenMode(path: string): Promise<void> {
  const { mode } = await stat(path);
  if ((mode & 0o077) !== 0) await chmod(path, 0o600);
}

/**
 * Creates `path` with `contents` (mode 0600) unless it exists: written in full under a
 * temporary name, then hard-linked into place, which fails with EEXIST when another process
 * got there first — whose file then stands.
 */
export async function createExclusive(
  path: string,
  contents: () => Promise<string>,
): Promise<void> {
  if (await exists(path)) return;
  const temp = await writeTemp(path, await contents(), 0o600);
  try {
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Replaces `path` atomically (rename) when its contents differ. */
export async function writeIfChanged(path: string, contents: string, mode: number): Promise<void> {
  const existing = await readFile(path, 'utf8').catch(() => null);
  if (existing === contents) return;
  await replaceAtomically(path, contents, mode);
}

/** Replaces `path` atomically: written in full under a temporary name, then renamed. */
export async function replaceAtomically(
  path: string,
  contents: string,
  mode: number,
): Promise<void> {
  const temp = await writeTemp(path, contents, mode);
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function writeTemp(path: string, contents: string, mode: number): Promise<string> {
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(contents, 'utf8');
    await handle.chmod(mode);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temp;
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
