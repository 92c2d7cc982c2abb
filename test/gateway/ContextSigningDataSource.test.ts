import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureDevKeys } from '../../core/auth/devKeys.js';
import { gatewayTrust } from '../../gateway/auth/gatewayTrust.js';
import type { GatewayTrust } from '../../gateway/auth/gatewayTrust.js';
import { ContextSigningDataSource } from '../../gateway/ContextSigningDataSource.js';
import { classifySubgraphFailure } from '../../gateway/fetch/classifySubgraphFailure.js';
import type { GatewayContext } from '../../gateway/GatewayContext.js';
import { createGatewayMetrics } from '../../gateway/metrics/createGatewayMetrics.js';
import {
  CONTEXT_HEADER,
  createContextVerifier,
  subgraphAudience,
} from '../../core/auth/createContextVerifier.js';

// Wrapped, not replaced: the tests read the raw errors the fetch layer classifies.
vi.mock('../../gateway/fetch/classifySubgraphFailure.js', async (importOriginal) => {
  const original =
    await importOriginal<typeof import('../../gateway/fetch/classifySubgraphFailure.js')>();
  return { ...original, classifySubgraphFailure: vi.fn(original.classifySubgraphFailure) };
});

/**
 * How a stand-in subgraph treats the nth request (1-based): `cut` destroys the socket before
 * any byte of an answer, `cut-after-headers` sends the status line, headers and half a body
 * and then destroys it, `answer` answers normally.
 */
type Behaviour = 'cut' | 'cut-after-headers' | 'answer';

interface FlakySubgraph {
  url: string;
  port: number;
  /** Requests that reached the server, answered or not. */
  attempts: number;
  close(): Promise<void>;
}

async function startFlakySubgraph(
  behaviour: (attempt: number) => Behaviour,
): Promise<FlakySubgraph> {
  const flaky: FlakySubgraph = { url: '', port: 0, attempts: 0, close: async () => {} };
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      flaky.attempts += 1;
      const body = JSON.stringify({ data: { fr: { code: 'FR' } } });
      switch (behaviour(flaky.attempts)) {
        case 'cut':
          request.socket.destroy();
          return;
        case 'cut-after-headers':
          response.writeHead(200, {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          });
          response.write(body.slice(0, 5), () => request.socket.destroy());
          return;
        case 'answer':
          response.writeHead(200, { 'content-type': 'application/json' }).end(body);
      }
    });
  });
  Object.assign(flaky, await listen(server));
  return flaky;
}

/** Starts `server` on a free local port. */
async function listen(server: http.Server): Promise<Omit<FlakySubgraph, 'attempts'>> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** One request as a stand-in subgraph received it. */
interface Received {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What a recording stand-in answers every request with. */
interface Answer {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

interface RecordingSubgraph {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/** A stand-in subgraph that keeps every request it receives and gives each the same answer. */
async function startRecordingSubgraph(answer: Answer): Promise<RecordingSubgraph> {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(answer.status ?? 200, answer.headers ?? {}).end(answer.body);
    });
  });
  const { url, close } = await listen(server);
  return { url, received, close };
}

const contextValue: GatewayContext = {
  caller: {
    subject: 'investigator@test',
    roles: ['INVESTIGATOR'],
    homeCountry: 'FR',
    agency: 'Test agency',
    tokenId: null,
    expiresAt: Math.floor(Date.now() / 1000) + 600,
  },
  purpose: 'CRIMINAL_INVESTIGATION',
  unknownPurpose: null,
  caseRef: 'CASE-2026-0001',
  requestId: 'request-1',
};

/**
 * What the gateway's executor hands a data source for one fetch of an incoming operation
 * (`GraphQLDataSourceRequestKind.INCOMING_OPERATION`, an enum @apollo/gateway does not export).
 */
const operation = (query: string) =>
  ({
    kind: 'incoming operation',
    request: { query, variables: {} },
    incomingRequestContext: { context: contextValue, queryHash: 'hash' },
    context: contextValue,
  }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

const QUERY = 'query Both__fr__0 { fr { code } }';
const MUTATION = 'mutation Freeze__fr__0 { fr { code } }';

let keysDir: string;
let trust: GatewayTrust;
const opened: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  keysDir = mkdtempSync(path.join(os.tmpdir(), 'comity-ds-'));
  trust = await gatewayTrust({ COMITY_KEYS_DIR: keysDir });
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((resource) => resource.close()));
});

