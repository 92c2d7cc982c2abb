import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_HEADER } from '../../core/auth/createContextVerifier.js';
import { REPO_ROOT } from '../../core/federationConfig.js';
import { DASHBOARD_CSP } from '../../gateway/dashboard/createDashboardRoutes.js';
import { startFakeSubgraph, startInProcessGateway } from './inProcessGateway.js';
import type { FakeSubgraph, InProcessGateway } from './inProcessGateway.js';

const manifest = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'gateway', 'persisted-operations.json'), 'utf8'),
) as { operations: { id: string; name: string; public?: boolean; body: string }[] };
const operation = (name: string) => manifest.operations.find((op) => op.name === name)!;

let fake: FakeSubgraph;
let development: InProcessGateway;
let production: InProcessGateway;
let dashboardDir: string;

beforeAll(async () => {
  fake = await startFakeSubgraph();
  fake.respond = () => ({ body: { data: { members: [] } } });
  dashboardDir = mkdtempSync(path.join(os.tmpdir(), 'comity-dashboard-'));
  mkdirSync(path.join(dashboardDir, 'assets'));
  writeFileSync(path.join(dashboardDir, 'index.html'), '<!doctype html><title>Comity</title>');
  writeFileSync(path.join(dashboardDir, 'assets', 'index-abc.js'), 'console.log(1)');
  const env = { COMITY_DASHBOARD_DIR: dashboardDir };
  development = await startInProcessGateway({ ...env, NODE_ENV: 'development' }, fake.url);
  production = await startInProcessGateway({ ...env, NODE_ENV: 'production' }, fake.url);
});

afterAll(async () => {
  await development?.stop();
  await production?.stop();
  await fake?.close();
  rmSync(dashboardDir, { recursive: true, force: true });
});

/** A request with no Authorization header at all. */
async function anonymous(
  gateway: InProcessGateway,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const before = fake.received.length;
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-comity-purpose': 'STATISTICS', ...headers },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    json: (await response.json()) as any,
    subgraphCalls: fake.received.length - before,
  };
}

const byHash = (id: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } });
const reasons = (json: any): string[] => (json?.errors ?? []).map((e: any) => e.extensions?.reason);

describe('the manifest marks public operations', () => {
  it('has public operations, and the request board and lookup are not among them', () => {
    const names = manifest.operations.filter((op) => op.public).map((op) => op.name);
    expect(names).toEqual(
      expect.arrayContaining(['Members', 'TransparencyStatistics', 'CrossBorderStatistics']),
    );
    expect(names).not.toContain('RequestBoard');
    expect(names).not.toContain('WalletLookup');
  });
});

