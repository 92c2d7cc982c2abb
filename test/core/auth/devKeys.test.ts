import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEV_IDP_KID,
  DEV_KEY_FILES,
  ensureDevKeys,
  rotateContextKey,
} from '../../../core/auth/devKeys.js';

const run = promisify(execFile);
const made: string[] = [];

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'comity-keys-'));
  made.push(dir);
  return join(dir, 'keys');
}

async function modeOf(path: string): Promise<number> {
  return (await stat(path)).mode & 0o777;
}

afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('ensureDevKeys', () => {
  it('creates the key files, private ones readable by the owner only', async () => {
    const dir = await freshDir();
    const keys = await ensureDevKeys(dir);

    expect(await modeOf(dir)).toBe(0o700);
    const modes = {
      idpPrivate: 0o600,
      idpPublic: 0o644,
      contextPrivate: 0o600,
      contextPublic: 0o644,
    } as const;
    for (const [file, mode] of Object.entries(modes)) {
      expect([file, await modeOf(join(dir, DEV_KEY_FILES[file as keyof typeof modes]))]).toEqual([
        file,
        mode,
      ]);
    }
    expect((await readdir(dir)).sort()).toEqual(Object.values(DEV_KEY_FILES).sort());

    expect(keys.idp.kid).toBe(DEV_IDP_KID);
    expect(keys.idp.privateJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: DEV_IDP_KID });
    expect(keys.idp.publicJwk.d).toBeUndefined();
    expect(keys.context.current.publicJwk.d).toBeUndefined();
    expect(keys.context.previous).toBeNull();
    expect(keys.context.publicJwks).toEqual([keys.context.current.publicJwk]);

    const publicIdp = JSON.parse(await readFile(join(dir, DEV_KEY_FILES.idpPublic), 'utf8'));
    expect(publicIdp).toEqual({ keys: [keys.idp.publicJwk] });
    for (const file of [DEV_KEY_FILES.idpPublic, DEV_KEY_FILES.contextPublic]) {
      expect(await readFile(join(dir, file), 'utf8')).not.toContain('"d"');
    }
  });

  it('reuses the keys on a second call', async () => {
    const dir = await freshDir();
    const first = await ensureDevKeys(dir);
    const before = await stat(join(dir, DEV_KEY_FILES.idpPrivate));
    const second = await ensureDevKeys(dir);
    expect(second).toEqual(first);
    expect((await stat(join(dir, DEV_KEY_FILES.idpPrivate))).mtimeMs).toBe(before.mtimeMs);
  });

  it('gives every concurrent first caller the same keys and leaves no temp files', async () => {
    const dir = await freshDir();
    const all = await Promise.all(Array.from({ length: 8 }, () => ensureDevKeys(dir)));
    for (const keys of all) expect(keys).toEqual(all[0]);
    expect((await readdir(dir)).sort()).toEqual(Object.values(DEV_KEY_FILES).sort());
  });

  it('gives concurrent first callers in separate processes the same keys', async () => {
    const dir = await freshDir();
    const module = fileURLToPath(new URL('../../../core/auth/devKeys.ts', import.meta.url));
    const script = `const { ensureDevKeys } = await import(${JSON.stringify(module)});
      const keys = await ensureDevKeys(${JSON.stringify(dir)});
      console.log(JSON.stringify([keys.idp.privateJwk.d, keys.context.current.privateJwk.d]));`;
    const outputs = await Promise.all(
      Array.from({ length: 4 }, () =>
        run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]),
      ),
    );
    const local = await ensureDevKeys(dir);
    for (const { stdout } of outputs) {
      expect(JSON.parse(stdout)).toEqual([
        local.idp.privateJwk.d,
        local.context.current.privateJwk.d,
      ]);
    }
  });

  it('tightens a private key file whose mode was loosened', async () => {
    const dir = await freshDir();
    await ensureDevKeys(dir);
    await chmod(join(dir, DEV_KEY_FILES.contextPrivate), 0o644);
    await ensureDevKeys(dir);
    expect(await modeOf(join(dir, DEV_KEY_FILES.contextPrivate))).toBe(0o600);
  });
});

describe('rotateContextKey', () => {
  it('moves current to previous, makes a new current and drops the older key', async () => {
    const dir = await freshDir();
    const initial = await ensureDevKeys(dir);

    const once = await rotateContextKey(dir);
    expect(once.context.previous).toEqual(initial.context.current);
    expect(once.context.current.kid).not.toBe(initial.context.current.kid);
    expect(once.context.current.privateJwk.d).not.toBe(initial.context.current.privateJwk.d);
    expect(once.context.publicJwks).toEqual([
      once.context.current.publicJwk,
      initial.context.current.publicJwk,
    ]);
    expect(once.idp).toEqual(initial.idp);
    expect(await ensureDevKeys(dir)).toEqual(once);
    expect(await modeOf(join(dir, DEV_KEY_FILES.contextPrivate))).toBe(0o600);

    const twice = await rotateContextKey(dir);
    expect(twice.context.previous).toEqual(once.context.current);
    const published = JSON.parse(await readFile(join(dir, DEV_KEY_FILES.contextPublic), 'utf8'));
    expect(published.keys.map((jwk: { kid: string }) => jwk.kid)).toEqual([
      twice.context.current.kid,
      once.context.current.kid,
    ]);
    expect(JSON.stringify(twice.context)).not.toContain(initial.context.current.kid);
  });
});