afterAll(() => rmSync(keysDir, { recursive: true, force: true }));

function dataSourceAt(url: string): ContextSigningDataSource {
  const source = new ContextSigningDataSource(
    'fr',
    url,
    trust.signer,
    { timeoutMs: 5_000, breakerFailures: 5, breakerCooldownMs: 10_000 },
    createGatewayMetrics(),
  );
  opened.push(source);
  return source;
}

async function dataSourceFor(behaviour: (attempt: number) => Behaviour) {
  const subgraph = await startFlakySubgraph(behaviour);
  opened.push(subgraph);
  return { subgraph, source: dataSourceAt(subgraph.url) };
}

async function recordingSourceFor(answer: Answer) {
  const subgraph = await startRecordingSubgraph(answer);
  opened.push(subgraph);
  return { subgraph, source: dataSourceAt(subgraph.url) };
}

const json = (body: unknown): Answer => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function failureOf(promise: Promise<unknown>): Promise<GraphQLError> {
  const error = await promise.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
}

describe('ContextSigningDataSource retry on a connection failure', () => {
  const cutFirst = (attempt: number): Behaviour => (attempt === 1 ? 'cut' : 'answer');

  it('tries a query a second time when the first connection broke before any answer', async () => {
    const { subgraph, source } = await dataSourceFor(cutFirst);
    const response = await source.process(operation(QUERY));
    expect(response.data).toEqual({ fr: { code: 'FR' } });
    expect(subgraph.attempts).toBe(2);
    expect(source.breaker.state).toBe('closed');
  });

  it('never tries a mutation twice: SUBGRAPH_UNAVAILABLE naming the jurisdiction, no address', async () => {
    const { subgraph, source } = await dataSourceFor(cutFirst);
    const error = await failureOf(source.process(operation(MUTATION)));
    expect(subgraph.attempts).toBe(1);
    expect(error.extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      jurisdiction: 'FR',
      reason: 'CONNECTION_FAILED',
    });
    const seen = JSON.stringify({ message: error.message, extensions: error.extensions });
    expect(seen).not.toContain('127.0.0.1');
    expect(seen).not.toContain(String(subgraph.port));
    expect(seen).not.toMatch(/ECONN|UND_ERR|socket|http:\/\//i);
  });

  it('does not retry a query whose subgraph had started answering', async () => {
    const { subgraph, source } = await dataSourceFor((attempt) =>
      attempt === 1 ? 'cut-after-headers' : 'answer',
    );
    const error = await failureOf(source.process(operation(QUERY)));
    expect(subgraph.attempts).toBe(1);
    expect(error.extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      jurisdiction: 'FR',
      reason: 'BAD_RESPONSE',
    });
  });

  it('retries a query once only: two broken connections are a failure', async () => {
    const { subgraph, source } = await dataSourceFor(() => 'cut');
    const error = await failureOf(source.process(operation(QUERY)));
    expect(subgraph.attempts).toBe(2);
    expect(error.extensions?.reason).toBe('CONNECTION_FAILED');
  });
});

/**
 * A fetch for an incoming operation as the executor builds it: request keys in the executor's
 * order (query, variables, operationName, http), http only when inline tracing is on.
 */
const executorFetch = (
  overrides: {
    http?: { headers: Headers };
    overallCachePolicy?: unknown;
    kind?: string;
  } = {},
) =>
  ({
    kind: overrides.kind ?? 'incoming operation',
    request: {
      query: QUERY,
      variables: { representations: [{ __typename: 'Wallet', id: 'w-1' }] },
      operationName: 'Both__fr__0',
      http: overrides.http,
    },
    incomingRequestContext: {
      context: contextValue,
      queryHash: 'hash',
      ...('overallCachePolicy' in overrides
        ? { overallCachePolicy: overrides.overallCachePolicy }
        : {}),
    },
    context: contextValue,
  }) as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;

const EXPECTED_BODY =
  '{"query":"query Both__fr__0 { fr { code } }",' +
  '"variables":{"representations":[{"__typename":"Wallet","id":"w-1"}]},' +
  '"operationName":"Both__fr__0"}';

/** Headers undici adds to any request with a string body on a keep-alive pool. */
const TRANSPORT_HEADERS = ['connection', 'content-length', 'host'];

