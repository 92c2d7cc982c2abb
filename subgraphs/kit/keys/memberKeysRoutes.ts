import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { JWK } from 'jose';
import { contextPublicJwks } from '../../../core/auth/contextPublicJwks.js';
import { trustedKeysDir } from '../../../core/auth/trustedKeysDir.js';
import { sendJson } from '../../../core/http/createHttpHandler.js';
import { auditKeyFiles } from '../audit/jurisdictionAuditKey.js';
import { EXCHANGE_ALG, exchangeKeyFiles, memberExchangeKey } from './exchangeKey.js';
import { checkMemberKeysDocument, MEMBER_KEYS_FORMAT, MEMBER_KEYS_PATH } from './MemberKeys.js';
import type { MemberKeysDocument } from './MemberKeys.js';

/** The member's audit signing key as the audit log holds it (`AuditLogOptions.signingKey`). */
export interface AuditKeyToPublish {
  kid: string;
  publicJwk: JWK;
}

/** When a key file was written: the key's validFrom in development, null when unknown. */
async function writtenAt(path: string): Promise<string | null> {
  try {
    return (await stat(path)).mtime.toISOString();
  } catch {
    return null;
  }
}

/**
 * Member `code`'s keys document: its audit checkpoint key (the one its log signs with), the
 * context keys it verifies the gateway's tokens with, and its exchange key (made on first
 * use). Checked as a partner checks it, so a private member can never be served.
 */
export async function memberKeysDocument(
  code: string,
  auditKey: AuditKeyToPublish,
  env: NodeJS.ProcessEnv = process.env,
): Promise<MemberKeysDocument> {
  const cc = code.toLowerCase();
  const keysDir = trustedKeysDir(env);
  const exchange = await memberExchangeKey(cc, keysDir);
  return checkMemberKeysDocument(
    {
      format: MEMBER_KEYS_FORMAT,
      member: cc.toUpperCase(),
      auditCheckpoint: {
        kid: auditKey.kid,
        alg: 'EdDSA',
        jwk: { ...auditKey.publicJwk, kid: auditKey.kid },
        validFrom: await writtenAt(join(keysDir, auditKeyFiles(cc).privateFile)),
      },
      contextTrust: { keys: await contextPublicJwks(env) },
      secretExchange: {
        kid: exchange.kid,
        alg: EXCHANGE_ALG,
        jwk: exchange.publicJwk,
        validFrom: await writtenAt(join(keysDir, exchangeKeyFiles(cc).privateFile)),
      },
    },
    cc,
  );
}

type Route = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * The plain route a member serves its keys document on (`MEMBER_KEYS_PATH`, no token: public
 * keys only), for `createSubgraphServer`'s `routes`. Built once at start: a member reloads its
 * keys by restarting, as it does for the context keys.
 */
export async function memberKeysRoutes(
  code: string,
  auditKey: AuditKeyToPublish,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Record<string, Route>> {
  const body = await memberKeysDocument(code, auditKey, env);
  return {
    [MEMBER_KEYS_PATH]: async (request, response) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' }).end();
        return;
      }
      response.setHeader('cache-control', 'public, max-age=60');
      sendJson(response, 200, body);
    },
  };
}
