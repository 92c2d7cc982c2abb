import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberExchangeKey } from '../../../../subgraphs/kit/keys/exchangeKey.js';
import type { ExchangeKey } from '../../../../subgraphs/kit/keys/exchangeKey.js';
import {
  envelopeHeader,
  openPseudonymSecret,
  sealPseudonymSecret,
} from '../../../../subgraphs/kit/keys/pseudonymEnvelope.js';

let dir: string;
let us: ExchangeKey;
let other: ExchangeKey;
const secret = new Uint8Array(randomBytes(32));

const failure = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    return (error as { reason?: string }).reason;
  }
  return 'OPENED';
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'comity-envelope-'));
  us = await memberExchangeKey('us', dir);
  other = await memberExchangeKey('gb', dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the pseudonym secret envelope', () => {
  it('opens with the recipient’s private key to the very secret, which it does not show', async () => {
    const envelope = await sealPseudonymSecret(secret, us.publicJwk, 'us');
    expect(envelope.split('.')).toHaveLength(5);
    expect(envelope).not.toContain(Buffer.from(secret).toString('base64url'));
    expect(envelopeHeader(envelope)).toEqual({
      kid: us.kid,
      for: 'US',
      sealedAt: expect.stringMatching(/^\d{4}-/),
    });
    expect(await openPseudonymSecret(envelope, us.privateJwk)).toEqual(secret);
  });

  it('does not open with another member’s key, even when the kid is forged to match', async () => {
    const envelope = await sealPseudonymSecret(secret, us.publicJwk, 'us');
    expect(await failure(() => openPseudonymSecret(envelope, other.privateJwk))).toBe(
      'WRONG_RECIPIENT',
    );
    expect(
      await failure(() => openPseudonymSecret(envelope, { ...other.privateJwk, kid: us.kid })),
    ).toBe('TAMPERED');
  });

  it('fails on any change: ciphertext, tag, wrapped key, or the header naming the recipient', async () => {
    const envelope = await sealPseudonymSecret(secret, us.publicJwk, 'us');
    const parts = envelope.split('.');
    const flip = (text: string) => {
      const bytes = Buffer.from(text, 'base64url');
      bytes[0]! ^= 1;
      return bytes.toString('base64url');
    };
    for (const index of [1, 2, 3, 4]) {
      const changed = parts.map((part, at) => (at === index ? flip(part) : part)).join('.');
      expect(await failure(() => openPseudonymSecret(changed, us.privateJwk))).toBe('TAMPERED');
    }
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    const readdressed = [
      Buffer.from(JSON.stringify({ ...header, for: 'GB' })).toString('base64url'),
      ...parts.slice(1),
    ].join('.');
    expect(await failure(() => openPseudonymSecret(readdressed, us.privateJwk))).toBe('TAMPERED');
    expect(await failure(() => openPseudonymSecret('not.an.envelope', us.privateJwk))).toBe(
      'MALFORMED',
    );
  });

  it('seals only to a public X25519 key, never to a JWK carrying its private half', async () => {
    expect(await failure(() => sealPseudonymSecret(secret, us.privateJwk, 'us'))).toBe('BAD_KEY');
    const { d: _d, ...signing } = {
      kty: 'OKP',
      crv: 'Ed25519',
      x: us.publicJwk.x,
      kid: 'k',
      d: '',
    };
    expect(await failure(() => sealPseudonymSecret(secret, signing, 'us'))).toBe('BAD_KEY');
  });
});
