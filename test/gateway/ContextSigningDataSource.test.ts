import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gatewayTrust } from '../../gateway/auth/gatewayTrust.js';
import type { GatewayTrust } from '../../gateway/auth/gatewayTrust.js';
import { ContextSigningDataSource } from '../../gateway/ContextSigningDataSource.js';
import type { GatewayContext } from '../../gateway/GatewayContext.js';
import { createGatewayMetrics } from '../../gateway/metrics/createGatewayMetrics.js';

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
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  flaky.port = (server.address() as AddressInfo).port;
  flaky.url = `http://127.0.0.1:${flaky.port}/graphql`;
  flaky.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return flaky;
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

async function dataSourceFor(behaviour: (attempt: number) => Behaviour) {
  const subgraph = await startFlakySubgraph(behaviour);
  const source = new ContextSigningDataSource(
    'fr',
    subgraph.url,
    trust.signer,
    { timeoutMs: 5_000, breakerFailures: 5, breakerCooldownMs: 10_000 },
    createGatewayMetrics(),
  );
  opened.push(source, subgraph);
  return { subgraph, source };
}

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
