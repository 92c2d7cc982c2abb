import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevKeys } from '../../../../core/auth/devKeys.js';
import { jurisdictionAuditKey } from '../../../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { memberExchangeKey } from '../../../../subgraphs/kit/keys/exchangeKey.js';
import {
  checkMemberKeysDocument,
  MemberKeysError,
  publishedSigningKey,
} from '../../../../subgraphs/kit/keys/MemberKeys.js';
import type { MemberKeysDocument } from '../../../../subgraphs/kit/keys/MemberKeys.js';
import { memberKeysDocument } from '../../../../subgraphs/kit/keys/memberKeysRoutes.js';

let dir: string;
let document: MemberKeysDocument;

/** Every object key anywhere in `value`. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...allKeys(inner)]);
  }
  return [];
}

const reasonOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return [(error as MemberKeysError).reason, (error as Error).message];
  }
  return null;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'comity-member-keys-'));
  await ensureDevKeys(dir);
  const audit = await jurisdictionAuditKey('fr', dir);
  document = await memberKeysDocument('FR', audit, { COMITY_KEYS_DIR: dir });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a member’s keys document', () => {
  it('publishes its audit key, the context keys it trusts and its exchange key, public halves only', async () => {
    const audit = await jurisdictionAuditKey('fr', dir);
    const devKeys = await ensureDevKeys(dir);
    const exchange = await memberExchangeKey('fr', dir);
    expect(document.member).toBe('FR');
    expect(document.auditCheckpoint).toEqual({
      kid: audit.kid,
      alg: 'EdDSA',
      jwk: { ...audit.publicJwk, alg: 'EdDSA' },
      validFrom: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(document.contextTrust.keys.map((key) => key.kid)).toEqual(
      devKeys.context.publicJwks.map((key) => key.kid),
    );
    expect(document.secretExchange).toMatchObject({
      kid: exchange.kid,
      alg: 'ECDH-ES+A256KW',
      jwk: { kty: 'OKP', crv: 'X25519', x: exchange.publicJwk.x, kid: exchange.kid },
    });
    // The private halves exist on disk, and none of their members is in the document.
    expect(audit.privateJwk.d).toEqual(expect.any(String));
    expect(exchange.privateJwk.d).toEqual(expect.any(String));
    expect(allKeys(document)).not.toContain('d');
    expect(JSON.stringify(document)).not.toContain(audit.privateJwk.d as string);
    expect(JSON.stringify(document)).not.toContain(exchange.privateJwk.d as string);
  });

  it('keeps the same exchange key across calls', async () => {
    expect((await memberExchangeKey('fr', dir)).kid).toBe(document.secretExchange.kid);
  });

  it('refuses a document carrying private key material, wherever it is', async () => {
    const audit = await jurisdictionAuditKey('fr', dir);
    const leaky = structuredClone(document) as any;
    leaky.auditCheckpoint.jwk.d = audit.privateJwk.d;
    expect(reasonOf(() => checkMemberKeysDocument(leaky, 'FR'))).toEqual([
      'PRIVATE_KEY_PUBLISHED',
      'auditCheckpoint holds private key material ("d"): only public keys are published',
    ]);
    const leakyContext = structuredClone(document) as any;
    leakyContext.contextTrust.keys[0].d = 'AAAA';
    expect(reasonOf(() => checkMemberKeysDocument(leakyContext, 'FR'))?.[0]).toBe(
      'PRIVATE_KEY_PUBLISHED',
    );
    const symmetric = structuredClone(document) as any;
    symmetric.contextTrust.keys.push({ kty: 'oct', k: 'c2VjcmV0', kid: 'hmac' });
    expect(reasonOf(() => checkMemberKeysDocument(symmetric, 'FR'))?.[0]).toBe(
      'PRIVATE_KEY_PUBLISHED',
    );
  });

  it('refuses another member’s document, a wrong key type and a kid that is not the key’s', () => {
    expect(reasonOf(() => checkMemberKeysDocument(document, 'DE'))).toEqual([
      'WRONG_MEMBER',
      "the document is FR's, not DE's",
    ]);
    const swapped = { ...document, auditCheckpoint: document.secretExchange };
    expect(reasonOf(() => checkMemberKeysDocument(swapped, 'FR'))).toEqual([
      'KEYS_INVALID',
      'auditCheckpoint is not an Ed25519 public key',
    ]);
    const relabelled = {
      ...document,
      auditCheckpoint: { ...document.auditCheckpoint, kid: 'audit-fr-other' },
    };
    expect(reasonOf(() => checkMemberKeysDocument(relabelled, 'FR'))?.[0]).toBe('KEYS_INVALID');
    expect(reasonOf(() => checkMemberKeysDocument({ ...document, format: 'x' }, 'FR'))?.[0]).toBe(
      'KEYS_INVALID',
    );
  });

  it('gives the published key only for the kid it publishes', () => {
    expect(publishedSigningKey(document, document.auditCheckpoint.kid)).toBe(
      document.auditCheckpoint.jwk,
    );
    expect(reasonOf(() => publishedSigningKey(document, 'audit-fr-0000000000000000'))).toEqual([
      'KEY_NOT_PUBLISHED',
      `signed with key audit-fr-0000000000000000, but FR publishes ${document.auditCheckpoint.kid}`,
    ]);
  });
});
