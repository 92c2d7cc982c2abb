import { createHmac, createPublicKey } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { JSONWebKeySet, JWK, JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, AuthErrorReason } from '../../../core/auth/AuthError.js';
import { createCallerVerifier } from '../../../gateway/auth/createCallerVerifier.js';
import type { CallerVerifier } from '../../../gateway/auth/createCallerVerifier.js';
import { DEV_AUDIENCE, DEV_ISSUER, ensureDevKeys } from '../../../core/auth/devKeys.js';
import type { DevKeys } from '../../../core/auth/devKeys.js';
import { mintDevToken } from '../../../gateway/auth/mintDevToken.js';

let dir: string;
let keys: DevKeys;
let verify: CallerVerifier;
let otherKey: JWK;

const nowSec = () => Math.floor(Date.now() / 1000);

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function validClaims(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: DEV_ISSUER,
    aud: DEV_AUDIENCE,
    sub: 'alice',
    roles: ['INVESTIGATOR'],
    country: 'FR',
    agency: 'OCLCTIC',
    iat: nowSec(),
    exp: nowSec() + 600,
    ...overrides,
  };
}

async function sign(
  payload: JWTPayload,
  jwk: JWK = keys.idp.privateJwk,
  kid: string = keys.idp.kid,
): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'JWT' })
    .sign(await importJWK(jwk, 'EdDSA'));
}

function without(payload: JWTPayload, claim: string): JWTPayload {
  const copy = { ...payload };
  delete copy[claim];
  return copy;
}

