import type { JWK } from 'jose';
import { AuthError, AuthErrorReason } from './AuthError.js';
import { PURPOSES, ROLES } from '../policy/policySpec.js';
import type { Purpose, Role } from '../policy/policySpec.js';
import type { ContextClaims } from './ContextClaims.js';
import { ed25519PublicKey, verifyEd25519Jws } from './ed25519Jws.js';
import { createReplayGuard } from './replayGuard.js';
import type { ReplayGuard } from './replayGuard.js';

/** The request header carrying the gateway's context token. */
export const CONTEXT_HEADER = 'x-comity-context';
/** `iss` of every context token. */
export const CONTEXT_ISSUER = 'comity-gateway';
/**
 * JWT `typ` header of a context token (RFC 8725 §3.11, explicit typing): a caller's token or
 * any other JWT signed by a trusted key can never pass for a context token.
 */
export const CONTEXT_TOKEN_TYPE = 'comity-context+jwt';
/** docs/architecture.md §4.3: a minute or less. */
export const MAX_CONTEXT_TTL_SECONDS = 60;
export const DEFAULT_CONTEXT_CLOCK_TOLERANCE_SEC = 5;

const AUDIENCE_PREFIX = 'comity-subgraph:';

/** The audience of the context tokens meant for a subgraph: `comity-subgraph:<name>`. */
export function subgraphAudience(subgraphName: string): string {
  return `${AUDIENCE_PREFIX}${subgraphName}`;
}

/** The subgraph name in a `comity-subgraph:<name>` audience; null for any other audience. */
export function subgraphNameOf(audience: string): string | null {
  return audience.startsWith(AUDIENCE_PREFIX) && audience.length > AUDIENCE_PREFIX.length
    ? audience.slice(AUDIENCE_PREFIX.length)
    : null;
}

export interface ContextVerifierOptions {
  /** The gateway's public keys: current and previous, so tokens signed just before a rotation still verify. */
  publicJwks: JWK[];
  /** This subgraph's audience, `subgraphAudience(name)`; a token for another subgraph is refused. */
  audience: string;
  /** Required `iss`. Default `comity-gateway`. */
  issuer?: string;
  /** Leeway for `exp` and `iat`, seconds. Default 5: gateway and subgraphs share a clock source. */
  clockToleranceSec?: number;
  /** Longest lifetime (`exp - iat`) accepted, seconds. Default 60, and never more. */
  maxTtlSeconds?: number;
  /**
   * Whether roles, country and agency must be present and non-empty. Default true. The
   * directory, which `minimalClaims` sends no identity, sets false.
   */
  requireIdentity?: boolean;
  /** The clock, ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /**
   * Where used token ids are remembered; a token presented again before it expires is refused
   * with REPLAYED. Default: a guard of this verifier's own (`createReplayGuard`).
   */
  replayGuard?: ReplayGuard;
}

export type ContextVerifier = (headerValue: string | undefined) => Promise<ContextClaims>;

const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);
const KNOWN_PURPOSES: ReadonlySet<string> = new Set(PURPOSES);
const MAX_TOKEN_LENGTH = 8 * 1024;

/**
 * Builds the check every subgraph runs on every request, `_entities` and `_service` included
 * (docs/architecture.md §4.4): the `x-comity-context` token must be signed by the gateway (EdDSA only), for
 * this subgraph, typed as a context token, issued at most `maxTtlSeconds` before it expires,
 * unexpired, carry a jti and the request id, and not have been presented before (the gateway
 * signs one token per fetch). Anything else throws an AuthError, which the subgraph answers
 * with 401.
 */
export function createContextVerifier(options: ContextVerifierOptions): ContextVerifier {
  if (options.publicJwks.length === 0) throw new TypeError('publicJwks must not be empty');
  for (const jwk of options.publicJwks) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || jwk.d !== undefined || !jwk.kid) {
      throw new TypeError('publicJwks must be Ed25519 public JWKs, each with a kid');
    }
  }
  const maxTtlSeconds = options.maxTtlSeconds ?? MAX_CONTEXT_TTL_SECONDS;
  if (!(maxTtlSeconds > 0 && maxTtlSeconds <= MAX_CONTEXT_TTL_SECONDS)) {
    throw new RangeError(`maxTtlSeconds must be in (0, ${MAX_CONTEXT_TTL_SECONDS}]`);
  }
  const keys = new Map(options.publicJwks.map((jwk) => [jwk.kid!, ed25519PublicKey(jwk)]));
  const issuer = options.issuer ?? CONTEXT_ISSUER;
  const clockTolerance = options.clockToleranceSec ?? DEFAULT_CONTEXT_CLOCK_TOLERANCE_SEC;
  const requireIdentity = options.requireIdentity ?? true;
  const now = options.now ?? Date.now;
  const replayGuard = options.replayGuard ?? createReplayGuard();

  return async (headerValue) => {
    const token = headerValue?.trim();
    if (!token) {
      throw new AuthError(
        AuthErrorReason.MISSING_TOKEN,
        'This service answers only requests relayed by the Comity gateway.',
      );
    }
    if (token.length > MAX_TOKEN_LENGTH) throw new AuthError(AuthErrorReason.MALFORMED_TOKEN);
    const { header, payload } = verifyEd25519Jws(token, keys);
    // A caller's own JWT (typ JWT) signed by a trusted key must never pass for a context token.
    if (header.typ !== CONTEXT_TOKEN_TYPE) throw badClaim('typ');
    const nowSec = now() / 1000;
    checkRegisteredClaims(payload, {
      issuer,
      audience: options.audience,
      clockTolerance,
      maxTtlSeconds,
      nowSec,
    });
    const claims = contextClaims(payload, requireIdentity);
    // Last, so that only a token valid in every other respect uses up its id; remembered past
    // its expiry by the clock tolerance, for as long as it could still pass the checks above.
    if (!replayGuard.claim(payload.jti as string, (payload.exp as number) + clockTolerance, nowSec)) {
      throw new AuthError(AuthErrorReason.REPLAYED);
    }
    return claims;
  };
}

