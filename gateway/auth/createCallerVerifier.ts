import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { JSONWebKeySet, JWTPayload } from 'jose';
import { ROLES } from '../../core/policy/policySpec.js';
import type { Role } from '../../core/policy/policySpec.js';
import { AuthError, AuthErrorReason, toAuthError } from '../../core/auth/AuthError.js';

/** Asymmetric algorithms only: the gateway holds public keys, never a shared secret. */
export const DEFAULT_CALLER_ALGORITHMS: readonly string[] = ['EdDSA', 'ES256', 'RS256'];
export const DEFAULT_CLOCK_TOLERANCE_SEC = 30;
/** jose's default: a fetch of the JWKS URL that takes longer fails. */
export const DEFAULT_JWKS_TIMEOUT_MS = 5_000;
/** A token with an unknown kid triggers a refetch at most this often (jose's default). */
export const DEFAULT_JWKS_COOLDOWN_MS = 30_000;
/** Keys are refetched at the latest after this long (jose's default). */
export const DEFAULT_JWKS_CACHE_MAX_AGE_MS = 600_000;

export interface CallerVerifierOptions {
  /**
   * The identity provider's JWKS URL (production). Fetched on first use, cached for
   * `jwksCacheMaxAgeMs`, refetched when a token names an unknown kid (key rotation) at most
   * once per `jwksCooldownMs`. Exactly one of `jwksUrl` and `publicJwks` is required.
   */
  jwksUrl?: string;
  /** The identity provider's public keys, given inline (development, tests). */
  publicJwks?: JSONWebKeySet;
  /** Required `iss`. */
  issuer: string;
  /** Required `aud` (or one of them). */
  audience: string;
  /**
   * Allowed `alg` values. Default `DEFAULT_CALLER_ALGORITHMS` (EdDSA, ES256, RS256).
   * Symmetric (HS*) and `none` are refused here: a verifier that accepts HS256 with a public
   * key as the secret is the classic algorithm-confusion hole.
   */
  algorithms?: string[];
  /** Leeway for `exp` and `nbf`, in seconds. Default 30. */
  clockToleranceSec?: number;
  /** Timeout of a JWKS fetch, ms. Default 5000. */
  jwksTimeoutMs?: number;
  /** Minimum time between two refetches triggered by an unknown kid, ms. Default 30000. */
  jwksCooldownMs?: number;
  /** Age after which cached keys are refetched, ms. Default 600000. */
  jwksCacheMaxAgeMs?: number;
  /** The clock, ms since the epoch. Default `Date.now`; tests move it. */
  now?: () => number;
  /**
   * Verified tokens remembered, so a client that sends the same token on every request pays
   * for one signature check, not one per request. Default 10000; 0 disables the cache.
   */
  cacheSize?: number;
  /**
   * Longest a verified token is remembered, ms, even when it lives longer: a key withdrawn
   * from the JWKS stops being honoured within this time. Default 60000.
   */
  cacheTtlMs?: number;
}

/** The caller, as its verified token states it. */
export interface CallerIdentity {
  /** `sub`. */
  subject: string;
  /** `roles`, deduplicated; every one a federation role. */
  roles: Role[];
  /** `country`, ISO 3166-1 alpha-2, upper case. */
  homeCountry: string;
  /** `agency`. */
  agency: string;
  /** `jti`, when the identity provider sets one. */
  tokenId: string | null;
  /** `exp`, seconds since the epoch. */
  expiresAt: number;
  /** No token was sent: the public (`anonymousCaller`), limited to public operations. */
  anonymous?: boolean;
}

export type CallerVerifier = (authorizationHeader: string | undefined) => Promise<CallerIdentity>;

const MAX_TOKEN_LENGTH = 16 * 1024;
export const DEFAULT_CALLER_CACHE_SIZE = 10_000;
export const DEFAULT_CALLER_CACHE_TTL_MS = 60_000;

interface VerifiedToken {
  identity: CallerIdentity;
  /** Until this instant (ms) the verification may be reused. */
  reuseUntil: number;
}
const MAX_AGENCY_LENGTH = 200;
const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