async function expectRefusal(header: string | undefined, reason: AuthErrorReason) {
  const error = await verify(header).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  expect((error as AuthError).code).toBe('UNAUTHENTICATED');
  expect((error as AuthError).reason).toBe(reason);
  return error as AuthError;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'comity-caller-'));
  keys = await ensureDevKeys(dir);
  verify = createCallerVerifier({
    publicJwks: keys.idp.publicJwks,
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
  });
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  otherKey = await exportJWK(privateKey);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createCallerVerifier', () => {
  it('returns the identity of a valid development token', async () => {
    const token = await mintDevToken(keys, {
      subject: 'alice',
      roles: ['INVESTIGATOR', 'PROSECUTOR', 'INVESTIGATOR'],
      country: 'fr',
      agency: 'OCLCTIC',
      ttl: '1h',
    });
    const identity = await verify(`Bearer ${token}`);
    expect(identity).toEqual({
      subject: 'alice',
      roles: ['INVESTIGATOR', 'PROSECUTOR'],
      homeCountry: 'FR',
      agency: 'OCLCTIC',
      tokenId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      expiresAt: expect.any(Number),
    });
    expect(identity.expiresAt - nowSec()).toBeGreaterThan(3500);
    expect(identity.expiresAt - nowSec()).toBeLessThanOrEqual(3600);
  });

  it('accepts a lower-case scheme and a token just past exp within the clock tolerance', async () => {
    const token = await sign(validClaims({ exp: nowSec() - 10 }));
    await expect(verify(`bearer ${token}`)).resolves.toMatchObject({ subject: 'alice' });
  });

  const refusals: Array<{
    name: string;
    header: () => Promise<string | undefined>;
    reason: AuthErrorReason;
  }> = [
    { name: 'no header', header: async () => undefined, reason: 'MISSING_TOKEN' },
    { name: 'empty header', header: async () => '  ', reason: 'MISSING_TOKEN' },
    { name: 'Basic scheme', header: async () => 'Basic YWxpY2U6cHc=', reason: 'MALFORMED_TOKEN' },
    { name: 'not a JWT', header: async () => 'Bearer abc.def', reason: 'MALFORMED_TOKEN' },
    {
      name: 'alg none (unsigned token)',
      header: async () => {
        const head = b64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: keys.idp.kid }));
        return `Bearer ${head}.${b64url(JSON.stringify(validClaims()))}.`;
      },
      reason: 'ALGORITHM_NOT_ALLOWED',
    },
    {
      // Algorithm confusion: a verifier that lets the token choose HS256 would use the public
      // key (which anyone can fetch) as the HMAC secret, and accept this forgery.
      name: 'HS256 signed with the public key as HMAC secret',
      header: async () => {
        const pem = createPublicKey({ key: keys.idp.publicJwk, format: 'jwk' })
          .export({ type: 'spki', format: 'pem' })
          .toString();
        const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: keys.idp.kid }));
        const body = b64url(JSON.stringify(validClaims({ roles: ['JUDGE'] })));
        const mac = createHmac('sha256', pem).update(`${head}.${body}`).digest('base64url');
        return `Bearer ${head}.${body}.${mac}`;
      },
      reason: 'ALGORITHM_NOT_ALLOWED',
    },
    {
      name: 'wrong issuer',
      header: async () => `Bearer ${await sign(validClaims({ iss: 'https://evil.example' }))}`,
      reason: 'WRONG_ISSUER',
    },
    {
      name: 'wrong audience',
      header: async () => `Bearer ${await sign(validClaims({ aud: 'another-service' }))}`,
      reason: 'WRONG_AUDIENCE',
    },
    {
      name: 'expired beyond the tolerance',
      header: async () =>
        `Bearer ${await mintDevToken(keys, {
          subject: 'alice',
          roles: ['INVESTIGATOR'],
          country: 'FR',
          agency: 'OCLCTIC',
          ttl: '1h',
          now: Date.now() - 2 * 3600 * 1000,
        })}`,
      reason: 'EXPIRED',
    },
    {
      name: 'not yet valid (nbf in an hour)',
      header: async () => `Bearer ${await sign(validClaims({ nbf: nowSec() + 3600 }))}`,
      reason: 'NOT_YET_VALID',
    },
    {
      name: 'no exp',
      header: async () => `Bearer ${await sign(without(validClaims(), 'exp'))}`,
      reason: 'MISSING_CLAIM',
    },
    {
      name: 'unknown kid',
      header: async () => `Bearer ${await sign(validClaims(), otherKey, 'stolen-1')}`,
      reason: 'UNKNOWN_KEY',
    },
    {
      name: 'known kid, signed by another key',
      header: async () => `Bearer ${await sign(validClaims(), otherKey)}`,
      reason: 'BAD_SIGNATURE',
    },
    {
      name: 'tampered payload (role added after signing)',
      header: async () => {
        const [head, , signature] = (await sign(validClaims())).split('.');
        const body = b64url(JSON.stringify(validClaims({ roles: ['INVESTIGATOR', 'JUDGE'] })));
        return `Bearer ${head}.${body}.${signature}`;
      },
      reason: 'BAD_SIGNATURE',
    },
    {
      name: 'missing roles claim',
      header: async () => `Bearer ${await sign(without(validClaims(), 'roles'))}`,
      reason: 'MISSING_CLAIM',
    },
    {
      name: 'unknown role',
      header: async () =>
        `Bearer ${await sign(validClaims({ roles: ['INVESTIGATOR', 'SUPERUSER'] }))}`,
      reason: 'BAD_CLAIM',
    },
    {
      name: 'roles not an array',
      header: async () => `Bearer ${await sign(validClaims({ roles: 'INVESTIGATOR' }))}`,
      reason: 'BAD_CLAIM',
    },
    {
      name: 'empty roles',
      header: async () => `Bearer ${await sign(validClaims({ roles: [] }))}`,
      reason: 'BAD_CLAIM',
    },
    {
      name: 'missing sub',
      header: async () => `Bearer ${await sign(without(validClaims(), 'sub'))}`,
      reason: 'MISSING_CLAIM',
    },
    {
      name: 'country not ISO alpha-2',
      header: async () => `Bearer ${await sign(validClaims({ country: 'France' }))}`,
      reason: 'BAD_CLAIM',
    },
    {
      name: 'country a macro region',
      header: async () => `Bearer ${await sign(validClaims({ country: 'EU' }))}`,
      reason: 'BAD_CLAIM',
    },
    {
      name: 'missing agency',
      header: async () => `Bearer ${await sign(without(validClaims(), 'agency'))}`,
      reason: 'MISSING_CLAIM',
    },
  ];

  it.each(refusals)('refuses $name with $reason', async ({ header, reason }) => {
    const error = await expectRefusal(await header(), reason);
    expect(error.message).not.toMatch(/"d"|"x"|BEGIN/);
  });

  it('names the unknown role so the identity provider can be fixed', async () => {
    const token = await sign(validClaims({ roles: ['SUPERUSER'] }));
    const error = await expectRefusal(`Bearer ${token}`, 'BAD_CLAIM');
    expect(error.message).toContain('"SUPERUSER"');
  });

  it.each([['none'], ['HS256']])('refuses to be configured with %s', (alg) => {
    expect(() =>
      createCallerVerifier({
        publicJwks: keys.idp.publicJwks,
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        algorithms: [alg],
      }),
    ).toThrow(TypeError);
  });

  it('refuses an EdDSA token when the allowlist holds only RS256', async () => {
    const rsOnly = createCallerVerifier({
      publicJwks: keys.idp.publicJwks,
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      algorithms: ['RS256'],
    });
    const error = await rsOnly(`Bearer ${await sign(validClaims())}`).catch((e: unknown) => e);
    expect((error as AuthError).reason).toBe('ALGORITHM_NOT_ALLOWED');
  });
});

