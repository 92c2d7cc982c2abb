import { randomUUID } from 'node:crypto';
import type { JWK } from 'jose';
import type { ContextClaims } from '../../core/auth/ContextClaims.js';
import {
  CONTEXT_ISSUER,
  CONTEXT_TOKEN_TYPE,
  MAX_CONTEXT_TTL_SECONDS,
  subgraphNameOf,
} from '../../core/auth/createContextVerifier.js';
import { ed25519PrivateKey, signEd25519Jws } from '../../core/auth/ed25519Jws.js';

export const DEFAULT_CONTEXT_TTL_SECONDS = 30;
export const DEFAULT_CONTEXT_CACHE_SIZE = 1024;
/** Subgraphs that hold no personal data and get no identity beyond the subject. */
export const IDENTITY_FREE_SUBGRAPHS: readonly string[] = ['directory'];

export interface ContextSignerOptions {
  /** The gateway's current Ed25519 private key (`ensureDevKeys(…).context.current.privateJwk`). */
  privateJwk: JWK;
  /** Its key id, put in the token header so a subgraph picks current or previous. */
  kid: string;
  /** `iss`. Default `comity-gateway`. */
  issuer?: string;
  /** Lifetime of a context token, seconds. Default 30; more than 60 is refused. */
  ttlSeconds?: number;
  /**
   * What a given audience receives. Default: `minimalClaims(subgraphNameOf(audience), claims)`,
   * so the directory gets only subject, request id and operation hash.
   */
  claimsFor?: (audience: string, claims: ContextClaims) => ContextClaims;
  /** Most presigned tokens waiting for their fetch. Default 1024; 0 disables presigning. */
  cacheSize?: number;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

export interface ContextSigner {
  /**
   * The context token for one subgraph fetch: a token of its own, since a subgraph accepts a
   * token once (its replay guard). A token presigned for the same claims and audience, still
   * with at least half its lifetime left, is handed out (once) instead of signing anew.
   */
  sign(claims: ContextClaims, audience: string): Promise<string>;
  /**
   * Signs ahead of need the token the next `sign` with the same claims and audience will take,
   * and returns it (undefined with the cache off, when it does nothing). A token already
   * waiting is not signed again. Failures are left to that `sign`.
   */
  presign(claims: ContextClaims, audience: string): Promise<string> | undefined;
}

/**
 * Only what a subgraph needs: the directory (no personal data) learns who asks and which
 * request it is, nothing of roles, country, agency, purpose or case; a jurisdiction gets all,
 * because its policy decides on them.
 */
export function minimalClaims(subgraphName: string, claims: ContextClaims): ContextClaims {
  if (!IDENTITY_FREE_SUBGRAPHS.includes(subgraphName)) return { ...claims };
  return {
    sub: claims.sub,
    roles: [],
    country: '',
    agency: '',
    purpose: null,
    caseRef: null,
    requestId: claims.requestId,
    operationHash: claims.operationHash,
  };
}

interface PresignedToken {
  token: Promise<string>;
  /** After this instant (ms) the token has less than half its lifetime left: sign anew. */
  freshUntil: number;
}

/**
 * Signs the short-lived EdDSA token the gateway sends every subgraph in `x-comity-context`
 * (docs/architecture.md §4.3), a fresh one (its own `jti`) on every call, synchronously. The
 * token is typed (`typ: comity-context+jwt`) so that no other JWT — a caller's token, say —
 * can pass for it. `createContextSigner` adds presigning on top.
 */
export function contextTokenSigner(
  options: Omit<ContextSignerOptions, 'cacheSize'>,
): (claims: ContextClaims, audience: string) => string {
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_CONTEXT_TTL_SECONDS;
  if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > MAX_CONTEXT_TTL_SECONDS) {
    throw new RangeError(
      `ttlSeconds must be an integer between 1 and ${MAX_CONTEXT_TTL_SECONDS}, got ${ttlSeconds}`,
    );
  }
  if (
    options.privateJwk.kty !== 'OKP' ||
    options.privateJwk.crv !== 'Ed25519' ||
    !options.privateJwk.d
  ) {
    throw new TypeError('privateJwk must be an Ed25519 private JWK');
  }
  if (options.kid === '') throw new TypeError('kid must not be empty');
  const issuer = options.issuer ?? CONTEXT_ISSUER;
  const claimsFor =
    options.claimsFor ??
    ((audience: string, claims: ContextClaims) =>
      minimalClaims(subgraphNameOf(audience) ?? audience, claims));
  const now = options.now ?? Date.now;
  const key = ed25519PrivateKey(options.privateJwk);
  return (unreleased, audience) => {
    const claims = claimsFor(audience, unreleased);
    const issuedAt = Math.floor(now() / 1000);
    return signEd25519Jws(
      { kid: options.kid, typ: CONTEXT_TOKEN_TYPE },
      {
        roles: claims.roles,
        country: claims.country,
        agency: claims.agency,
        purpose: claims.purpose,
        caseRef: claims.caseRef,
        requestId: claims.requestId,
        operationHash: claims.operationHash,
        iss: issuer,
        aud: audience,
        sub: claims.sub,
        jti: randomUUID(),
        iat: issuedAt,
        exp: issuedAt + ttlSeconds,
      },
      key,
    );
  };
}