/**
 * Builds the function that turns an `Authorization` header into a `CallerIdentity` or throws
 * an `AuthError`. Checks: `Bearer` scheme, algorithm allowlist (before any key lookup), the
 * signature against the identity provider's keys, `iss`, `aud`, `exp` (required), `nbf` (when
 * present), then the claims Comity uses.
 *
 * An unknown role is refused, not dropped: a role name the federation does not know means the
 * identity provider and the federation disagree on the vocabulary (a typo, a renamed role, a
 * token minted for another system). Dropping it would let the request through with silently
 * fewer rights, or, if a name were ever reused, more; refusing makes the mismatch visible at
 * the first request.
 */
export function createCallerVerifier(options: CallerVerifierOptions): CallerVerifier {
  const algorithms = [...(options.algorithms ?? DEFAULT_CALLER_ALGORITHMS)];
  if (algorithms.length === 0) throw new TypeError('algorithms must not be empty');
  for (const alg of algorithms) {
    if (alg === 'none' || /^HS\d+$/.test(alg)) {
      throw new TypeError(`algorithm ${alg} may not verify caller tokens`);
    }
  }
  if ((options.jwksUrl === undefined) === (options.publicJwks === undefined)) {
    throw new TypeError('exactly one of jwksUrl and publicJwks is required');
  }
  const keySet =
    options.jwksUrl !== undefined
      ? createRemoteJWKSet(new URL(options.jwksUrl), {
          timeoutDuration: options.jwksTimeoutMs ?? DEFAULT_JWKS_TIMEOUT_MS,
          cooldownDuration: options.jwksCooldownMs ?? DEFAULT_JWKS_COOLDOWN_MS,
          cacheMaxAge: options.jwksCacheMaxAgeMs ?? DEFAULT_JWKS_CACHE_MAX_AGE_MS,
        })
      : createLocalJWKSet(options.publicJwks as JSONWebKeySet);
  const clockTolerance = options.clockToleranceSec ?? DEFAULT_CLOCK_TOLERANCE_SEC;
  const now = options.now ?? Date.now;
  const cacheSize = options.cacheSize ?? DEFAULT_CALLER_CACHE_SIZE;
  const cacheTtlMs = options.cacheTtlMs ?? DEFAULT_CALLER_CACHE_TTL_MS;
  // Keyed by the whole token: a token differing in any byte is verified from scratch. Only
  // successful verifications are kept; insertion order makes the oldest the one evicted.
  const verified = new Map<string, VerifiedToken>();

  return async (authorizationHeader) => {
    const token = bearerToken(authorizationHeader);
    const at = now();
    const hit = verified.get(token);
    if (hit) {
      // A copy: nothing a request does to its identity reaches the next request's.
      if (at < hit.reuseUntil) return copyOf(hit.identity);
      verified.delete(token);
    }
    checkAlgorithm(token, algorithms);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms,
        clockTolerance,
        requiredClaims: ['exp'],
        currentDate: new Date(at),
      }));
    } catch (error) {
      throw toAuthError(error);
    }
    const identity = callerIdentity(payload);
    if (cacheSize > 0) {
      // jose refuses a token once exp <= now - tolerance; the cached verification ends there too.
      const expiresMs = (identity.expiresAt + clockTolerance) * 1000;
      verified.set(token, {
        identity: copyOf(identity),
        reuseUntil: Math.min(expiresMs, at + cacheTtlMs),
      });
      if (verified.size > cacheSize) verified.delete(verified.keys().next().value as string);
    }
    return identity;
  };
}

const copyOf = (identity: CallerIdentity): CallerIdentity => ({
  ...identity,
  roles: [...identity.roles],
});

/**
 * ISO 3166-1 alpha-2 codes, as ICU knows them, minus codes that are not countries: macro
 * regions (EU, EZ, UN, QO), ICU's private-use and unknown-region codes (XA, XB, ZZ) and
 * exceptionally reserved codes (AC, CP, CQ, DG, EA, IC, TA). XK stays: EU institutions and
 * Interpol use it for Kosovo.
 */
