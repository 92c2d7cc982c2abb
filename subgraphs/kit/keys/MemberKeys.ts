import type { JWK } from 'jose';

/** Where every member serves its published keys, beside /health, without a context token. */
export const MEMBER_KEYS_PATH = '/.well-known/comity-keys.json';
export const MEMBER_KEYS_FORMAT = 'comity-member-keys/1';

/** One published key: its id, what it is for (`alg`), the public JWK, and since when it signs. */
export interface PublishedKey {
  kid: string;
  alg: string;
  jwk: JWK;
  /** ISO 8601, or null when the member does not say. */
  validFrom: string | null;
}

/**
 * What a member publishes about itself (docs/keys.md): the key its audit checkpoints and
 * evidence manifests are signed with, the gateway keys it accepts context tokens from, and the
 * key a partner wraps the federation's pseudonym secret for it with. Public keys only.
 */
export interface MemberKeysDocument {
  format: typeof MEMBER_KEYS_FORMAT;
  /** ISO 3166-1 alpha-2, upper case. */
  member: string;
  auditCheckpoint: PublishedKey;
  contextTrust: { keys: JWK[] };
  secretExchange: PublishedKey;
}

/** Why a keys document cannot be used; `reason` is stable, the message says what is wrong. */
export class MemberKeysError extends Error {
  override name = 'MemberKeysError';
  constructor(
    readonly reason:
      | 'KEYS_NOT_PUBLISHED'
      | 'KEYS_UNREACHABLE'
      | 'KEYS_INVALID'
      | 'PRIVATE_KEY_PUBLISHED'
      | 'WRONG_MEMBER'
      | 'KEY_NOT_PUBLISHED',
    message: string,
  ) {
    super(message);
  }
}

/** JWK members that carry private or symmetric key material (RFC 7518 §6). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

/** The public members a published JWK may carry; anything else is dropped before publishing. */
const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y', 'n', 'e', 'kid', 'alg', 'use'] as const;

/** The JWK with its public members only; throws when it holds private or symmetric material. */
export function publicJwk(jwk: JWK, what: string): JWK {
  for (const member of PRIVATE_MEMBERS) {
    if ((jwk as Record<string, unknown>)[member] !== undefined) {
      throw new MemberKeysError(
        'PRIVATE_KEY_PUBLISHED',
        `${what} holds private key material ("${member}"): only public keys are published`,
      );
    }
  }
  const kept: Record<string, unknown> = {};
  for (const member of PUBLIC_MEMBERS) {
    const value = (jwk as Record<string, unknown>)[member];
    if (value !== undefined) kept[member] = value;
  }
  return kept as JWK;
}

const isString = (value: unknown): value is string => typeof value === 'string' && value !== '';

function publishedKey(
  value: unknown,
  what: string,
  kty: string,
  crv: string,
  alg: string,
): PublishedKey {
  const key = value as Partial<PublishedKey> | null;
  if (!key || typeof key !== 'object' || !key.jwk || typeof key.jwk !== 'object') {
    throw new MemberKeysError('KEYS_INVALID', `${what} is missing`);
  }
  const jwk = publicJwk(key.jwk, what);
  if (jwk.kty !== kty || jwk.crv !== crv || !isString(jwk.x)) {
    throw new MemberKeysError('KEYS_INVALID', `${what} is not an ${crv} public key`);
  }
  if (!isString(key.kid) || jwk.kid !== key.kid || key.alg !== alg) {
    throw new MemberKeysError('KEYS_INVALID', `${what} must carry its kid and alg ${alg}`);
  }
  const validFrom = key.validFrom ?? null;
  if (
    validFrom !== null &&
    (typeof validFrom !== 'string' || Number.isNaN(Date.parse(validFrom)))
  ) {
    throw new MemberKeysError('KEYS_INVALID', `${what}'s validFrom is not a date`);
  }
  return { kid: key.kid, alg, jwk: { ...jwk, alg }, validFrom };
}

/**
 * Checks a keys document fetched from member `code` (or built to be served): the format, the
 * member it names, an Ed25519 checkpoint key, an X25519 exchange key, at least one context
 * key, and no private key material anywhere. Returns it with public JWK members only.
 */
export function checkMemberKeysDocument(value: unknown, code: string): MemberKeysDocument {
  const document = value as Partial<MemberKeysDocument> | null;
  if (!document || typeof document !== 'object' || document.format !== MEMBER_KEYS_FORMAT) {
    throw new MemberKeysError('KEYS_INVALID', `not a ${MEMBER_KEYS_FORMAT} document`);
  }
  if (document.member !== code.toUpperCase()) {
    throw new MemberKeysError(
      'WRONG_MEMBER',
      `the document is ${String(document.member)}'s, not ${code.toUpperCase()}'s`,
    );
  }
  const contextKeys = document.contextTrust?.keys;
  if (!Array.isArray(contextKeys) || contextKeys.length === 0) {
    throw new MemberKeysError('KEYS_INVALID', 'contextTrust lists no keys');
  }
  return {
    format: MEMBER_KEYS_FORMAT,
    member: document.member,
    auditCheckpoint: publishedKey(
      document.auditCheckpoint,
      'auditCheckpoint',
      'OKP',
      'Ed25519',
      'EdDSA',
    ),
    contextTrust: {
      keys: contextKeys.map((jwk, index) => {
        const kept = publicJwk(jwk, `contextTrust.keys[${index}]`);
        if (!isString(kept.kid) || !isString(kept.kty)) {
          throw new MemberKeysError('KEYS_INVALID', `contextTrust.keys[${index}] has no kid`);
        }
        return kept;
      }),
    },
    secretExchange: publishedKey(
      document.secretExchange,
      'secretExchange',
      'OKP',
      'X25519',
      'ECDH-ES+A256KW',
    ),
  };
}

/**
 * The published key that signed with `kid`: the checkpoint key when its kid is `kid`;
 * otherwise KEY_NOT_PUBLISHED, naming both, so that a signature by a key the member does not
 * publish never verifies against the one it does.
 */
export function publishedSigningKey(document: MemberKeysDocument, kid: string | undefined): JWK {
  const published = document.auditCheckpoint;
  if (kid !== published.kid) {
    throw new MemberKeysError(
      'KEY_NOT_PUBLISHED',
      `signed with key ${kid ?? '(no kid)'}, but ${document.member} publishes ${published.kid}`,
    );
  }
  return published.jwk;
}
