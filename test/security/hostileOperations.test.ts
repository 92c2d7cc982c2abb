import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { leaksInternals } from '../../core/errors/leaksInternals.js';
import { REPO_ROOT } from '../../core/federationConfig.js';
import { DEFAULT_GATEWAY_MAX_BODY_BYTES } from '../../gateway/gatewayConfig.js';
import { startFakeSubgraph, startInProcessGateway } from '../gateway/inProcessGateway.js';
import type { FakeSubgraph, InProcessGateway } from '../gateway/inProcessGateway.js';

// The probes GraphQL security scanners send, through the real gateway over HTTP, with every
// subgraph pointed at a recording fake: each asserts the refusal, that nothing internal
// leaked, and (for the limits) that no subgraph was called at all.
let fake: FakeSubgraph;
let gateway: InProcessGateway;
const SECRETS = ['10.0.0.5', '5432', 'hunter2', 'password', 'SELECT', 'registry.ts', 'at Pool'];

beforeAll(async () => {
  fake = await startFakeSubgraph();
  gateway = await startInProcessGateway({}, fake.url);
});

afterAll(async () => {
  await gateway?.stop();
  await fake?.close();
});

const normalAnswer = () => ({ body: { data: { fr: { code: 'FR' } } } });

async function refusedBeforeSubgraphs(body: unknown) {
  fake.respond = normalAnswer;
  const before = fake.received.length;
  const result = await gateway.post(body);
  expect(fake.received.length - before).toBe(0);
  return result;
}

const codes = (json: any): string[] => (json?.errors ?? []).map((e: any) => e.extensions?.code);
const reasons = (json: any): string[] => (json?.errors ?? []).map((e: any) => e.extensions?.reason);

describe('a persisted-operation hash sent with another query', () => {
  it('is refused with its own code, before any subgraph is called', async () => {
    const manifest = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'gateway', 'persisted-operations.json'), 'utf8'),
    ) as { operations: { id: string }[] };
    const { status, json } = await refusedBeforeSubgraphs({
      query: '{ fr { code } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: manifest.operations[0]!.id } },
    });
    expect(status).toBe(400);
    expect(codes(json)).toEqual(['PERSISTED_QUERY_HASH_MISMATCH']);
  });
});

describe('a refused operation answers with a bounded error list', () => {
  const floods: { name: string; query: string; only: string | null }[] = [
    {
      name: 'fifty unknown directives',
      query: `{ fr { code ${Array.from({ length: 50 }, (_, i) => `@d${i}`).join(' ')} } }`,
      only: 'OPERATION_LIMIT',
    },
    {
      name: 'fifty duplicated @skip',
      query: `{ fr { code ${'@skip(if: false) '.repeat(50)} } }`,
      only: 'OPERATION_LIMIT',
    },
    {
      name: 'thirty unknown fields',
      query: `{ fr { ${Array.from({ length: 30 }, (_, i) => `f${i}`).join(' ')} } }`,
      only: null,
    },
  ];
  it.each(floods)('$name', async ({ query, only }) => {
    const { json } = await refusedBeforeSubgraphs({ query });
    expect(json.data ?? null).toBeNull();
    expect(json.errors.length).toBeGreaterThan(0);
    expect(json.errors.length).toBeLessThanOrEqual(5);
    if (only) expect(codes(json)).toEqual([only]);
    else expect(json.errors.at(-1).message).toMatch(/^\d+ further errors not shown$/);
  });
});