export function isCountryCode(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Z]{2}$/.test(value)) return false;
  if (NOT_COUNTRIES.has(value)) return false;
  return REGION_NAMES.of(value) !== undefined;
}

const NOT_COUNTRIES: ReadonlySet<string> = new Set([
  'AC',
  'CP',
  'CQ',
  'DG',
  'EA',
  'EU',
  'EZ',
  'IC',
  'QO',
  'TA',
  'UN',
  'XA',
  'XB',
  'ZZ',
]);
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

function bearerToken(header: string | undefined): string {
  if (header === undefined || header.trim() === '') {
    throw new AuthError(
      AuthErrorReason.MISSING_TOKEN,
      'An Authorization: Bearer token is required.',
    );
  }
  const match = /^Bearer +([A-Za-z0-9_\-.]+)\s*$/i.exec(header.trim());
  if (!match || match[1].length > MAX_TOKEN_LENGTH) {
    throw new AuthError(
      AuthErrorReason.MALFORMED_TOKEN,
      'The Authorization header must be "Bearer" followed by a JWT.',
    );
  }
  return match[1];
}

/** Refuses a disallowed `alg` before any key is looked up, so such tokens cost no JWKS fetch. */
function checkAlgorithm(token: string, algorithms: readonly string[]): void {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch (error) {
    throw new AuthError(AuthErrorReason.MALFORMED_TOKEN, undefined, { cause: error });
  }
  if (typeof alg !== 'string' || !algorithms.includes(alg)) {
    throw new AuthError(
      AuthErrorReason.ALGORITHM_NOT_ALLOWED,
      `The token is signed with an algorithm that is not allowed; allowed: ${algorithms.join(', ')}.`,
    );
  }
}

function callerIdentity(payload: JWTPayload): CallerIdentity {
  const subject = requireClaim(payload, 'sub');
  if (typeof subject !== 'string' || subject.trim() === '')
    throw badClaim('sub', 'a non-empty string');

  const roles = requireClaim(payload, 'roles');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => typeof r === 'string')) {
    throw badClaim('roles', 'a non-empty array of role names');
  }
  const unknown = roles.filter((role) => !KNOWN_ROLES.has(role));
  if (unknown.length > 0) {
    throw new AuthError(
      AuthErrorReason.BAD_CLAIM,
      `The token's "roles" claim names roles the federation does not know: ${unknown
        .slice(0, 5)
        .map((role) => JSON.stringify(role.slice(0, 40)))
        .join(', ')}.`,
    );
  }

  const country = requireClaim(payload, 'country');
  if (!isCountryCode(country)) throw badClaim('country', 'an ISO 3166-1 alpha-2 country code');

  const agency = requireClaim(payload, 'agency');
  if (
    typeof agency !== 'string' ||
    agency.trim() === '' ||
    agency.length > MAX_AGENCY_LENGTH ||
    /[\u0000-\u001f\u007f]/.test(agency)
  ) {
    throw badClaim(
      'agency',
      `a non-empty string of at most ${MAX_AGENCY_LENGTH} printable characters`,
    );
  }

  return {
    subject,
    roles: [...new Set(roles as Role[])],
    homeCountry: country,
    agency,
    tokenId: typeof payload.jti === 'string' && payload.jti !== '' ? payload.jti : null,
    expiresAt: payload.exp as number,
  };
}

function requireClaim(payload: JWTPayload, claim: string): unknown {
  const value = payload[claim];
  if (value === undefined || value === null) {
    throw new AuthError(AuthErrorReason.MISSING_CLAIM, `The token lacks the "${claim}" claim.`);
  }
  return value;
}

function badClaim(claim: string, expected: string): AuthError {
  return new AuthError(
    AuthErrorReason.BAD_CLAIM,
    `The token's "${claim}" claim must be ${expected}.`,
  );
}
