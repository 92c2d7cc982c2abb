import { readFile } from 'node:fs/promises';
import type { JWK, JSONWebKeySet } from 'jose';
import { trustedKeysDir } from '../../core/auth/trustedKeysDir.js';
import { createCallerVerifier } from './createCallerVerifier.js';
import type { CallerVerifier } from './createCallerVerifier.js';
import { createContextSigner } from './createContextSigner.js';
import type { ContextSigner } from './createContextSigner.js';
import { ensureDevKeys } from '../../core/auth/devKeys.js';
import type { DevKeys } from '../../core/auth/devKeys.js';

export interface GatewayTrust {
  verifyCaller: CallerVerifier;
  signer: ContextSigner;
  /** Where caller tokens come from, for the startup log (no secrets). */
  description: string;
  /**
   * The development identity provider's keys when caller tokens come from it (the dashboard's
   * development sign-in mints with them); null with a real identity provider.
   */
  devKeys: DevKeys | null;
}

/** A comma-separated list, trimmed; undefined when the variable is unset or blank. */
function listFromEnv(value: string | undefined): string[] | undefined {
  const items = (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function clockToleranceFromEnv(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 300) {
    throw new Error(
      'COMITY_JWT_CLOCK_TOLERANCE_SEC must be a whole number of seconds from 0 to 300',
    );
  }
  return seconds;
}

async function staticKeysFromFile(file: string): Promise<JSONWebKeySet> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(
      `COMITY_JWT_PUBLIC_KEYS_FILE could not be read as JSON (${(error as Error).name})`,
    );
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) {
    throw new Error(
      'COMITY_JWT_PUBLIC_KEYS_FILE must hold a JWKS: { "keys": [ <public JWK>, … ] }',
    );
  }
  for (const key of keys as JWK[]) {
    // A private member in a file of trusted public keys means the wrong file was deployed.
    if (typeof key !== 'object' || key === null || 'd' in key || key.kty === 'oct') {
      throw new Error('COMITY_JWT_PUBLIC_KEYS_FILE must hold public keys only (no "d", no "oct")');
    }
  }
  return { keys: keys as JWK[] };
}

/**
 * What the gateway trusts and signs with. Production: the identity provider's keys — its JWKS
 * URL (`COMITY_JWKS_URL`) or static public keys (`COMITY_JWT_PUBLIC_KEYS_FILE`, a JWKS file) —
 * with `COMITY_ISSUER` and `COMITY_AUDIENCE`, optionally `COMITY_JWT_ALGORITHMS` and
 * `COMITY_JWT_CLOCK_TOLERANCE_SEC`; and the context-signing key
 * (`COMITY_CONTEXT_SIGNING_KEY_FILE`: `{ "current": <Ed25519 private JWK with kid> }`).
 * Development: the keys `npm start` generates under `.keys/` (or `COMITY_KEYS_DIR`).
 */
export async function gatewayTrust(env: NodeJS.ProcessEnv = process.env): Promise<GatewayTrust> {
  const jwksUrl = env.COMITY_JWKS_URL || undefined;
  const keysFile = env.COMITY_JWT_PUBLIC_KEYS_FILE || undefined;
  if (jwksUrl && keysFile) {
    throw new Error('set COMITY_JWKS_URL or COMITY_JWT_PUBLIC_KEYS_FILE, not both');
  }
  const production = jwksUrl !== undefined || keysFile !== undefined;
  const needsDevKeys = !production || !env.COMITY_CONTEXT_SIGNING_KEY_FILE;
  const dev = needsDevKeys ? await ensureDevKeys(trustedKeysDir(env)) : null;
  const algorithms = listFromEnv(env.COMITY_JWT_ALGORITHMS);
  const clockToleranceSec = clockToleranceFromEnv(env.COMITY_JWT_CLOCK_TOLERANCE_SEC);

  let verifyCaller: CallerVerifier;
  let description: string;
  if (production) {
    if (!env.COMITY_ISSUER || !env.COMITY_AUDIENCE) {
      throw new Error(
        `${jwksUrl ? 'COMITY_JWKS_URL' : 'COMITY_JWT_PUBLIC_KEYS_FILE'} needs COMITY_ISSUER and COMITY_AUDIENCE`,
      );
    }
    verifyCaller = createCallerVerifier({
      ...(jwksUrl ? { jwksUrl } : { publicJwks: await staticKeysFromFile(keysFile!) }),
      issuer: env.COMITY_ISSUER,
      audience: env.COMITY_AUDIENCE,
      algorithms,
      clockToleranceSec,
    });
    description = `caller tokens from ${env.COMITY_ISSUER}`;
  } else {
    verifyCaller = createCallerVerifier({
      publicJwks: dev!.idp.publicJwks as JSONWebKeySet,
      issuer: dev!.idp.issuer,
      audience: dev!.idp.audience,
      algorithms,
      clockToleranceSec,
    });
    description = `caller tokens from the development identity provider (${dev!.idp.issuer})`;
  }

  let signingKey: JWK;
  if (env.COMITY_CONTEXT_SIGNING_KEY_FILE) {
    const ring = JSON.parse(await readFile(env.COMITY_CONTEXT_SIGNING_KEY_FILE, 'utf8')) as {
      current?: JWK;
    };
    if (!ring.current?.kid) {
      throw new Error('COMITY_CONTEXT_SIGNING_KEY_FILE must hold { "current": <JWK with kid> }');
    }
    signingKey = ring.current;
  } else {
    signingKey = dev!.context.current.privateJwk;
  }
  return {
    verifyCaller,
    signer: createContextSigner({ privateJwk: signingKey, kid: signingKey.kid! }),
    description,
    devKeys: production ? null : dev,
  };
}
