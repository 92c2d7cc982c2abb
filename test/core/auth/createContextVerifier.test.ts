import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SignJWT,
  decodeJwt,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
} from 'jose';
import type { JWK, JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../../../core/auth/AuthError.js';
import type { AuthErrorReason } from '../../../core/auth/AuthError.js';
import { createContextSigner, minimalClaims } from '../../../gateway/auth/createContextSigner.js';
import { ensureDevKeys, rotateContextKey } from '../../../core/auth/devKeys.js';
import type { DevKeys } from '../../../core/auth/devKeys.js';
import type { ContextClaims } from '../../../core/auth/ContextClaims.js';
import {
  CONTEXT_HEADER,
  CONTEXT_TOKEN_TYPE,
  createContextVerifier,
  subgraphAudience,
  subgraphNameOf,
} from '../../../core/auth/createContextVerifier.js';
import { ed25519PrivateKey, signEd25519Jws } from '../../../core/auth/ed25519Jws.js';
import { createReplayGuard } from '../../../core/auth/replayGuard.js';

const FR = subgraphAudience('fr');
const DE = subgraphAudience('de');
const DIRECTORY = subgraphAudience('directory');

const claims: ContextClaims = {
  sub: 'alice',
  roles: ['INVESTIGATOR', 'PROSECUTOR'],
  country: 'FR',
  agency: 'OCLCTIC',
  purpose: 'ASSET_TRACING',
  caseRef: 'FR-2024-0042',
  requestId: 'req-1',
  operationHash: 'sha256:abc',
};

let dir: string;
let keys: DevKeys;
let otherKey: JWK;

const nowSec = () => Math.floor(Date.now() / 1000);

function signerFor(k: DevKeys, overrides: Partial<Parameters<typeof createContextSigner>[0]> = {}) {
  return createContextSigner({
    privateJwk: k.context.current.privateJwk,
    kid: k.context.current.kid,
    ...overrides,
  });
}

function verifierFor(audience: string, publicJwks: JWK[], requireIdentity = true) {
  return createContextVerifier({ publicJwks, audience, requireIdentity });
}

/** A context token built by hand, to produce what a correct signer never would. */
async function handSigned(
  payload: JWTPayload,
  header: { kid?: string; typ?: string } = {},
  jwk: JWK = keys.context.current.privateJwk,
): Promise<string> {
  const { sub, ...rest } = { ...claims, ...payload };
  const jwt = new SignJWT(rest).setProtectedHeader({
    alg: 'EdDSA',
    kid: keys.context.current.kid,
    typ: CONTEXT_TOKEN_TYPE,
    ...header,
  });
  if (sub !== undefined) jwt.setSubject(sub as string);
  return jwt.sign(await importJWK(jwk, 'EdDSA'));
}

function base(overrides: JWTPayload = {}): JWTPayload {
  return {
    iss: 'comity-gateway',
    aud: FR,
    iat: nowSec(),
    exp: nowSec() + 30,
    jti: 'jti-1',
    ...overrides,
  };
}

function without(payload: JWTPayload, claim: string): JWTPayload {
  const copy = { ...payload };
  copy[claim] = undefined;
  return copy;
}

async function refusal(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AuthError);
  expect((error as AuthError).code).toBe('UNAUTHENTICATED');
  return error as AuthError;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'comity-context-'));
  keys = await ensureDevKeys(dir);
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  otherKey = await exportJWK(privateKey);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('context token round trip', () => {
  it('verifies what the gateway signed and returns the claims unchanged', async () => {
    const token = await signerFor(keys).sign(claims, FR);
    expect(await verifierFor(FR, keys.context.publicJwks)(token)).toEqual(claims);

    const header = decodeProtectedHeader(token);
    expect(header).toEqual({
      alg: 'EdDSA',
      kid: keys.context.current.kid,
      typ: CONTEXT_TOKEN_TYPE,
    });
    const payload = decodeJwt(token);
    expect(payload.exp! - payload.iat!).toBe(30);
    expect(payload.aud).toBe(FR);
    expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/);
    expect(CONTEXT_HEADER).toBe('x-comity-context');
  });

  it('sends the directory no identity beyond subject, request id and operation hash', async () => {
    const token = await signerFor(keys).sign(claims, DIRECTORY);
    const payload = decodeJwt(token);
    expect(payload).toMatchObject({
      roles: [],
      country: '',
      agency: '',
      purpose: null,
      caseRef: null,
    });
    expect(JSON.stringify(payload)).not.toMatch(/OCLCTIC|INVESTIGATOR|FR-2024|ASSET_TRACING/);
    expect(await verifierFor(DIRECTORY, keys.context.publicJwks, false)(token)).toEqual(
      minimalClaims('directory', claims),
    );
    expect(minimalClaims('fr', claims)).toEqual(claims);
  });

  it.each([
    ['comity-subgraph:fr', 'fr'],
    ['comity-subgraph:', null],
    ['comity-gateway', null],
  ])('subgraphNameOf(%s) is %s', (audience, name) => {
    expect(subgraphNameOf(audience)).toBe(name);
  });
});

