import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { JSONWebKeySet, JWK } from 'jose';
import { createExclusive, replaceAtomically, tightenMode, writeIfChanged } from './keyFiles.js';

/** Issuer of the tokens minted by the development identity provider. */
export const DEV_ISSUER = 'https://idp.comity.local/dev';
/** Audience the gateway expects on caller tokens in development. */
export const DEV_AUDIENCE = 'comity-gateway';
/** Key id of the development identity provider's signing key. */
export const DEV_IDP_KID = 'dev-idp-1';
/** `.keys/` at the repository root; gitignored, never committed. */
export const DEFAULT_DEV_KEYS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../.keys');

/** File names inside the keys directory. */
export const DEV_KEY_FILES = {
  /** The development identity provider's private JWK (mode 0600). */
  idpPrivate: 'dev-idp.private.jwk.json',
  /** The development identity provider's public JWKS, what a gateway would fetch. */
  idpPublic: 'dev-idp.jwks.json',
  /** The gateway's context-signing key ring `{ current, previous }`, private JWKs (mode 0600). */
  contextPrivate: 'context-signing.private.json',
  /** The public half of the ring as a JWKS, current first: what every subgraph trusts. */
  contextPublic: 'context-signing.jwks.json',
} as const;

/** An Ed25519 signing key, both halves as JWKs carrying `kid`, `alg: EdDSA` and `use: sig`. */
export interface SigningKeyPair {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
}

export interface DevKeys {
  dir: string;
  idp: SigningKeyPair & {
    issuer: string;
    audience: string;
    publicJwks: JSONWebKeySet;
  };
  context: {
    /** Signs every context token the gateway sends. */
    current: SigningKeyPair;
    /** The key before the last rotation, still trusted so that tokens in flight verify; null before the first rotation. */
    previous: SigningKeyPair | null;
    /** Current then previous: what a subgraph passes to `createContextVerifier`. */
    publicJwks: JWK[];
  };
}

interface ContextKeyRing {
  current: JWK;
  previous: JWK | null;
}

/**
 * Loads the development keys from `dir`, generating them on first use. Several processes
 * (`npm start` launches the gateway and every subgraph at once) may call this together: each
 * file is written in full under a temporary name and then hard-linked into place, which fails
 * with EEXIST if another process got there first — the loser then reads the winner's key, so
 * every process ends up with the same keys and no file is ever seen half-written.
 */
export async function ensureDevKeys(dir: string = DEFAULT_DEV_KEYS_DIR): Promise<DevKeys> {
  await mkdir(dir, { recursive: true, mode: 0o700 });

  const idpPrivatePath = join(dir, DEV_KEY_FILES.idpPrivate);
  await createExclusive(
    idpPrivatePath,
    async () => `${JSON.stringify(await generateSigningJwk(DEV_IDP_KID), null, 2)}\n`,
  );
  const idp = toKeyPair(await readPrivateJwk(idpPrivatePath));
  await writeIfChanged(join(dir, DEV_KEY_FILES.idpPublic), jwksFile([idp.publicJwk]), 0o644);

  const ringPath = join(dir, DEV_KEY_FILES.contextPrivate);
  await createExclusive(ringPath, async () =>
    ringFile({ current: await generateSigningJwk(), previous: null }),
  );
  const ring = await readRing(ringPath);
  const context = await contextKeys(dir, ring);

  return {
    dir,
    idp: {
      ...idp,
      issuer: DEV_ISSUER,
      audience: DEV_AUDIENCE,
      publicJwks: { keys: [idp.publicJwk] },
    },
    context,
  };
}

/**
 * Rotates the gateway's context-signing key: the current key becomes the previous one (still
 * trusted, so tokens signed a moment ago verify) and a new current key is made. The key that
 * was previous is dropped and no longer verifies. The ring is one file replaced by rename, so a
 * reader sees either the old ring or the new one. Processes that loaded the keys earlier keep
 * theirs until they reload.
 */
export async function rotateContextKey(dir: string = DEFAULT_DEV_KEYS_DIR): Promise<DevKeys> {
  await ensureDevKeys(dir);
  const ringPath = join(dir, DEV_KEY_FILES.contextPrivate);
  const ring = await readRing(ringPath);
  await replaceAtomically(
    ringPath,
    ringFile({ current: await generateSigningJwk(), previous: ring.current }),
    0o600,
  );
  return ensureDevKeys(dir);
}

async function contextKeys(dir: string, ring: ContextKeyRing): Promise<DevKeys['context']> {
  const current = toKeyPair(ring.current);
  const previous = ring.previous ? toKeyPair(ring.previous) : null;
  const publicJwks = previous ? [current.publicJwk, previous.publicJwk] : [current.publicJwk];
  await writeIfChanged(join(dir, DEV_KEY_FILES.contextPublic), jwksFile(publicJwks), 0o644);
  return { current, previous, publicJwks };
}

async function generateSigningJwk(kid?: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  const jwk = await exportJWK(privateKey);
  // A thumbprint-derived kid is distinct for every generated key, so that after a rotation
  // the verifier picks the right one of current and previous.
  const keyId = kid ?? `ctx-${(await calculateJwkThumbprint(jwk)).slice(0, 16)}`;
  return { ...jwk, kid: keyId, alg: 'EdDSA', use: 'sig' };
}

function toKeyPair(privateJwk: JWK): SigningKeyPair {
  const { d: _d, ...publicJwk } = privateJwk;
  return { kid: privateJwk.kid as string, privateJwk, publicJwk };
}

function jwksFile(keys: JWK[]): string {
  return `${JSON.stringify({ keys }, null, 2)}\n`;
}

function ringFile(ring: ContextKeyRing): string {
  return `${JSON.stringify(ring, null, 2)}\n`;
}

async function readPrivateJwk(path: string): Promise<JWK> {
  await tightenMode(path);
  const jwk = JSON.parse(await readFile(path, 'utf8')) as JWK;
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string' || !jwk.kid) {
    throw new Error(`${path} is not an Ed25519 private JWK with a kid`);
  }
  return jwk;
}

async function readRing(path: string): Promise<ContextKeyRing> {
  await tightenMode(path);
  const ring = JSON.parse(await readFile(path, 'utf8')) as ContextKeyRing;
  for (const jwk of [ring.current, ring.previous]) {
    if (jwk === null) continue;
    if (jwk?.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.d !== 'string' || !jwk.kid) {
      throw new Error(`${path} does not hold an Ed25519 key ring`);
    }
  }
  if (!ring.current) throw new Error(`${path} has no current key`);
  return ring;
}
