import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContextSigner } from '../../../gateway/auth/createContextSigner.js';
import {
  OperationAudiences,
  contextClaims,
  presignContextTokensPlugin,
} from '../../../gateway/auth/presignContextTokens.js';
import type { GatewayContext } from '../../../gateway/GatewayContext.js';
import type { ContextClaims } from '../../../subgraphs/kit/auth/ContextClaims.js';
import {
  ed25519PublicKey,
  signEd25519Jws,
  signEd25519JwsAsync,
  verifyEd25519Jws,
} from '../../../subgraphs/kit/auth/ed25519Jws.js';
import { startFakeSubgraph, startInProcessGateway } from '../inProcessGateway.js';
import type { FakeSubgraph, InProcessGateway } from '../inProcessGateway.js';

const context: GatewayContext = {
  caller: {
    subject: 'investigator@test',
    roles: ['INVESTIGATOR'],
    homeCountry: 'FR',
    agency: 'Test agency',
    tokenId: null,
    expiresAt: 2_000_000_000,
  },
  purpose: 'CRIMINAL_INVESTIGATION',
  unknownPurpose: null,
  caseRef: 'FR-2026-1',
  requestId: 'request-1',
};

describe('signEd25519JwsAsync', () => {
  it('signs off the event loop the very token the synchronous signer makes', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const header = { kid: 'k1', typ: 'comity-context+jwt' };
    const payload = { sub: 'someone', requestId: 'r-1', exp: 2_000_000_000 };
    const token = await signEd25519JwsAsync(header, payload, privateKey);
    // Ed25519 signatures are deterministic: same key, same input, same bytes.
    expect(token).toBe(signEd25519Jws(header, payload, privateKey));
    const verified = verifyEd25519Jws(
      token,
      new Map([['k1', ed25519PublicKey(publicKey.export({ format: 'jwk' }))]]),
    );
    expect(verified.payload).toEqual(payload);
  });
});

describe('OperationAudiences', () => {
  it('remembers the subgraphs each operation reached, and nothing for an unseen one', () => {
    const audiences = new OperationAudiences();
    expect([...audiences.of('op-a')]).toEqual([]);
    audiences.reached('op-a', 'directory');
    audiences.reached('op-a', 'fr');
    audiences.reached('op-a', 'fr');
    audiences.reached('op-b', 'de');
    expect([...audiences.of('op-a')]).toEqual(['directory', 'fr']);
    expect([...audiences.of('op-b')]).toEqual(['de']);
  });

  it('stays bounded: past its capacity it forgets rather than grows', () => {
    const audiences = new OperationAudiences(2);
    audiences.reached('op-a', 'fr');
    audiences.reached('op-b', 'fr');
    audiences.reached('op-c', 'fr');
    expect(audiences.of('op-a').size + audiences.of('op-b').size).toBe(0);
    expect([...audiences.of('op-c')]).toEqual(['fr']);
  });
});

describe('presignContextTokensPlugin', () => {
  async function resolveSource(
    signer: ContextSigner,
    audiences: OperationAudiences,
    queryHash: string,
  ) {
    const plugin = presignContextTokensPlugin(signer, audiences);
    const listener = await plugin.requestDidStart!({ contextValue: context } as never);
    await listener!.didResolveSource!({ contextValue: context, queryHash } as never);
  }

  it('signs, for an operation seen before, the claims a fetch would send to each subgraph it reached', async () => {
    const asked: { claims: ContextClaims; audience: string }[] = [];
    const signer: ContextSigner = {
      sign: async (claims, audience) => {
        asked.push({ claims, audience });
        return 'token';
      },
    };
    const audiences = new OperationAudiences();
    await resolveSource(signer, audiences, 'op-a');
    expect(asked).toEqual([]);
    audiences.reached('op-a', 'directory');
    audiences.reached('op-a', 'fr');
    await resolveSource(signer, audiences, 'op-a');
    expect(asked).toEqual([
      { claims: contextClaims(context, 'op-a'), audience: 'comity-subgraph:directory' },
      { claims: contextClaims(context, 'op-a'), audience: 'comity-subgraph:fr' },
    ]);
    expect(asked[1]!.claims).toMatchObject({
      sub: 'investigator@test',
      requestId: 'request-1',
      operationHash: 'op-a',
      caseRef: 'FR-2026-1',
    });
  });

  it('does not fail the request when presigning fails: the fetch signs again', async () => {
    const signer: ContextSigner = { sign: () => Promise.reject(new Error('key unavailable')) };
    const audiences = new OperationAudiences();
    audiences.reached('op-a', 'fr');
    await expect(resolveSource(signer, audiences, 'op-a')).resolves.toBeUndefined();
  });
});

describe('presigned context tokens through the gateway', () => {
  let fake: FakeSubgraph;
  let gateway: InProcessGateway;

  beforeAll(async () => {
    fake = await startFakeSubgraph();
    fake.respond = () => ({ body: { data: { fr: { code: 'FR' } } } });
    gateway = await startInProcessGateway({}, fake.url);
  });

  afterAll(async () => {
    await gateway?.stop();
    await fake?.close();
  });

  it('gives each request of a repeated operation its own token, for its own request id, that verifies', async () => {
    const before = fake.received.length;
    for (let n = 0; n < 3; n += 1) {
      const { status, json } = await gateway.post({ query: '{ fr { code } }' });
      expect(status).toBe(200);
      expect(json.data).toEqual({ fr: { code: 'FR' } });
    }
    const received = fake.received.slice(before);
    expect(received).toHaveLength(3);
    const keys = new Map([
      [gateway.keys.context.current.kid, ed25519PublicKey(gateway.keys.context.current.publicJwk)],
    ]);
    const payloads = received.map(({ headers }) => {
      const token = String(headers['x-comity-context']);
      const { payload } = verifyEd25519Jws(token, keys);
      expect(payload.requestId).toBe(headers['x-request-id']);
      return payload;
    });
    expect(new Set(payloads.map((payload) => payload.requestId)).size).toBe(3);
    expect(new Set(payloads.map((payload) => payload.jti)).size).toBe(3);
    expect(new Set(payloads.map((payload) => payload.operationHash)).size).toBe(1);
    expect(payloads.every((payload) => payload.purpose === 'CRIMINAL_INVESTIGATION')).toBe(true);
  });
});