describe('createContextVerifier refusals', () => {
  const cases: Array<{
    name: string;
    token: () => Promise<string | undefined>;
    reason: AuthErrorReason;
  }> = [
    { name: 'no header', token: async () => undefined, reason: 'MISSING_TOKEN' },
    { name: 'empty header', token: async () => '', reason: 'MISSING_TOKEN' },
    { name: 'garbage', token: async () => 'not a token', reason: 'MALFORMED_TOKEN' },
    {
      name: 'forged: signed by another key under the gateway kid',
      token: () => handSigned(base(), {}, otherKey),
      reason: 'BAD_SIGNATURE',
    },
    {
      name: 'forged: signed by another key under its own kid',
      token: () => handSigned(base(), { kid: 'ctx-attacker' }, otherKey),
      reason: 'UNKNOWN_KEY',
    },
    {
      name: 'expired',
      token: () => signerFor(keys, { now: () => Date.now() - 120_000 }).sign(claims, FR),
      reason: 'EXPIRED',
    },
    {
      name: "another subgraph's token",
      token: () => signerFor(keys).sign(claims, DE),
      reason: 'WRONG_AUDIENCE',
    },
    {
      name: 'another issuer',
      token: () => handSigned(base({ iss: 'someone-else' })),
      reason: 'WRONG_ISSUER',
    },
    {
      name: 'lifetime over 60 s',
      token: () => handSigned(base({ exp: nowSec() + 120 })),
      reason: 'BAD_CLAIM',
    },
    {
      name: 'issued in the future',
      token: () => handSigned(base({ iat: nowSec() + 120, exp: nowSec() + 150 })),
      reason: 'BAD_CLAIM',
    },
    { name: 'no jti', token: () => handSigned(without(base(), 'jti')), reason: 'MISSING_CLAIM' },
    {
      name: 'no requestId',
      token: () => handSigned(without(base(), 'requestId')),
      reason: 'MISSING_CLAIM',
    },
    { name: 'no iat', token: () => handSigned(without(base(), 'iat')), reason: 'MISSING_CLAIM' },
    {
      name: 'unknown purpose',
      token: () => handSigned(base({ purpose: 'CURIOSITY' })),
      reason: 'BAD_CLAIM',
    },
    {
      name: 'unknown role',
      token: () => handSigned(base({ roles: ['ROOT'] })),
      reason: 'BAD_CLAIM',
    },
    {
      name: 'no identity at a jurisdiction',
      token: () =>
        signerFor(keys, { claimsFor: (_aud, c) => minimalClaims('directory', c) }).sign(claims, FR),
      reason: 'MISSING_CLAIM',
    },
    {
      // A caller's own JWT (typ JWT) must never pass for a context token, even if signed by a
      // trusted key.
      name: 'not typed as a context token',
      token: () => handSigned(base(), { typ: 'JWT' }),
      reason: 'BAD_CLAIM',
    },
    {
      name: 'HS256 with the public key as secret',
      token: async () => {
        const head = Buffer.from(
          JSON.stringify({ alg: 'HS256', typ: CONTEXT_TOKEN_TYPE, kid: keys.context.current.kid }),
        ).toString('base64url');
        const body = Buffer.from(JSON.stringify({ ...claims, ...base() })).toString('base64url');
        const mac = createHmac('sha256', JSON.stringify(keys.context.current.publicJwk))
          .update(`${head}.${body}`)
          .digest('base64url');
        return `${head}.${body}.${mac}`;
      },
      reason: 'ALGORITHM_NOT_ALLOWED',
    },
    {
      name: 'alg none with no signature',
      token: async () => {
        const head = Buffer.from(JSON.stringify({ alg: 'none', typ: CONTEXT_TOKEN_TYPE })).toString(
          'base64url',
        );
        const body = Buffer.from(JSON.stringify({ ...claims, ...base() })).toString('base64url');
        return `${head}.${body}.`;
      },
      reason: 'ALGORITHM_NOT_ALLOWED',
    },
    {
      name: 'a payload changed after signing',
      token: async () => {
        const [head, , signature] = (await signerFor(keys).sign(claims, FR)).split('.');
        const body = Buffer.from(
          JSON.stringify({ ...claims, ...base(), roles: ['JUDGE'] }),
        ).toString('base64url');
        return `${head}.${body}.${signature}`;
      },
      reason: 'BAD_SIGNATURE',
    },
    {
      name: 'a truncated signature',
      token: async () => (await signerFor(keys).sign(claims, FR)).slice(0, -4),
      reason: 'BAD_SIGNATURE',
    },
    {
      name: 'a fourth segment',
      token: async () => `${await signerFor(keys).sign(claims, FR)}.AAAA`,
      reason: 'MALFORMED_TOKEN',
    },
    {
      name: 'a header that is not JSON',
      token: async () => {
        const [, body, signature] = (await signerFor(keys).sign(claims, FR)).split('.');
        return `${Buffer.from('{alg:EdDSA').toString('base64url')}.${body}.${signature}`;
      },
      reason: 'MALFORMED_TOKEN',
    },
    {
      // RFC 7515 §4.1.11: a crit the verifier does not understand must be refused.
      name: 'a critical header extension',
      token: async () =>
        signEd25519Jws(
          { kid: keys.context.current.kid, typ: CONTEXT_TOKEN_TYPE, crit: ['exp'] },
          { ...claims, ...base() },
          ed25519PrivateKey(keys.context.current.privateJwk),
        ),
      reason: 'MALFORMED_TOKEN',
    },
    {
      name: 'not valid before a future nbf',
      token: () => handSigned(base({ nbf: nowSec() + 40 })),
      reason: 'NOT_YET_VALID',
    },
    {
      name: 'an exp that is not a number',
      token: () => handSigned(base({ exp: `${nowSec() + 30}` as unknown as number })),
      reason: 'BAD_CLAIM',
    },
  ];

  it.each(cases)('refuses $name with $reason', async ({ token, reason }) => {
    const verify = verifierFor(FR, keys.context.publicJwks);
    const error = await refusal(verify(await token()));
    expect(error.reason).toBe(reason);
  });

  it('signs standard compact JWS that jose verifies too', async () => {
    const token = await signerFor(keys).sign(claims, FR);
    const { payload, protectedHeader } = await jwtVerify(
      token,
      await importJWK(keys.context.current.publicJwk, 'EdDSA'),
      { issuer: 'comity-gateway', audience: FR, typ: CONTEXT_TOKEN_TYPE, algorithms: ['EdDSA'] },
    );
    expect(protectedHeader).toEqual({
      alg: 'EdDSA',
      kid: keys.context.current.kid,
      typ: CONTEXT_TOKEN_TYPE,
    });
    expect(payload).toMatchObject({ sub: 'alice', roles: claims.roles, requestId: 'req-1' });
  });

  it('refuses to sign tokens living longer than 60 s', () => {
    expect(() => signerFor(keys, { ttlSeconds: 61 })).toThrow(RangeError);
    expect(() => signerFor(keys, { ttlSeconds: 60 })).not.toThrow();
  });
});

