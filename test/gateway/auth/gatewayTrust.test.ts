import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError } from '../../../core/auth/AuthError.js';
import { gatewayTrust } from '../../../gateway/auth/gatewayTrust.js';

const ISSUER = 'https://idp.example.eu/realms/comity';
const AUDIENCE = 'comity-gateway';

describe('gatewayTrust with static public keys (COMITY_JWT_PUBLIC_KEYS_FILE)', () => {
  let dir: string;
  let keysFile: string;
  let idpPrivate: CryptoKey;
  let strangerPrivate: CryptoKey;
  let env: NodeJS.ProcessEnv;

  const token = (key: CryptoKey, alg = 'EdDSA', kid = 'idp-1') =>
    new SignJWT({ sub: 'alice', roles: ['INVESTIGATOR'], country: 'FR', agency: 'OCLCTIC' })
      .setProtectedHeader({ alg, kid, typ: 'JWT' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(key);

  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => error,
    );

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'comity-trust-'));
    const idp = await generateKeyPair('EdDSA', { extractable: true });
    idpPrivate = idp.privateKey;
    strangerPrivate = (await generateKeyPair('EdDSA')).privateKey;
    const publicJwk: JWK = { ...(await exportJWK(idp.publicKey)), kid: 'idp-1', alg: 'EdDSA' };
    keysFile = join(dir, 'idp.jwks.json');
    await writeFile(keysFile, JSON.stringify({ keys: [publicJwk] }));
    env = {
      COMITY_JWT_PUBLIC_KEYS_FILE: keysFile,
      COMITY_ISSUER: ISSUER,
      COMITY_AUDIENCE: AUDIENCE,
      COMITY_KEYS_DIR: join(dir, 'keys'),
    };
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('verifies callers against the keys of the file, not the development keys', async () => {
    const trust = await gatewayTrust(env);
    expect(trust.description).toBe(`caller tokens from ${ISSUER}`);
    const caller = await trust.verifyCaller(`Bearer ${await token(idpPrivate)}`);
    expect(caller).toMatchObject({ subject: 'alice', roles: ['INVESTIGATOR'], homeCountry: 'FR' });
    const forged = await refusal(trust.verifyCaller(`Bearer ${await token(strangerPrivate)}`));
    expect(forged).toBeInstanceOf(AuthError);
  });

  it('applies COMITY_JWT_ALGORITHMS: an allowlist without EdDSA refuses EdDSA tokens', async () => {
    const trust = await gatewayTrust({ ...env, COMITY_JWT_ALGORITHMS: 'ES256' });
    const refused = await refusal(trust.verifyCaller(`Bearer ${await token(idpPrivate)}`));
    expect(refused).toBeInstanceOf(AuthError);
    expect((refused as AuthError).message).toMatch(/algorithm/);
  });

  it.each([
    [
      'both a JWKS URL and a keys file',
      { COMITY_JWKS_URL: 'https://idp.example.eu/jwks' },
      /not both/,
    ],
    ['no issuer', { COMITY_ISSUER: '' }, /COMITY_ISSUER/],
    ['a symmetric algorithm in the allowlist', { COMITY_JWT_ALGORITHMS: 'EdDSA,HS256' }, /HS256/],
    [
      'a clock tolerance that is not a number',
      { COMITY_JWT_CLOCK_TOLERANCE_SEC: 'soon' },
      /TOLERANCE/,
    ],
  ])('refuses to start with %s', async (_name, overrides, message) => {
    await expect(gatewayTrust({ ...env, ...overrides })).rejects.toThrow(message);
  });

  it.each([
    ['a private key', (jwk: JWK) => ({ keys: [{ ...jwk, d: 'AAAA' }] })],
    ['a shared secret', () => ({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] })],
    ['no keys', () => ({ keys: [] })],
  ])('refuses a keys file holding %s', async (_name, content) => {
    const bad = join(dir, `bad-${_name.replace(/\W/g, '')}.json`);
    await writeFile(bad, JSON.stringify(content({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' })));
    await expect(gatewayTrust({ ...env, COMITY_JWT_PUBLIC_KEYS_FILE: bad })).rejects.toThrow(
      /COMITY_JWT_PUBLIC_KEYS_FILE/,
    );
  });
});