const REQUIRED_CLAIMS = ['exp', 'iat', 'jti', 'sub', 'requestId', 'operationHash'] as const;

/**
 * iss, aud, exp, nbf and iat as RFC 7519 §4.1 defines them, with `clockTolerance` seconds of
 * leeway: expired (or older than `maxTtlSeconds`) → EXPIRED, not yet valid → NOT_YET_VALID,
 * issued in the future or living longer than `maxTtlSeconds` → BAD_CLAIM.
 */
function checkRegisteredClaims(
  payload: Record<string, unknown>,
  expected: {
    issuer: string;
    audience: string;
    clockTolerance: number;
    maxTtlSeconds: number;
    nowSec: number;
  },
): void {
  for (const claim of REQUIRED_CLAIMS) {
    if (payload[claim] === undefined) {
      throw new AuthError(
        AuthErrorReason.MISSING_CLAIM,
        `The context token lacks the "${claim}" claim.`,
      );
    }
  }
  if (payload.iss !== expected.issuer) throw new AuthError(AuthErrorReason.WRONG_ISSUER);
  const { aud } = payload;
  const forUs = Array.isArray(aud) ? aud.includes(expected.audience) : aud === expected.audience;
  if (!forUs) throw new AuthError(AuthErrorReason.WRONG_AUDIENCE);
  const { exp, iat, nbf } = payload;
  const { nowSec, clockTolerance, maxTtlSeconds } = expected;
  if (!isNumericDate(exp)) throw badClaim('exp');
  if (!isNumericDate(iat)) throw badClaim('iat');
  if (nbf !== undefined && !isNumericDate(nbf)) throw badClaim('nbf');
  if (iat > nowSec + clockTolerance) throw badClaim('iat');
  if (typeof nbf === 'number' && nbf > nowSec + clockTolerance) {
    throw new AuthError(AuthErrorReason.NOT_YET_VALID);
  }
  if (exp <= nowSec - clockTolerance || nowSec - iat - clockTolerance > maxTtlSeconds) {
    throw new AuthError(AuthErrorReason.EXPIRED);
  }
  if (exp - iat > maxTtlSeconds) {
    throw new AuthError(
      AuthErrorReason.BAD_CLAIM,
      `The context token lives longer than ${maxTtlSeconds} seconds.`,
    );
  }
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function contextClaims(payload: Record<string, unknown>, requireIdentity: boolean): ContextClaims {
  if (!isNonEmptyString(payload.jti)) throw badClaim('jti');
  if (!isNonEmptyString(payload.sub)) throw badClaim('sub');
  const { roles, country, agency, purpose, caseRef, requestId, operationHash } = payload;
  if (!isNonEmptyString(requestId)) throw badClaim('requestId');
  if (!isNonEmptyString(operationHash)) throw badClaim('operationHash');
  if (!Array.isArray(roles) || !roles.every((role) => KNOWN_ROLES.has(role))) {
    throw badClaim('roles');
  }
  if (typeof country !== 'string' || !(country === '' || /^[A-Z]{2}$/.test(country))) {
    throw badClaim('country');
  }
  if (typeof agency !== 'string') throw badClaim('agency');
  if (requireIdentity && (roles.length === 0 || country === '' || agency === '')) {
    throw new AuthError(
      AuthErrorReason.MISSING_CLAIM,
      'The context token does not say who is asking (roles, country, agency).',
    );
  }
  if (purpose !== null && purpose !== undefined && !KNOWN_PURPOSES.has(purpose as string)) {
    throw badClaim('purpose');
  }
  if (caseRef !== null && caseRef !== undefined && typeof caseRef !== 'string') {
    throw badClaim('caseRef');
  }
  return {
    sub: payload.sub,
    roles: roles as Role[],
    country,
    agency,
    purpose: (purpose ?? null) as Purpose | null,
    caseRef: (caseRef ?? null) as string | null,
    requestId,
    operationHash,
  };
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value !== '';
}

function badClaim(claim: string): AuthError {
  return new AuthError(
    AuthErrorReason.BAD_CLAIM,
    `The context token's "${claim}" claim is invalid.`,
  );
}
