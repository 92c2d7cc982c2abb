import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCounter } from '../../support/graphqlClient.js';
import { startFakeSubgraph, startInProcessGateway } from '../inProcessGateway.js';
import type { FakeSubgraph, InProcessGateway } from '../inProcessGateway.js';

const MAX_BODY_BYTES = 2_048;

let fake: FakeSubgraph;
let gateway: InProcessGateway;

beforeAll(async () => {
  fake = await startFakeSubgraph();
  gateway = await startInProcessGateway(
    { COMITY_MAX_BODY_BYTES: String(MAX_BODY_BYTES), COMITY_RATE_LIMIT_PER_SUBJECT: '1' },
    fake.url,
  );
});

afterAll(async () => {
  await gateway?.stop();
  await fake?.close();
});

/** Each request is refused once; every case has a subject of its own (one request each). */
const refusals: {
  name: string;
  status: number;
  code: string;
  send: () => Promise<{ status: number; json: any }>;
}[] = [
  {
    name: 'a bearer token that does not verify',
    status: 401,
    code: 'UNAUTHENTICATED',
    send: async () => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.token' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      return { status: response.status, json: await response.json() };
    },
  },
  {
    // No token at all is the public, who may send only the public persisted operations.
    name: 'an anonymous ad-hoc query',
    status: 403,
    code: 'FORBIDDEN',
    send: async () => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      return { status: response.status, json: await response.json() };
    },
  },
  {
    name: 'a body over the limit',
    status: 413,
    code: 'PAYLOAD_TOO_LARGE',
    send: () =>
      gateway.post(
        { query: `{ __typename } # ${'x'.repeat(MAX_BODY_BYTES)}` },
        { subject: 'large@test' },
      ),
  },
  {
    name: 'a subject past its window',
    status: 429,
    code: 'RATE_LIMITED',
    // The case's own request is the second of this subject in the window of 1.
    send: () => gateway.post({ query: '{ __typename }' }, { subject: 'flood@test' }),
  },
  {
    name: 'a body that is not JSON',
    status: 400,
    code: 'BAD_REQUEST',
    send: () => gateway.post('{"query": ', { subject: 'garbled@test' }),
  },
  {
    name: 'a text/plain post without a preflight header (CSRF)',
    status: 400,
    code: 'BAD_REQUEST',
    send: () =>
      gateway.post('{"query":"{ __typename }"}', {
        subject: 'csrf@test',
        headers: { 'content-type': 'text/plain' },
      }),
  },
  {
    name: 'an unknown route',
    status: 404,
    code: 'NOT_FOUND',
    send: async () => {
      const response = await fetch(`${gateway.baseUrl}/admin`);
      return { status: response.status, json: await response.json() };
    },
  },
];

describe('errors by code on /metrics', () => {
  it.each(refusals)('counts $code once for $name', async ({ status, code, send }) => {
    if (code === 'RATE_LIMITED') {
      expect(
        (await gateway.post({ query: '{ __typename }' }, { subject: 'flood@test' })).status,
      ).toBe(200);
    }
    const read = () => readCounter(gateway.baseUrl, 'comity_gateway_errors_total', { code });
    const before = await read();
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.json.errors[0].extensions.code).toBe(code);
    expect(await read()).toBe(before + 1);
  });

  it('counts GraphQL errors by code as before, through formatError', async () => {
    const read = () =>
      readCounter(gateway.baseUrl, 'comity_gateway_errors_total', {
        code: 'GRAPHQL_VALIDATION_FAILED',
      });
    const before = await read();
    const { status, json } = await gateway.post(
      { query: '{ noSuchField }' },
      { subject: 'invalid@test' },
    );
    expect(status).toBe(400);
    expect(json.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(await read()).toBe(before + 1);
  });
});
