import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { ensureDevKeys } from '../../core/auth/devKeys.js';
import type { DevKeys } from '../../core/auth/devKeys.js';
import { gatewayTrust } from '../../gateway/auth/gatewayTrust.js';
import type { GatewayTrust } from '../../gateway/auth/gatewayTrust.js';
import { mintDevToken } from '../../gateway/auth/mintDevToken.js';
import { gatewayConfig } from '../../gateway/gatewayConfig.js';
import { createLogger } from '../../gateway/logging/createLogger.js';
import { createGatewayServer } from '../../gateway/server.js';
import type { GatewayServer } from '../../gateway/server.js';
import { federationConfig, subgraphUrlVariable } from '../../core/federationConfig.js';
import type { Role } from '../../core/policy/policySpec.js';

/** What a fake subgraph received. */
export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: { query?: string; variables?: unknown };
}

/**
 * A stand-in subgraph over real HTTP: records every request and answers with whatever
 * `respond` returns (status and JSON body), `delayMs` later. Tests set them to make it fail.
 */
export interface FakeSubgraph {
  url: string;
  received: ReceivedRequest[];
  respond: (request: ReceivedRequest) => { status?: number; body: unknown };
  /** How long it waits before answering a GraphQL request, ms. Default 0. */
  delayMs: number;
  close(): Promise<void>;
}

export async function startFakeSubgraph(): Promise<FakeSubgraph> {
  const fake: FakeSubgraph = {
    url: '',
    received: [],
    respond: () => ({ body: { data: null } }),
    delayMs: 0,
    close: async () => {},
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/health') {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        return;
      }
      const received = {
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'),
      };
      fake.received.push(received);
      const { status = 200, body } = fake.respond(received);
      const answer = () =>
        response
          .writeHead(status, { 'content-type': 'application/json' })
          .end(JSON.stringify(body));
      if (fake.delayMs > 0) setTimeout(answer, fake.delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}

export interface InProcessGateway {
  server: GatewayServer;
  url: string;
  baseUrl: string;
  keys: DevKeys;
  /** Every line the gateway logged (JSON). */
  logs: string[];
  token(role: Role, subject?: string, agency?: string): Promise<string>;
  post(
    body: unknown,
    options?: { role?: Role; headers?: Record<string, string>; subject?: string; agency?: string },
  ): Promise<{ status: number; headers: Headers; text: string; json: any }>;
  stop(): Promise<void>;
}

/**
 * The real gateway (gateway/server.ts) in this process, over real HTTP, with every subgraph
 * pointed at `subgraphUrl` (a fake, or nothing listening) and the given environment.
 */
export async function startInProcessGateway(
  env: Record<string, string>,
  subgraphUrl: string,
  /** To watch or stand in for part of the gateway's trust (its context signer, say). */
  wrapTrust: (trust: GatewayTrust) => GatewayTrust = (trust) => trust,
): Promise<InProcessGateway> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'comity-gw-'));
  const keysDir = path.join(dir, 'keys');
  const keys = await ensureDevKeys(keysDir);
  const subgraphEnv: Record<string, string> = {};
  for (const subgraph of federationConfig().subgraphs) {
    subgraphEnv[subgraphUrlVariable(subgraph.name)] = subgraphUrl;
  }
  const config = gatewayConfig({ PORT: '0', ...subgraphEnv, ...env });
  const trust = wrapTrust(await gatewayTrust({ COMITY_KEYS_DIR: keysDir }));
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(
        ...chunk
          .toString('utf8')
          .split('\n')
          .filter((line) => line !== ''),
      );
      callback();
    },
  });
  const server = await createGatewayServer(config, trust, {
    logger: createLogger({ level: 'debug', destination }),
  });
  const url = await server.listen();
  const baseUrl = url.replace(/\/graphql$/, '');
  const token = (role: Role, subject = `${role.toLowerCase()}@test`, agency = 'Test agency') =>
    mintDevToken(keys, { subject, roles: [role], country: 'FR', agency, ttl: '10m' });
  return {
    server,
    url,
    baseUrl,
    keys,
    logs,
    token,
    async post(body, options = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await token(options.role ?? 'INVESTIGATOR', options.subject, options.agency)}`,
          'x-comity-purpose': 'CRIMINAL_INVESTIGATION',
          ...options.headers,
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let json: any = null;
      try {
        json = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: response.status, headers: response.headers, text, json };
    },
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
