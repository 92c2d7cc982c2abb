import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jurisdictionAuditKey } from '../../../../subgraphs/kit/audit/jurisdictionAuditKey.js';

describe('jurisdictionAuditKey', () => {
  it('generates one key per jurisdiction on first use, even when asked concurrently', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'comity-audit-keys-'));
    const keys = await Promise.all(
      Array.from({ length: 8 }, () => jurisdictionAuditKey('FR', dir)),
    );
    expect(new Set(keys.map((key) => key.privateJwk.d)).size).toBe(1);
    expect(keys[0]!.kid).toMatch(/^audit-fr-[A-Za-z0-9_-]{16}$/);
    expect(keys[0]!.publicJwk).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      alg: 'EdDSA',
      kid: keys[0]!.kid,
    });
    expect(keys[0]!.publicJwk.d).toBeUndefined();
    expect((await stat(path.join(dir, 'audit-fr.private.jwk.json'))).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(path.join(dir, 'audit-fr.public.jwk.json'), 'utf8'))).toEqual(
      keys[0]!.publicJwk,
    );

    const again = await jurisdictionAuditKey('fr', dir);
    expect(again.privateJwk).toEqual(keys[0]!.privateJwk);
    const germany = await jurisdictionAuditKey('de', dir);
    expect(germany.privateJwk.d).not.toBe(keys[0]!.privateJwk.d);
  });

  it('refuses a code that is not two letters', async () => {
    await expect(jurisdictionAuditKey('../x', tmpdir())).rejects.toThrow(/two letters/);
  });
});
