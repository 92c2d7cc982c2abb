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
  /** Most tokens kept for reuse. Default 1024; 0 disables the cache. */
  cacheSize?: number;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
}

export interface ContextSigner {
  /**
   * The context token for one subgraph fetch. Within a request the gateway fetches the same
   * subgraph several times (one `_entities` call per hop); those calls share one token while it
   * has at least half its lifetime left, so signing happens once per subgraph and request.
   */
  sign(claims: ContextClaims, audience: string): Promise<string>;
  /**
   * Signs ahead of need, so that a later `sign` with the same claims and audience finds the
   * token ready. Failures are left to that `sign`; with the cache off it does nothing.
   */
  presign(claims: ContextClaims, audience: string): void;
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

interface CachedToken {
  token: Promise<string>;
  /** After this instant (ms) the token has less than half its lifetime left: sign anew. */
  reuseUntil: number;
}

/**
 * Signs the short-lived EdDSA token the gateway sends every subgraph in `x-comity-context`
 * (docs/architecture.md §4.3). The token is typed (`typ: comity-context+jwt`) so that no other JWT — a
 * caller's token, say — can pass for it.
 */
export function createContextSigner(options: ContextSignerOptions): ContextSigner {
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
  const cacheSize = options.cacheSize ?? DEFAULT_CONTEXT_CACHE_SIZE;
  const now = options.now ?? Date.now;
  const key = ed25519PrivateKey(options.privateJwk);
  // Insertion-ordered Map as an LRU: a hit is moved to the end, the oldest entry is evicted.
  const cache = new Map<string, CachedToken>();

  async function signNow(claims: ContextClaims, audience: string, issuedAtMs: number) {
    const issuedAt = Math.floor(issuedAtMs / 1000);
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
  }

  const signer: ContextSigner = {
    presign(claims, audience) {
      if (cacheSize === 0) return;
      // The rejection is the later `sign`'s to report; this one is only an early start.
      signer.sign(claims, audience).catch(() => {});
    },
    sign(claims, audience) {
      const released = claimsFor(audience, claims);
      const issuedAtMs = now();
      if (cacheSize === 0) return signNow(released, audience, issuedAtMs);
      // The whole claim set is part of the key, not only (audience, requestId, operationHash):
      // a token is never handed out for claims other than the ones it was signed with.
      const cacheKey = `${audience}\n${JSON.stringify(released)}`;
      const hit = cache.get(cacheKey);
      if (hit) {
        cache.delete(cacheKey);
        if (issuedAtMs < hit.reuseUntil) {
          cache.set(cacheKey, hit);
          return hit.token;
        }
      }
      const token = signNow(released, audience, issuedAtMs);
      const expiresAtMs = (Math.floor(issuedAtMs / 1000) + ttlSeconds) * 1000;
      cache.set(cacheKey, { token, reuseUntil: expiresAtMs - (ttlSeconds * 1000) / 2 });
      token.catch(() => {
        if (cache.get(cacheKey)?.token === token) cache.delete(cacheKey);
      });
      if (cache.size > cacheSize) cache.delete(cache.keys().next().value as string);
      return token;
    },
  };
  return signer;
}