describe('operation limits, refused before any subgraph is called', () => {
  const probes: { name: string; query: () => string; reason: string }[] = [
    {
      name: 'alias overloading',
      query: () => `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: fr { code }`).join(' ')} }`,
      reason: 'MAX_ALIASES',
    },
    {
      name: 'directive overloading',
      query: () => `{ fr { code ${'@include(if: true) '.repeat(50)} } }`,
      reason: 'MAX_DIRECTIVES',
    },
    {
      name: '5000-level nesting',
      query: () => `{ ${'fr { '.repeat(5000)}code${' }'.repeat(5000)} }`,
      reason: 'MAX_TOKENS',
    },
    {
      name: 'a token flood',
      query: () => `{ fr { ${'code '.repeat(5000)} } }`,
      reason: 'MAX_TOKENS',
    },
    {
      name: 'deep nesting within the token limit',
      query: () =>
        `{ wallet(id: "x") { ${'fr { freezingOrders { wallets { '.repeat(6)}id${' } } }'.repeat(6)} } }`,
      reason: 'MAX_DEPTH',
    },
    {
      name: 'a costly list fan-out',
      query: () =>
        '{ fr { freezingOrders(first: 500) { nodes { wallets { fr { freezingOrders { wallets { id } } } } } } } }',
      reason: 'MAX_COST',
    },
  ];
  it.each(probes)('refuses $name with OPERATION_LIMIT ($reason)', async ({ query, reason }) => {
    const { status, json, text } = await refusedBeforeSubgraphs({ query: query() });
    expect(status).toBe(400);
    expect(json.data ?? null).toBeNull();
    expect(codes(json)).toContain('OPERATION_LIMIT');
    expect(reasons(json)).toContain(reason);
    expect(text).not.toMatch(/Did you mean/);
  });

  it('counts `first` given as a variable', async () => {
    const { status, json } = await refusedBeforeSubgraphs({
      query:
        'query ($n: Int!) { fr { freezingOrders(first: $n) { nodes { wallets { fr { freezingOrders { wallets { id } } } } } } } }',
      variables: { n: 500 },
    });
    expect(status).toBe(400);
    expect(reasons(json)).toContain('MAX_COST');
  });

  it('estimates each set of variables anew: an accepted document is refused with a larger first', async () => {
    const query =
      'query ($n: Int!) { fr { freezingOrders(first: $n) { nodes { wallets { fr { freezingOrders { wallets { id } } } } } } } }';
    fake.respond = normalAnswer;
    // The same text twice with a small `first`: accepted (the estimate is remembered)…
    for (let i = 0; i < 2; i++) {
      const { json } = await gateway.post({ query, variables: { n: 2 } });
      expect(reasons(json)).not.toContain('MAX_COST');
    }
    // …and the same document with a large one is still refused before any subgraph call.
    const { status, json } = await refusedBeforeSubgraphs({ query, variables: { n: 500 } });
    expect(status).toBe(400);
    expect(reasons(json)).toContain('MAX_COST');
  });

  it('refuses fragment cycles as invalid without hanging', async () => {
    const { status, json } = await refusedBeforeSubgraphs({
      query: 'query { ...A } fragment A on Query { fr { code } ...B } fragment B on Query { ...A }',
    });
    expect(status).toBe(400);
    expect(
      codes(json).every(
        (code) => code === 'GRAPHQL_VALIDATION_FAILED' || code === 'OPERATION_LIMIT',
      ),
    ).toBe(true);
  });

  it('refuses array batching', async () => {
    const { status, json } = await refusedBeforeSubgraphs([
      { query: '{ fr { code } }' },
      { query: '{ fr { code } }' },
    ]);
    expect(status).toBe(400);
    expect(codes(json)).toEqual(['BAD_REQUEST']);
  });

  it('lets an ordinary operation through', async () => {
    fake.respond = normalAnswer;
    const { status, json } = await gateway.post({ query: '{ fr { code } }' });
    expect(status).toBe(200);
    expect(json).toEqual({ data: { fr: { code: 'FR' } } });
  });
});

describe('CSRF prevention', () => {
  const auth = async () => `Bearer ${await gateway.token('INVESTIGATOR')}`;
  const variants: { name: string; request: () => Promise<RequestInit & { url?: string }> }[] = [
    {
      name: 'GET without a preflight header',
      request: async () => ({ method: 'GET', headers: { authorization: await auth() } }),
    },
    {
      name: 'a text/plain POST',
      request: async () => ({
        method: 'POST',
        headers: { authorization: await auth(), 'content-type': 'text/plain' },
        body: JSON.stringify({ query: '{ fr { code } }' }),
      }),
    },
    {
      name: 'a form POST',
      request: async () => ({
        method: 'POST',
        headers: {
          authorization: await auth(),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: 'query=%7B%20fr%20%7B%20code%20%7D%20%7D',
      }),
    },
    {
      name: 'a multipart POST',
      request: async () => ({
        method: 'POST',
        headers: { authorization: await auth(), 'content-type': 'multipart/form-data; boundary=x' },
        body: '--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n{ fr { code } }\r\n--x--\r\n',
      }),
    },
  ];
  it.each(variants)('refuses $name', async ({ request }) => {
    fake.respond = normalAnswer;
    const before = fake.received.length;
    const init = await request();
    const query = init.method === 'GET' ? '?query=%7B%20fr%20%7B%20code%20%7D%20%7D' : '';
    const response = await fetch(gateway.url + query, init);
    const json = (await response.json()) as any;
    expect(response.status).toBe(400);
    expect(codes(json)).toEqual(['BAD_REQUEST']);
    expect(json.errors[0].message).toMatch(/Cross-Site Request Forgery/);
    expect(fake.received.length).toBe(before);
  });

  it('refuses a mutation over GET even with a preflight header', async () => {
    const before = fake.received.length;
    const response = await fetch(
      `${gateway.url}?query=${encodeURIComponent('mutation { fr { code } }')}`,
      { headers: { authorization: await auth(), 'apollo-require-preflight': 'true' } },
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(fake.received.length).toBe(before);
  });

  it('serves a GET query that carries a preflight header', async () => {
    fake.respond = normalAnswer;
    const response = await fetch(`${gateway.url}?query=${encodeURIComponent('{ fr { code } }')}`, {
      headers: { authorization: await auth(), 'apollo-require-preflight': 'true' },
    });
    expect(response.status).toBe(200);
  });
});

describe('schema probes', () => {
  it('refuses introspection to a non-admin outside development, and allows it to ADMIN', async () => {
    const probe = { query: '{ __schema { queryType { name } types { name } } }' };
    const refused = await refusedBeforeSubgraphs(probe);
    expect(refused.status).toBe(403);
    expect(codes(refused.json)).toEqual(['FORBIDDEN']);
    expect(refused.text).not.toMatch(/Jurisdiction|FreezingOrder/);
    const typeProbe = await refusedBeforeSubgraphs({
      query: '{ __type(name: "Person") { fields { name } } }',
    });
    expect(typeProbe.status).toBe(403);
    const admin = await gateway.post(probe, { role: 'ADMIN' });
    expect(admin.status).toBe(200);
    expect(admin.json.data.__schema.queryType.name).toBe('Query');
    // The same text again (the same cached document): what an ADMIN was allowed stays refused
    // to everyone else.
    const again = await refusedBeforeSubgraphs(probe);
    expect(again.status).toBe(403);
    expect(codes(again.json)).toEqual(['FORBIDDEN']);
  });

  it('answers a misspelt field without suggesting the real one', async () => {
    const { status, json, text } = await refusedBeforeSubgraphs({
      query: '{ fre { code } wallt(id: "x") { id } }',
    });
    expect(status).toBe(400);
    expect(codes(json)).toContain('GRAPHQL_VALIDATION_FAILED');
    expect(text).not.toMatch(/Did you mean|"fr"|"wallet"/);
  });

  it('never shows the query plan, whatever the caller asks for', async () => {
    fake.respond = normalAnswer;
    const asks: Record<string, string>[] = [
      { 'apollo-query-plan-experimental': '1' },
      {
        'apollo-query-plan-experimental': '1',
        'apollo-query-plan-experimental-format': 'internal',
      },
    ];
    for (const headers of asks) {
      for (const role of ['INVESTIGATOR', 'ADMIN'] as const) {
        const { status, json, text } = await gateway.post(
          { query: '{ fr { code } }' },
          { role, headers },
        );
        expect(status).toBe(200);
        expect(json.data).toEqual({ fr: { code: 'FR' } });
        expect(json.extensions).toBeUndefined();
        expect(text).not.toMatch(/QueryPlan|Fetch|serviceName/);
      }
    }
  });

  it('still answers __typename', async () => {
    const { status, json } = await refusedBeforeSubgraphs({ query: '{ __typename }' });
    expect(status).toBe(200);
    expect(json.data.__typename).toBe('Query');
  });
});

describe('error hygiene', () => {
  const leakyMessage =
    'connect ECONNREFUSED 10.0.0.5:5432 password=hunter2 while running SELECT name FROM persons';

  it('turns a subgraph failure that names its database into a bare INTERNAL_SERVER_ERROR', async () => {
    fake.respond = () => ({
      body: {
        data: { fr: null },
        errors: [
          {
            message: leakyMessage,
            path: ['fr'],
            extensions: {
              code: 'INTERNAL_SERVER_ERROR',
              stacktrace: ['Error: boom', '    at Pool.query (/srv/fr/registry.ts:12:3)'],
              exception: { config: { host: '10.0.0.5', password: 'hunter2' } },
            },
          },
        ],
      },
    });
    const logsBefore = gateway.logs.length;
    const { text, json } = await gateway.post({ query: '{ fr { code } }' });
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0].message).toBe('Internal server error');
    expect(json.errors[0].extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      jurisdiction: 'FR',
    });
    for (const secret of [...SECRETS, new URL(fake.url).port, '127.0.0.1']) {
      expect(text).not.toContain(secret);
    }
    const logged = gateway.logs.slice(logsBefore).join('\n');
    expect(logged).toContain('error withheld from client');
    for (const secret of SECRETS) expect(logged).not.toContain(secret);
  });

  it('keeps an allowed code but withholds a message that carries SQL or an address', async () => {
    fake.respond = () => ({
      body: {
        data: { fr: null },
        errors: [
          {
            message: `denied: SELECT * FROM persons WHERE name = 'Jane Doe' on ${fake.url}`,
            path: ['fr'],
            extensions: {
              code: 'FORBIDDEN',
              jurisdiction: 'FR',
              reason: 'ROLE_NOT_ALLOWED',
              field: 'Query.fr',
              debug: 'x',
            },
          },
        ],
      },
    });
    const { text, json } = await gateway.post({ query: '{ fr { code } }' });
    expect(json.errors[0].extensions).toEqual({
      code: 'FORBIDDEN',
      jurisdiction: 'FR',
      reason: 'ROLE_NOT_ALLOWED',
      field: 'Query.fr',
    });
    expect(json.errors[0].message).toBe('This caller may not see this data');
    expect(text).not.toMatch(/Jane Doe|SELECT|127\.0\.0\.1/);
  });

  // A secret with no address, no "key=", no SQL: no leak pattern knows it, so only the
  // allowlist of messages keeps it out of the answer and out of the gateway's log.
  const unpatterned = 's3cr3t-Zeta-77';
  const unpatternedFailures: { name: string; extensions: Record<string, unknown> }[] = [
    { name: 'INTERNAL_SERVER_ERROR', extensions: { code: 'INTERNAL_SERVER_ERROR' } },
    { name: 'no code at all', extensions: {} },
    { name: 'an invented code', extensions: { code: 'DOWNSTREAM', reason: unpatterned } },
    { name: 'a gateway-only code', extensions: { code: 'SUBGRAPH_UNAVAILABLE' } },
  ];
  it.each(unpatternedFailures)(
    'withholds a secret no pattern catches, from the answer and the log ($name)',
    async ({ extensions }) => {
      expect(leaksInternals(`registry key ${unpatterned}`)).toBe(false);
      fake.respond = () => ({
        body: {
          data: { fr: null },
          errors: [{ message: `registry key ${unpatterned}`, path: ['fr'], extensions }],
        },
      });
      const logsBefore = gateway.logs.length;
      const { text, json } = await gateway.post({ query: '{ fr { code } }' });
      expect(json.errors).toHaveLength(1);
      expect(json.errors[0].extensions.jurisdiction).toBe('FR');
      expect(text).not.toContain(unpatterned);
      const logged = gateway.logs.slice(logsBefore).join('\n');
      expect(logged).toContain('error withheld from client');
      expect(logged).not.toContain(unpatterned);
    },
  );

  it('names only the jurisdiction when a subgraph answers HTTP 500 with internals in its body', async () => {
    fake.respond = () => ({
      status: 500,
      body: { error: leakyMessage, upstream: 'http://10.0.0.5:4101/graphql' },
    });
    const { text, json } = await gateway.post({ query: '{ fr { code } }' });
    expect(json.data).toEqual({ fr: null });
    expect(json.errors[0].extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      jurisdiction: 'FR',
      reason: 'HTTP_500',
    });
    for (const secret of [...SECRETS, new URL(fake.url).port, 'http://'])
      expect(text).not.toContain(secret);
  });

  it('refuses a body over the limit with 413', async () => {
    const huge = {
      query: '{ fr { code } }',
      variables: { pad: 'x'.repeat(DEFAULT_GATEWAY_MAX_BODY_BYTES) },
    };
    const { status, json } = await refusedBeforeSubgraphs(huge);
    expect(status).toBe(413);
    expect(codes(json)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('never logs tokens, case references or variables', async () => {
    fake.respond = normalAnswer;
    const before = gateway.logs.length;
    const token = await gateway.token('INVESTIGATOR');
    await gateway.post(
      {
        query: 'query ($id: WalletId!) { fr { code } }',
        variables: { id: 'eip155:1:0xSECRETWALLET' },
      },
      { headers: { authorization: `Bearer ${token}`, 'x-comity-case-ref': 'FR-SECRET-CASE-7' } },
    );
    // The request line is written just after the response leaves.
    const logged = await vi.waitFor(() => {
      const lines = gateway.logs.slice(before).join('\n');
      expect(lines).toContain('graphql request');
      return lines;
    });
    expect(logged).not.toContain(token.split('.')[2]!);
    expect(logged).not.toContain('SECRETWALLET');
    expect(logged).not.toContain('FR-SECRET-CASE-7');
  });
});

describe('header injection towards subgraphs', () => {
  it('forwards none of the client headers, only the gateway-signed context', async () => {
    fake.respond = normalAnswer;
    const before = fake.received.length;
    await gateway.post(
      { query: '{ fr { code } }' },
      {
        headers: {
          'x-comity-context': 'forged.context.token',
          'x-request-id': 'client-chosen-id',
          'x-forwarded-for': '10.0.0.1',
          'x-comity-roles': 'JUDGE',
          cookie: 'session=abc',
        },
      },
    );
    const [sent] = fake.received.slice(before);
    expect(sent).toBeDefined();
    expect(sent!.headers['x-comity-context']).toMatch(/^eyJ/);
    expect(sent!.headers['x-comity-context']).not.toBe('forged.context.token');
    expect(sent!.headers['x-request-id']).not.toBe('client-chosen-id');
    for (const name of [
      'authorization',
      'x-forwarded-for',
      'x-comity-roles',
      'cookie',
      'x-comity-purpose',
    ]) {
      expect(sent!.headers[name]).toBeUndefined();
    }
  });

  it('refuses a case reference carrying header or log injection', async () => {
    const before = fake.received.length;
    const { status, json } = await gateway.post(
      { query: '{ fr { code } }' },
      { headers: { 'x-comity-case-ref': 'CASE-1 %0d%0ax-evil: 1 <script>' } },
    );
    expect(status).toBe(400);
    expect(json.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'BAD_CASE_REF' });
    expect(fake.received.length).toBe(before);
  });
});

describe('the persisted-operation manifest', () => {
  it('holds the README example with an id that is the sha256 of its text', async () => {
    const { EXAMPLE_QUERY } = await import('../../scripts/exampleQuery.js');
    const { sha256Hex } = await import('../../gateway/trustedDocuments/TrustedDocumentManifest.js');
    const manifest = JSON.parse(
      readFileSync(path.join(REPO_ROOT, 'gateway', 'persisted-operations.json'), 'utf8'),
    );
    expect(manifest.operations.map((op: { id: string }) => op.id)).toContain(
      sha256Hex(EXAMPLE_QUERY),
    );
  });
});