describe('replayed context tokens', () => {
  it('accepts a token once and refuses it again while it lives', async () => {
    const verify = verifierFor(FR, keys.context.publicJwks);
    const token = await signerFor(keys).sign(claims, FR);
    await expect(verify(token)).resolves.toEqual(claims);
    expect((await refusal(verify(token))).reason).toBe('REPLAYED');
    // A fresh token for the same request is accepted: only the very token is refused.
    await expect(verify(await signerFor(keys).sign(claims, FR))).resolves.toEqual(claims);
  });

  it('does not use up the id of a token it refuses for another reason', async () => {
    let now = Date.now();
    const verify = createContextVerifier({
      publicJwks: keys.context.publicJwks,
      audience: FR,
      now: () => now,
    });
    const token = await signerFor(keys).sign(claims, FR);
    now -= 60_000;
    expect((await refusal(verify(token))).reason).toBe('BAD_CLAIM');
    now += 60_000;
    await expect(verify(token)).resolves.toEqual(claims);
  });

  it('forgets ids once their tokens have expired, and refuses when it can remember no more', () => {
    const guard = createReplayGuard(2);
    expect(guard.claim('a', 100, 50)).toBe(true);
    expect(guard.claim('b', 100, 50)).toBe(true);
    expect(guard.claim('a', 100, 99)).toBe(false);
    // Full: a new id is refused, never an old one forgotten early.
    expect(guard.claim('c', 130, 60)).toBe(false);
    // Past their expiry the ids are swept, and there is room again.
    expect(guard.claim('c', 130, 100)).toBe(true);
    expect(guard.claim('a', 160, 101)).toBe(true);
  });

  it('a guard shared by two verifiers refuses a token replayed to the other one', async () => {
    const replayGuard = createReplayGuard();
    const [one, two] = [0, 1].map(() =>
      createContextVerifier({ publicJwks: keys.context.publicJwks, audience: FR, replayGuard }),
    );
    const token = await signerFor(keys).sign(claims, FR);
    await expect(one!(token)).resolves.toEqual(claims);
    expect((await refusal(two!(token))).reason).toBe('REPLAYED');
  });
});