describe('createCallerVerifier with a JWKS URL', () => {
  let jwks: JSONWebKeySet;
  let fetches = 0;
  let status = 200;
  const server = createServer((request, response) => {
    fetches += 1;
    if (request.url !== '/.well-known/jwks.json' || status !== 200) {
      response.writeHead(status === 200 ? 404 : status).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/jwk-set+json' });
    response.end(JSON.stringify(jwks));
  });
  let jwksUrl: string;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('fetches the keys once, then verifies a key added by rotation after a refetch', async () => {
    jwks = { keys: [keys.idp.publicJwk] };
    fetches = 0;
    const remote = createCallerVerifier({
      jwksUrl,
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      jwksCooldownMs: 0,
    });
    await expect(remote(`Bearer ${await sign(validClaims())}`)).resolves.toMatchObject({
      subject: 'alice',
    });
    await expect(remote(`Bearer ${await sign(validClaims())}`)).resolves.toMatchObject({
      subject: 'alice',
    });
    expect(fetches).toBe(1);

    // The identity provider rotates: a new key appears in its JWKS under a new kid.
    const { d: _d, ...rotatedPublic } = otherKey;
    jwks = { keys: [{ ...rotatedPublic, kid: 'dev-idp-2', alg: 'EdDSA' }, keys.idp.publicJwk] };
    const rotated = await sign(validClaims({ sub: 'bob' }), otherKey, 'dev-idp-2');
    await expect(remote(`Bearer ${rotated}`)).resolves.toMatchObject({ subject: 'bob' });
    expect(fetches).toBe(2);
  });

  it('does not refetch for an unknown kid within the cooldown', async () => {
    jwks = { keys: [keys.idp.publicJwk] };
    fetches = 0;
    const remote = createCallerVerifier({ jwksUrl, issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
    await remote(`Bearer ${await sign(validClaims())}`);
    const error = await remote(`Bearer ${await sign(validClaims(), otherKey, 'spray-1')}`).catch(
      (e: unknown) => e,
    );
    expect((error as AuthError).reason).toBe('UNKNOWN_KEY');
    expect(fetches).toBe(1);
  });

  it('fails closed without naming the JWKS URL when the identity provider is down', async () => {
    status = 503;
    try {
      const remote = createCallerVerifier({ jwksUrl, issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
      const error = await remote(`Bearer ${await sign(validClaims())}`).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      expect((error as AuthError).reason).toBe('UNKNOWN_KEY');
      expect((error as AuthError).message).not.toContain('127.0.0.1');
    } finally {
      status = 200;
    }
  });
});

describe('createCallerVerifier remembers verified tokens', () => {
  it('still refuses a remembered token once it expires', async () => {
    let clock = Date.now();
    const cached = createCallerVerifier({
      publicJwks: keys.idp.publicJwks,
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      now: () => clock,
    });
    const token = await sign(validClaims({ exp: Math.floor(clock / 1000) + 60 }));
    await expect(cached(`Bearer ${token}`)).resolves.toMatchObject({ subject: 'alice' });
    clock += 30_000;
    await expect(cached(`Bearer ${token}`)).resolves.toMatchObject({ subject: 'alice' });
    clock += 61_000; // past exp + 30 s of tolerance
    const error = await cached(`Bearer ${token}`).catch((e: unknown) => e);
    expect((error as AuthError).reason).toBe('EXPIRED');
  });

  it('never answers for a token that differs in one byte', async () => {
    const token = await sign(validClaims());
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({ subject: 'alice' });
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    await expectRefusal(`Bearer ${token.slice(0, -2)}${last}${token.at(-1)}`, 'BAD_SIGNATURE');
  });

  it('hands each request its own copy of the identity', async () => {
    const token = await sign(validClaims({ roles: ['ANALYST'] }));
    const first = await verify(`Bearer ${token}`);
    first.roles.push('JUDGE');
    first.subject = 'mallory';
    await expect(verify(`Bearer ${token}`)).resolves.toMatchObject({
      subject: 'alice',
      roles: ['ANALYST'],
    });
  });

  it('stops honouring a key withdrawn from the JWKS within the cache lifetime', async () => {
    let jwks: JSONWebKeySet = { keys: [keys.idp.publicJwk] };
    let fetches = 0;
    const server = createServer((_request, response) => {
      fetches += 1;
      response.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      response.end(JSON.stringify(jwks));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      let clock = Date.now();
      const remote = createCallerVerifier({
        jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`,
        issuer: DEV_ISSUER,
        audience: DEV_AUDIENCE,
        jwksCacheMaxAgeMs: 0,
        jwksCooldownMs: 0,
        cacheTtlMs: 60_000,
        now: () => clock,
      });
      const token = await sign(validClaims({ exp: Math.floor(clock / 1000) + 3600 }));
      await remote(`Bearer ${token}`);
      await remote(`Bearer ${token}`);
      expect(fetches).toBe(1); // the second call was answered from the cache

      const { d: _d, ...otherPublic } = otherKey;
      jwks = { keys: [{ ...otherPublic, kid: 'replacement', alg: 'EdDSA' }] };
      clock += 61_000;
      const error = await remote(`Bearer ${token}`).catch((e: unknown) => e);
      expect((error as AuthError).reason).toBe('UNKNOWN_KEY');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