/**
 * The gateway's signer: a fresh token per fetch (`contextTokenSigner`), with the tokens of a
 * plan's later stages signed ahead while its first stage is out (`presign`).
 */
export function createContextSigner(options: ContextSignerOptions): ContextSigner {
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_CONTEXT_TTL_SECONDS;
  const claimsFor =
    options.claimsFor ??
    ((audience: string, claims: ContextClaims) =>
      minimalClaims(subgraphNameOf(audience) ?? audience, claims));
  const cacheSize = options.cacheSize ?? DEFAULT_CONTEXT_CACHE_SIZE;
  const now = options.now ?? Date.now;
  // Each token is signed at the instant its slot was looked up, so the slot's freshness and
  // the token's `iat` agree.
  let signingAt = 0;
  const signSync = contextTokenSigner({
    ...options,
    claimsFor: (_audience, claims) => claims,
    now: () => signingAt,
  });
  // Tokens signed ahead, each waiting for the one fetch that takes it; insertion-ordered, so
  // the oldest is dropped when there are too many.
  const presigned = new Map<string, PresignedToken>();

  async function signNow(claims: ContextClaims, audience: string, issuedAtMs: number) {
    signingAt = issuedAtMs;
    return signSync(claims, audience);
  }

  const signer: ContextSigner = {
    presign(claims, audience) {
      if (cacheSize === 0) return undefined;
      const released = claimsFor(audience, claims);
      const issuedAtMs = now();
      // The whole claim set is part of the key, not only (audience, requestId, operationHash):
      // a token is never handed out for claims other than the ones it was signed with.
      const slot = `${audience}\n${JSON.stringify(released)}`;
      const waiting = presigned.get(slot);
      if (waiting && issuedAtMs < waiting.freshUntil) return waiting.token;
      const token = signNow(released, audience, issuedAtMs);
      const expiresAtMs = (Math.floor(issuedAtMs / 1000) + ttlSeconds) * 1000;
      presigned.set(slot, { token, freshUntil: expiresAtMs - (ttlSeconds * 1000) / 2 });
      token.catch(() => {
        if (presigned.get(slot)?.token === token) presigned.delete(slot);
      });
      if (presigned.size > cacheSize) presigned.delete(presigned.keys().next().value as string);
      return token;
    },
    sign(claims, audience) {
      const released = claimsFor(audience, claims);
      const issuedAtMs = now();
      if (presigned.size > 0) {
        const slot = `${audience}\n${JSON.stringify(released)}`;
        const waiting = presigned.get(slot);
        if (waiting) {
          presigned.delete(slot);
          if (issuedAtMs < waiting.freshUntil) return waiting.token;
        }
      }
      return signNow(released, audience, issuedAtMs);
    },
  };
  return signer;
}