describe.each([
  ['development', () => development],
  ['production', () => production],
] as const)('an anonymous caller in %s', (_environment, gateway) => {
  it('runs a public persisted operation by its hash, as PUBLIC', async () => {
    const { status, json, subgraphCalls } = await anonymous(
      gateway(),
      byHash(operation('Members').id),
    );
    expect(status).toBe(200);
    expect(json.data).toEqual({ members: [] });
    expect(subgraphCalls).toBe(1);
  });

  it('reaches the members as PUBLIC, not as a borrowed identity', async () => {
    const before = fake.received.length;
    await anonymous(gateway(), byHash(operation('TransparencyStatistics').id));
    const identities = fake.received.slice(before).map((request) => {
      const context = request.headers[CONTEXT_HEADER] as string;
      const claims = JSON.parse(Buffer.from(context.split('.')[1]!, 'base64url').toString('utf8'));
      return { roles: claims.roles, agency: claims.agency, country: claims.country };
    });
    expect(identities.length).toBeGreaterThan(0);
    for (const identity of identities) {
      expect(identity).toEqual({ roles: ['PUBLIC'], agency: 'public', country: 'XX' });
    }
  });

  const attacks: [string, () => unknown][] = [
    [
      'a non-public persisted operation by its hash',
      () => ({ ...byHash(operation('RequestBoard').id), variables: { direction: 'INCOMING' } }),
    ],
    [
      'the lookup by its hash',
      () => ({
        ...byHash(operation('WalletLookup').id),
        variables: { id: 'eth:0x3260cacc9faee9939805f85c757e66999b79b3d3' },
      }),
    ],
    [
      'the text of a non-public persisted operation',
      () => ({ query: operation('RequestBoard').body, variables: { direction: 'INCOMING' } }),
    ],
    ['an ad-hoc query', () => ({ query: '{ members { code } }' })],
    [
      'an ad-hoc query naming a public operation',
      () => ({ query: 'query Members { fr { transparency { jurisdiction } } }' }),
    ],
    ['introspection', () => ({ query: '{ __schema { types { name } } }' })],
    [
      'an ad-hoc mutation',
      () => ({
        query: 'mutation { de { decideEmergencyReview(id: "x", decision: CONFIRMED) { id } } }',
      }),
    ],
    [
      'an APQ registration of a new document',
      () => ({
        query: '{ members { name } }',
        extensions: {
          persistedQuery: {
            version: 1,
            sha256Hash: 'c0bd4d1c8a4f1ba5cd5b0d59a2bfc5b7e4ad6b4d3cbb2a25c1a8a1b2d0fa5d9b',
          },
        },
      }),
    ],
  ];

  it.each(attacks)('cannot run %s: refused before any subgraph is called', async (_title, body) => {
    const { status, json, subgraphCalls } = await anonymous(gateway(), body());
    expect(subgraphCalls).toBe(0);
    expect(json.data ?? null).toBeNull();
    expect(status).toBeGreaterThanOrEqual(400);
    expect((json.errors ?? []).map((e: any) => e.extensions?.code)).not.toContain(undefined);
    // Introspection is refused first by its own rule in production.
    if (status === 403) {
      expect(['PUBLIC_OPERATIONS_ONLY', 'INTROSPECTION_DISABLED']).toEqual(
        expect.arrayContaining(reasons(json)),
      );
    }
  });

  it('is not what a bad token falls back to: a token that does not verify is a 401', async () => {
    const { status, json, subgraphCalls } = await anonymous(
      gateway(),
      byHash(operation('Members').id),
      {
        authorization: 'Bearer not.a.token',
      },
    );
    expect(status).toBe(401);
    expect(json.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(subgraphCalls).toBe(0);
  });
});

describe('the development sign-in', () => {
  it('lists the demo personas and mints a token the gateway accepts', async () => {
    const personas = await fetch(`${development.baseUrl}/dev/personas`);
    expect(personas.status).toBe(200);
    const list = ((await personas.json()) as { personas: { id: string; role: string }[] }).personas;
    expect(list.map((persona) => persona.id)).toEqual(
      expect.arrayContaining([
        'fr-investigator',
        'de-analyst',
        'sg-central-authority',
        'fr-auditor',
        'fr-judge',
      ]),
    );
    const minted = await fetch(`${development.baseUrl}/dev/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ persona: 'de-analyst' }),
    });
    expect(minted.status).toBe(200);
    const { token } = (await minted.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
    expect(claims).toMatchObject({ roles: ['ANALYST'], country: 'DE', agency: 'BKA' });
    const { status } = await anonymous(
      development,
      { query: '{ members { code } }' },
      { authorization: `Bearer ${token}` },
    );
    expect(status).toBe(200);
  });

  it.each([
    [
      'an unknown persona',
      { 'content-type': 'application/json' },
      JSON.stringify({ persona: 'root' }),
      400,
    ],
    [
      'a form post',
      { 'content-type': 'application/x-www-form-urlencoded' },
      'persona=de-analyst',
      415,
    ],
    [
      'a body too large',
      { 'content-type': 'application/json' },
      JSON.stringify({ persona: 'x'.repeat(5_000) }),
      400,
    ],
  ])('refuses %s', async (_title, headers, body, expected) => {
    const response = await fetch(`${development.baseUrl}/dev/token`, {
      method: 'POST',
      headers,
      body,
    });
    expect(response.status).toBe(expected);
    expect(await response.text()).not.toMatch(/eyJ/);
  });

  it('does not exist with NODE_ENV=production', async () => {
    for (const [route, method] of [
      ['/dev/personas', 'GET'],
      ['/dev/token', 'POST'],
    ] as const) {
      const response = await fetch(`${production.baseUrl}${route}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? JSON.stringify({ persona: 'fr-investigator' }) : undefined,
      });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toMatch(/eyJ/);
    }
  });
});

describe('the dashboard served from the gateway origin', () => {
  it('serves the page with its security headers, never cached', async () => {
    const response = await fetch(`${production.baseUrl}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toBe(DASHBOARD_CSP);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toContain('<title>Comity</title>');
  });

  it('serves hashed assets for a year', async () => {
    const response = await fetch(`${production.baseUrl}/assets/index-abc.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it.each([
    '/assets/../../package.json',
    '/%2e%2e/package.json',
    '/assets/%2e%2e/index.html/../../../etc/passwd',
    '/package.json',
    '/assets/',
  ])('answers 404 for %s: only the built files have routes', async (route) => {
    const response = await fetch(`${production.baseUrl}${route}`);
    expect([404]).toContain(response.status);
    expect(await response.text()).not.toContain('"dependencies"');
  });

  it('answers 405 to anything but GET and HEAD', async () => {
    const response = await fetch(`${production.baseUrl}/`, { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
  });
});
