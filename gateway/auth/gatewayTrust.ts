import { readFile } from 'node:fs/promises';
import type { JWK, JSONWebKeySet } from 'jose';
import { trustedKeysDir } from '../../subgraphs/kit/auth/trustedKeysDir.js';
import { createCallerVerifier } from './createCallerVerifier.js';
import type { CallerVerifier } from './createCallerVerifier.js';
import { createContextSigner } from './createContextSigner.js';
import type { ContextSigner } from './createContextSigner.js';
import { ensureDevKeys } from './devKeys.js';

export interface GatewayTrust {
  verifyCaller: CallerVerifier;
  signer: ContextSigner;
  /** Where caller tokens come from, for the startup log (no secrets). */
  description: string;
}

/**
 * What the gateway trusts and signs with. Production: the identity provider's JWKS
 * (`COMITY_JWKS_URL`, `COMITY_ISSUER`, `COMITY_AUDIENCE`) and the context-signing key
 * (`COMITY_CONTEXT_SIGNING_KEY_FILE`: `{ "current": <Ed25519 private JWK with kid> }`).
 * Development: the keys `npm start` generates under `.keys/` (or `COMITY_KEYS_DIR`).
 */
export async function gatewayTrust(env: NodeJS.ProcessEnv = process.env): Promise<GatewayTrust> {
  const needsDevKeys = !env.COMITY_JWKS_URL || !env.COMITY_CONTEXT_SIGNING_KEY_FILE;
  const dev = needsDevKeys ? await ensureDevKeys(trustedKeysDir(env)) : null;

  let verifyCaller: CallerVerifier;
  let description: string;
  if (env.COMITY_JWKS_URL) {
    if (!env.COMITY_ISSUER || !env.COMITY_AUDIENCE) {
      throw new Error('COMITY_JWKS_URL needs COMITY_ISSUER and COMITY_AUDIENCE');
    }
    verifyCaller = createCallerVerifier({
      jwksUrl: env.COMITY_JWKS_URL,
      issuer: env.COMITY_ISSUER,
      audience: env.COMITY_AUDIENCE,
    });
    description = `caller tokens from ${env.COMITY_ISSUER}`;
  } else {
    verifyCaller = createCallerVerifier({
      publicJwks: dev!.idp.publicJwks as JSONWebKeySet,
      issuer: dev!.idp.issuer,
      audience: dev!.idp.audience,
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
  };
}
