import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { AuthError, AuthErrorReason } from '../../../core/auth/AuthError.js';
import { createSubgraphServer } from '../../../subgraphs/kit/createSubgraphServer.js';
import type { SubgraphServer } from '../../../subgraphs/kit/createSubgraphServer.js';
import { createSubgraphMetrics } from '../../../subgraphs/kit/metrics/createSubgraphMetrics.js';

// docker-compose and the bench run the subgraphs with NODE_ENV=production, tests with
// NODE_ENV=test. Apollo Server reads NODE_ENV when it is built and would, among other things,
// turn introspection off in production: the subgraph says what it wants instead, so that the
// environment changes nothing it does. Built here under production, as deployed.
let server: SubgraphServer;
let url: string;
const TOKEN = 'let-me-in';

beforeAll(async () => {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    server = await createSubgraphServer({
      name: 'zz',
      typeDefs: parse(`type Query { answer: Int }`),
      resolvers: { Query: { answer: () => 42 } },
      metrics: createSubgraphMetrics('zz_production_mode'),
      authenticate: async (request) => {
        if (request.headers['x-test-token'] !== TOKEN) {
          throw new AuthError(AuthErrorReason.MISSING_TOKEN);
        }
        return {};
      },
      context: async () => ({}),
    });
  } finally {
    process.env.NODE_ENV = before;
  }
  url = await server.listen(0);
});

afterAll(async () => {
  await server?.stop();
});

const post = (query: string, token: string | null = TOKEN) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { 'x-test-token': token } : {}) },
    body: JSON.stringify({ query }),
  });

describe('a subgraph built under NODE_ENV=production', () => {
  it('answers introspection from the gateway, as it does in development', async () => {
    const response = await post('{ __schema { queryType { name } } }');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
  });

  it('still refuses introspection without the gateway token', async () => {
    const response = await post('{ __schema { queryType { name } } }', null);
    expect(response.status).toBe(401);
    expect(JSON.stringify(await response.json())).not.toContain('Query');
  });

  it('computes no cache policy: no cache-control header (the plugin would send no-store)', async () => {
    const response = await post('{ answer }');
    expect(await response.json()).toEqual({ data: { answer: 42 } });
    expect(response.headers.get('cache-control')).toBeNull();
  });
});
