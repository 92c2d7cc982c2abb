import { randomUUID } from 'node:crypto';
import { SignJWT, importJWK } from 'jose';
import { ROLES } from '../../core/policy/policySpec.js';
import type { Role } from '../../core/policy/policySpec.js';
import { isCountryCode } from './createCallerVerifier.js';
import type { DevKeys } from '../../core/auth/devKeys.js';

/** Lifetime of a development token when none is given. */
export const DEFAULT_DEV_TOKEN_TTL = '1h';
/** Longest lifetime a development token may have: a leaked dev token should die within the day. */
export const MAX_DEV_TOKEN_TTL_SECONDS = 24 * 60 * 60;

export interface DevTokenOptions {
  /** `sub`. */
  subject: string;
  /** `roles`; every one a federation role, at least one. */
  roles: readonly string[];
  /** `country`, ISO 3166-1 alpha-2 (lower case accepted, upper-cased). */
  country: string;
  /** `agency`. */
  agency: string;
  /** Seconds, or `<n>s|m|h|d` (`90s`, `15m`, `1h`, `1d`). Default `1h`, at most 24 h. */
  ttl?: number | string;
  /** Issue time, ms since the epoch. Default now; tests mint expired or future tokens with it. */
  now?: number;
  /** `nbf` offset in seconds from the issue time. Default none. */
  notBeforeSec?: number;
}

/** Bad input to `mintDevToken`; the message says which and why, for the person at the terminal. */
export class DevTokenOptionError extends Error {
  override readonly name = 'DevTokenOptionError';
}

/**
 * Mints a caller token signed by the development identity provider (`ensureDevKeys`), with the
 * claims `createCallerVerifier` expects: iss, aud, sub, roles, country, agency, iat, exp, jti.
 */
export async function mintDevToken(keys: DevKeys, options: DevTokenOptions): Promise<string> {
  const subject = options.subject.trim();
  if (subject === '') throw new DevTokenOptionError('subject must not be empty');
  if (options.roles.length === 0) {
    throw new DevTokenOptionError(`at least one role is required; roles: ${ROLES.join(', ')}`);
  }
  const known: ReadonlySet<string> = new Set(ROLES);
  const unknown = options.roles.filter((role) => !known.has(role));
  if (unknown.length > 0) {
    throw new DevTokenOptionError(`unknown role ${unknown.join(', ')}; roles: ${ROLES.join(', ')}`);
  }
  const country = options.country.trim().toUpperCase();
  if (!isCountryCode(country)) {
    throw new DevTokenOptionError(
      `country ${JSON.stringify(options.country)} is not an ISO 3166-1 alpha-2 code (e.g. FR, DE, SG)`,
    );
  }
  const agency = options.agency.trim();
  if (agency === '') throw new DevTokenOptionError('agency must not be empty');
  const ttlSeconds = parseTtl(options.ttl ?? DEFAULT_DEV_TOKEN_TTL);

  const issuedAt = Math.floor((options.now ?? Date.now()) / 1000);
  const key = await importJWK(keys.idp.privateJwk, 'EdDSA');
  const jwt = new SignJWT({
    roles: [...new Set(options.roles)] as Role[],
    country,
    agency,
  })
    .setProtectedHeader({ alg: 'EdDSA', kid: keys.idp.kid, typ: 'JWT' })
    .setIssuer(keys.idp.issuer)
    .setAudience(keys.idp.audience)
    .setSubject(subject)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds);
  if (options.notBeforeSec !== undefined) jwt.setNotBefore(issuedAt + options.notBeforeSec);
  return jwt.sign(key);
}

const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `90` / `90s` / `15m` / `1h` / `1d` → seconds; throws DevTokenOptionError otherwise. */
export function parseTtl(ttl: number | string): number {
  let seconds: number;
  if (typeof ttl === 'number') {
    seconds = ttl;
  } else {
    const match = /^\s*(\d+)\s*([smhd]?)\s*$/.exec(ttl);
    if (!match) {
      throw new DevTokenOptionError(
        `ttl ${JSON.stringify(ttl)} is not a duration; use seconds or <n>s, <n>m, <n>h, <n>d (e.g. 15m, 1h)`,
      );
    }
    seconds = Number(match[1]) * TTL_UNITS[match[2] || 's'];
  }
  if (!Number.isInteger(seconds) || seconds <= 0 || seconds > MAX_DEV_TOKEN_TTL_SECONDS) {
    throw new DevTokenOptionError(
      `ttl must be between 1 second and ${MAX_DEV_TOKEN_TTL_SECONDS / 3600} hours`,
    );
  }
  return seconds;
}