describe('ContextSigningDataSource fetch of an incoming operation', () => {
  it('sends a POST carrying only content-type, the signed context token for this subgraph and the request id', async () => {
    const { subgraph, source } = await recordingSourceFor(json({ data: { fr: { code: 'FR' } } }));
    await source.process(executorFetch());

    expect(subgraph.received).toHaveLength(1);
    const [received] = subgraph.received;
    expect(received!.method).toBe('POST');
    expect(Object.keys(received!.headers).sort()).toEqual(
      [...TRANSPORT_HEADERS, 'content-type', CONTEXT_HEADER, 'x-request-id'].sort(),
    );
    expect(received!.headers['content-type']).toBe('application/json');
    expect(received!.headers['x-request-id']).toBe(contextValue.requestId);
    expect(received!.body).toBe(EXPECTED_BODY);

    const { context: keys } = await ensureDevKeys(keysDir);
    const token = received!.headers[CONTEXT_HEADER] as string;
    const claims = await createContextVerifier({
      publicJwks: keys.publicJwks,
      audience: subgraphAudience('fr'),
    })(token);
    expect(claims).toEqual({
      sub: 'investigator@test',
      roles: ['INVESTIGATOR'],
      country: 'FR',
      agency: 'Test agency',
      purpose: 'CRIMINAL_INVESTIGATION',
      caseRef: 'CASE-2026-0001',
      requestId: contextValue.requestId,
      operationHash: 'hash',
    });
    // Signed for this subgraph only.
    await expect(
      createContextVerifier({ publicJwks: keys.publicJwks, audience: subgraphAudience('de') })(
        token,
      ),
    ).rejects.toThrow();
  });

  it("forwards the executor's trace flag when inline tracing is on, and nothing else of it", async () => {
    const { subgraph, source } = await recordingSourceFor(json({ data: { fr: { code: 'FR' } } }));
    const headers = new Headers({
      'Apollo-Federation-Include-Trace': 'ftv1',
      'Content-Type': 'text/plain',
      [CONTEXT_HEADER]: 'forged',
      'X-Request-Id': 'forged',
    });
    await source.process(executorFetch({ http: { headers } }));

    const [received] = subgraph.received;
    expect(Object.keys(received!.headers).sort()).toEqual(
      [
        ...TRANSPORT_HEADERS,
        'apollo-federation-include-trace',
        'content-type',
        CONTEXT_HEADER,
        'x-request-id',
      ].sort(),
    );
    expect(received!.headers['apollo-federation-include-trace']).toBe('ftv1');
    expect(received!.headers['content-type']).toBe('application/json');
    expect(received!.headers['x-request-id']).toBe(contextValue.requestId);
    expect(received!.headers[CONTEXT_HEADER]).not.toBe('forged');
    expect(received!.body).toBe(EXPECTED_BODY);
  });

  it('returns data and errors as the subgraph sent them, with the HTTP response', async () => {
    const answer = {
      data: { fr: { code: 'FR', wallets: null } },
      errors: [{ message: 'Not allowed', path: ['fr', 'wallets'], extensions: { code: 'X' } }],
      extensions: { note: 'kept' },
    };
    const { source } = await recordingSourceFor(json(answer));
    const response = await source.process(executorFetch());
    expect(response.data).toEqual(answer.data);
    expect(response.errors).toEqual(answer.errors);
    expect(response.extensions).toEqual(answer.extensions);
    expect(response.http?.status).toBe(200);
    expect(source.breaker.state).toBe('closed');
  });

  it('reads an application/graphql-response+json body as JSON', async () => {
    const { source } = await recordingSourceFor({
      headers: { 'content-type': 'application/graphql-response+json; charset=utf-8' },
      body: JSON.stringify({ data: { fr: { code: 'FR' } } }),
    });
    const response = await source.process(executorFetch());
    expect(response.data).toEqual({ fr: { code: 'FR' } });
  });

  /** What the fetch layer classifies from now on, before it becomes the client's error. */
  const rawFailures = () => {
    const classify = vi.mocked(classifySubgraphFailure);
    classify.mockClear();
    return () => classify.mock.calls;
  };

  it.each([
    ['a JSON string', json('just a string'), 'just a string'],
    ['a JSON array', json(['secret-array-item']), 'secret-array-item'],
    ['JSON null', json(null), 'null'],
    [
      'a text/plain body',
      { headers: { 'content-type': 'text/plain' }, body: 'secret text' },
      'secret text',
    ],
    ['a body with no content type', { body: '{"data":{"secret":"untyped"}}' }, 'untyped'],
  ] as [string, Answer, string][])(
    '%s is SUBGRAPH_UNAVAILABLE (BAD_RESPONSE), without the body in the error',
    async (_name, answer, bodyText) => {
      const { source } = await recordingSourceFor(answer);
      const raw = rawFailures();
      const error = await failureOf(source.process(executorFetch()));
      expect(error.extensions).toEqual({
        code: 'SUBGRAPH_UNAVAILABLE',
        jurisdiction: 'FR',
        reason: 'BAD_RESPONSE',
      });
      expect(
        JSON.stringify({ message: error.message, extensions: error.extensions }),
      ).not.toContain(bodyText);
      // Not even in the error before classification, should it ever pass its message on.
      expect(raw()).toHaveLength(1);
      expect((raw()[0]![0] as Error).message).not.toContain(bodyText);
    },
  );

  it('a body declared JSON that does not parse is SUBGRAPH_UNAVAILABLE (BAD_RESPONSE), without the body', async () => {
    // JSON.parse quotes the text it could not read ("secret text" is not valid JSON): only
    // classifySubgraphFailure keeps that out of the client's error.
    const { source } = await recordingSourceFor({
      headers: { 'content-type': 'application/json' },
      body: 'secret text',
    });
    const error = await failureOf(source.process(executorFetch()));
    expect(error.extensions?.reason).toBe('BAD_RESPONSE');
    expect(JSON.stringify({ message: error.message, extensions: error.extensions })).not.toContain(
      'secret',
    );
  });

  it('an HTTP 500 is SUBGRAPH_UNAVAILABLE (HTTP_500), without the body, and counts against the subgraph', async () => {
    const { source } = await recordingSourceFor({
      status: 500,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errors: [{ message: 'secret stack trace' }] }),
    });
    const error = await failureOf(source.process(executorFetch()));
    expect(error.extensions).toEqual({
      code: 'SUBGRAPH_UNAVAILABLE',
      jurisdiction: 'FR',
      reason: 'HTTP_500',
    });
    expect(error.message).not.toContain('secret');
    for (let failures = 2; failures <= 5; failures += 1) {
      await failureOf(source.process(executorFetch()));
    }
    expect(source.breaker.state).toBe('open');
  });

  it('a query without text is refused before anything is sent', async () => {
    const { subgraph, source } = await recordingSourceFor(json({ data: {} }));
    const options = executorFetch();
    delete options.request.query;
    const error = await failureOf(source.process(options));
    expect(error.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    expect(subgraph.received).toHaveLength(0);
  });

  it.each([
    ['max-age=60, public', { maxAge: 60, scope: 'PUBLIC' }],
    [undefined, { maxAge: 0 }],
    ['private, max-age=30', { maxAge: 30, scope: 'PRIVATE' }],
    ['max-age="45"', { maxAge: 45 }],
    ['max-age=soon, public', { maxAge: 0, scope: 'PUBLIC' }],
    ['no-store', { maxAge: 0 }],
  ] as [string | undefined, object][])(
    'restricts the cache policy with cache-control %s as Apollo does',
    async (cacheControl, hint) => {
      const { source } = await recordingSourceFor({
        headers: {
          'content-type': 'application/json',
          ...(cacheControl === undefined ? {} : { 'cache-control': cacheControl }),
        },
        body: JSON.stringify({ data: { fr: { code: 'FR' } } }),
      });
      const restrict = vi.fn();
      await source.process(executorFetch({ overallCachePolicy: { restrict } }));
      expect(restrict).toHaveBeenCalledTimes(1);
      expect(restrict.mock.calls[0]![0]).toStrictEqual(hint);
    },
  );

  it('leaves the cache policy alone when told not to honour subgraph cache headers', async () => {
    const { source } = await recordingSourceFor({
      headers: { 'content-type': 'application/json', 'cache-control': 'max-age=60' },
      body: JSON.stringify({ data: {} }),
    });
    source.honorSubgraphCacheControlHeader = false;
    const restrict = vi.fn();
    await source.process(executorFetch({ overallCachePolicy: { restrict } }));
    expect(restrict).not.toHaveBeenCalled();
  });

  it.each([
    ['without tracing', () => ({})],
    [
      'with tracing',
      () => ({ http: { headers: new Headers({ 'apollo-federation-include-trace': 'ftv1' }) } }),
    ],
  ] as [string, () => { http?: { headers: Headers } }][])(
    "sends the subgraph what Apollo's own path sends, %s, and reads the answer the same way",
    async (_name, http) => {
      const { subgraph, source } = await recordingSourceFor({
        headers: { 'content-type': 'application/json', 'cache-control': 'max-age=60, private' },
        body: JSON.stringify({ data: { fr: { code: 'FR' } }, errors: [{ message: 'partial' }] }),
      });
      const ours = vi.fn();
      const fast = await source.process(
        executorFetch({ ...http(), overallCachePolicy: { restrict: ours } }),
      );
      // A didReceiveResponse hook (returning the response untouched) sends the fetch through
      // RemoteGraphQLDataSource.process.
      source.didReceiveResponse = ({ response }) => response;
      const apollos = vi.fn();
      const apollo = await source.process(
        executorFetch({ ...http(), overallCachePolicy: { restrict: apollos } }),
      );

      const [sentByUs, sentByApollo] = subgraph.received;
      expect(sentByUs!.method).toBe(sentByApollo!.method);
      // The same headers; the token compared by its claims, since the signer may sign anew
      // between the two fetches (its cache keeps a token for half its lifetime).
      const withoutToken = (headers: Record<string, unknown>) => {
        const { [CONTEXT_HEADER]: _token, ...rest } = headers;
        return rest;
      };
      expect(withoutToken(sentByUs!.headers)).toEqual(withoutToken(sentByApollo!.headers));
      const claimsOf = (headers: Record<string, unknown>) => {
        const payload = JSON.parse(
          Buffer.from(String(headers[CONTEXT_HEADER]).split('.')[1]!, 'base64url').toString(),
        ) as Record<string, unknown>;
        const { iat: _iat, exp: _exp, nbf: _nbf, jti: _jti, ...claims } = payload;
        return claims;
      };
      expect(claimsOf(sentByUs!.headers)).toEqual(claimsOf(sentByApollo!.headers));
      expect(claimsOf(sentByUs!.headers).sub).toBe('investigator@test');
      expect(sentByUs!.body).toBe(sentByApollo!.body);
      expect(fast.data).toEqual(apollo.data);
      expect(fast.errors).toEqual(apollo.errors);
      expect(fast.http?.status).toBe(apollo.http?.status);
      expect(ours.mock.calls).toEqual(apollos.mock.calls);
    },
  );

  it('leaves health checks to Apollo: no context token', async () => {
    const { subgraph, source } = await recordingSourceFor(json({ data: { __typename: 'Query' } }));
    await source.process({
      kind: 'health check',
      request: { query: 'query __ApolloServiceHealthCheck__ { __typename }' },
      context: {},
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
    const [received] = subgraph.received;
    expect(received!.headers['content-type']).toBe('application/json');
    expect(received!.headers[CONTEXT_HEADER]).toBeUndefined();
  });

  it('leaves the fetch to Apollo when a didReceiveResponse hook is defined, so the hook runs', async () => {
    const { subgraph, source } = await recordingSourceFor(json({ data: { fr: { code: 'FR' } } }));
    source.didReceiveResponse = ({ response }) => ({ ...response, data: { hooked: true } });
    const response = await source.process(executorFetch());
    expect(response.data).toEqual({ hooked: true });
    expect(subgraph.received[0]!.headers[CONTEXT_HEADER]).toBeTruthy();
  });

  it("leaves the fetch to Apollo when a hook of Apollo's path is replaced, so the hook runs", async () => {
    const { subgraph, source } = await recordingSourceFor(json({ data: { fr: { code: 'FR' } } }));
    const parseBody = vi.fn(RemoteGraphQLDataSource.prototype.parseBody);
    source.parseBody = parseBody;
    const response = await source.process(executorFetch());
    expect(parseBody).toHaveBeenCalledTimes(1);
    expect(response.data).toEqual({ fr: { code: 'FR' } });
    expect(subgraph.received[0]!.headers[CONTEXT_HEADER]).toBeTruthy();
  });

  it('leaves the fetch to Apollo when APQ is on, so the hash is sent first', async () => {
    const { subgraph, source } = await recordingSourceFor(json({ data: { fr: { code: 'FR' } } }));
    source.apq = true;
    await source.process(executorFetch());
    const sent = JSON.parse(subgraph.received[0]!.body) as Record<string, unknown>;
    expect(sent.query).toBeUndefined();
    expect(sent.extensions).toMatchObject({ persistedQuery: { version: 1 } });
  });
});