describe('context key rotation', () => {
  it('accepts the previous key after a rotation and refuses the one before it', async () => {
    const rotationDir = await mkdtemp(join(tmpdir(), 'comity-rotation-'));
    try {
      const first = await ensureDevKeys(rotationDir);
      const signedWithFirst = await signerFor(first).sign(claims, FR);

      const second = await rotateContextKey(rotationDir);
      const afterOne = verifierFor(FR, second.context.publicJwks);
      await expect(afterOne(signedWithFirst)).resolves.toEqual(claims);
      await expect(afterOne(await signerFor(second).sign(claims, FR))).resolves.toEqual(claims);

      const third = await rotateContextKey(rotationDir);
      const afterTwo = verifierFor(FR, third.context.publicJwks);
      const error = await refusal(afterTwo(signedWithFirst));
      expect(error.reason).toBe('UNKNOWN_KEY');
    } finally {
      await rm(rotationDir, { recursive: true, force: true });
    }
  });
});

describe('context signer presigning', () => {
  it('signs a token of its own for every fetch', async () => {
    const signer = signerFor(keys);
    const concurrent = await Promise.all([signer.sign(claims, FR), signer.sign(claims, FR)]);
    expect(concurrent[0]).not.toBe(concurrent[1]);
    const jtis = concurrent.map((token) => decodeJwt(token).jti);
    expect(new Set(jtis).size).toBe(2);
    // Each verifies, once.
    const verify = verifierFor(FR, keys.context.publicJwks);
    for (const token of concurrent) await expect(verify(token)).resolves.toEqual(claims);
  });

  it('hands the token presigned for its claims and audience to one fetch only', async () => {
    let now = Date.parse('2030-01-01T00:00:00Z');
    const signer = signerFor(keys, { now: () => now });
    const presigned = await signer.presign(claims, FR);
    // Presigning again what is waiting signs nothing new.
    expect(await signer.presign(claims, FR)).toBe(presigned);
    // Other claims or another audience never take it.
    const rows: Array<[string, ContextClaims, string]> = [
      ['another subgraph', claims, DE],
      ['another request', { ...claims, requestId: 'req-2' }, FR],
      ['another operation', { ...claims, operationHash: 'sha256:def' }, FR],
      ['another purpose in the same request', { ...claims, purpose: 'EMERGENCY' }, FR],
    ];
    for (const [name, rowClaims, audience] of rows) {
      expect([name, (await signer.sign(rowClaims, audience)) === presigned]).toEqual([name, false]);
    }
    expect(await signer.sign(claims, FR)).toBe(presigned);
    expect(await signer.sign(claims, FR)).not.toBe(presigned);

    // Past half its lifetime a presigned token is not handed out: a subgraph never gets one
    // about to expire.
    const stale = await signer.presign(claims, FR);
    now += 16_000;
    expect(await signer.sign(claims, FR)).not.toBe(stale);
  });

  it('keeps a bounded number of presigned tokens', async () => {
    const signer = signerFor(keys, { cacheSize: 2 });
    const first = await signer.presign(claims, FR);
    await signer.presign({ ...claims, requestId: 'req-2' }, FR);
    await signer.presign({ ...claims, requestId: 'req-3' }, FR);
    // req-1 was the oldest of three waiting in room for two: dropped, signed anew.
    expect(await signer.sign(claims, FR)).not.toBe(first);
  });

  it('presigns nothing when the cache is off', async () => {
    const now = vi.fn(() => Date.now());
    const signer = signerFor(keys, { cacheSize: 0, now });
    expect(signer.presign(claims, FR)).toBeUndefined();
    expect(now).not.toHaveBeenCalled();
    // Each fetch signs for itself, as before.
    expect(await signer.sign(claims, FR)).not.toBe(await signer.sign(claims, FR));
  });
});
