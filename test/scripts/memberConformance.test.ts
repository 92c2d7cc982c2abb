import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberCodes } from '../../core/federationConfig.js';
import { CONTEXT_HEADER, subgraphAudience } from '../../core/auth/createContextVerifier.js';
import { contextTokenSigner } from '../../gateway/auth/createContextSigner.js';
import { configuredSubgraphs } from '../../schema/composeSupergraph.js';
import type { SubgraphDefinition } from '../../schema/composeSupergraph.js';
import type { ConformanceReport } from '../../schema/admission.js';
import { runConformance } from '../../scripts/conformance/runConformance.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { FederationFixture } from '../support/federationFixture.js';

// Conformance against the real members, and against candidates broken one way each: every
// broken candidate fails its own check's line and no other's.

let fixture: FederationFixture;
let federation: SubgraphDefinition[];
const closers: Array<() => Promise<void>> = [];

beforeAll(async () => {
  fixture = await startFederationFixture({ portOffset: 19_500 });
  federation = await configuredSubgraphs();
}, 180_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await fixture?.stop();
});

const memberUrl = (cc: string) => `${fixture.federation.baseUrls[cc]}/graphql`;

function check(cc: string, url: string) {
  return runConformance({
    url,
    code: cc,
    contextKey: fixture.keys.context.current.privateJwk,
    federation,
  });
}

function lines(report: ConformanceReport): Record<string, boolean> {
  return Object.fromEntries(report.checks.map((c) => [c.check, c.pass]));
}

/** Every check passes but those named. */
function expectFailsOnly(report: ConformanceReport, failing: string[]): void {
  const expected = Object.fromEntries(report.checks.map((c) => [c.check, !failing.includes(c.check)]));
  expect(lines(report), JSON.stringify(report.checks, null, 2)).toEqual(expected);
  expect(report.passed).toBe(false);
}

interface Rewrites {
  /** The context token the member receives instead of the one sent. */
  token?: (sent: string | undefined) => string | undefined;
  /** The body the candidate answers instead of the member's. */
  body?: (body: any, request: any) => any;
}

/** A candidate in front of a real member, broken by what it does to requests and answers. */
async function brokenProxy(cc: string, rewrites: Rewrites): Promise<string> {
  const target = new URL(memberUrl(cc));
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const sent = request.headers[CONTEXT_HEADER] as string | undefined;
    const token = rewrites.token ? rewrites.token(sent) : sent;
    if (token) headers[CONTEXT_HEADER] = token;
    const reply = await fetch(target, { method: 'POST', headers, body: raw });
    let text = await reply.text();
    if (rewrites.body) {
      try {
        text = JSON.stringify(rewrites.body(JSON.parse(text), JSON.parse(raw)));
      } catch {
        // Not JSON either way: passed through.
      }
    }
    response.writeHead(reply.status, { 'content-type': 'application/json' });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

const freshToken = (cc: string) => {
  const sign = contextTokenSigner({
    privateJwk: fixture.keys.context.current.privateJwk,
    kid: fixture.keys.context.current.kid,
  });
  return () =>
    sign(
      {
        sub: 'proxy@test',
        roles: ['INVESTIGATOR'],
        country: cc.toUpperCase(),
        agency: 'Proxy',
        purpose: 'CRIMINAL_INVESTIGATION',
        caseRef: 'CASE-1',
        requestId: `proxy-${Math.random()}`,
        operationHash: 'proxy',
      },
      subgraphAudience(cc),
    );
};

describe('member:conformance', () => {
  it.each(memberCodes())('passes on the real member %s', async (cc) => {
    const report = await check(cc, memberUrl(cc));
    expect(report.checks.filter((c) => !c.pass)).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.sdlHash).toMatch(/^[0-9a-f]{64}$/);
    expect(report.checks.map((c) => c.check)).toEqual([
      'composes',
      'refuses-no-token',
      'refuses-expired-token',
      'refuses-wrong-audience',
      'refuses-wrong-key',
      'refuses-replayed-token',
      'personal-data-policy',
      'denied-field-forbidden',
      'bad-wallet-id',
      'no-leaks',
      'audit-trail',
    ]);
  }, 60_000);

  it('fails every door check on a candidate that does not verify the context token', async () => {
    const sign = freshToken('de');
    const url = await brokenProxy('de', { token: () => sign() });
    expectFailsOnly(await check('de', url), [
      'refuses-no-token',
      'refuses-expired-token',
      'refuses-wrong-audience',
      'refuses-wrong-key',
      'refuses-replayed-token',
      // It answers every caller as the one identity it forges, so the auditor reads nothing.
      'audit-trail',
    ]);
  }, 60_000);

  it('fails refuses-replayed-token on a candidate that accepts a token twice', async () => {
    const sign = freshToken('de');
    const seen = new Set<string>();
    const url = await brokenProxy('de', {
      token: (sent) => {
        if (sent === undefined || !seen.has(sent)) {
          if (sent) seen.add(sent);
          return sent;
        }
        return sign();
      },
    });
    const report = await check('de', url);
    expectFailsOnly(report, ['refuses-replayed-token']);
    expect(report.checks.find((c) => c.check === 'refuses-replayed-token')!.reason).toContain(
      '_service with 200',
    );
  }, 60_000);

  const rewriteSdl = (rewrite: (sdl: string) => string) => (body: any) =>
    typeof body?.data?._service?.sdl === 'string'
      ? { data: { _service: { sdl: rewrite(body.data._service.sdl) } } }
      : body;

  it('fails composes on a candidate whose SDL does not compose', async () => {
    const url = await brokenProxy('de', {
      body: rewriteSdl((sdl) => `${sdl}\nextend type Query { fr: Jurisdiction }\n`),
    });
    const report = await check('de', url);
    expectFailsOnly(report, ['composes']);
    expect(report.checks[0]!.reason).toMatch(/^composition fails: \[/);
  }, 60_000);

  it('fails personal-data-policy on a candidate leaving a personal field unguarded', async () => {
    // Person.idNumber without its own @access, on a type whose @access is dropped too.
    const url = await brokenProxy('de', {
      body: rewriteSdl((sdl) =>
        sdl.replace(/(type Person\b[^{]*?)@access\(jurisdiction: "DE"[^)]*\)/, '$1').replace(
          /(\n\s+idNumber: String[^\n]*?)@access\(jurisdiction: "DE"[^)]*\)/,
          '$1',
        ),
      ),
    });
    const report = await check('de', url);
    expectFailsOnly(report, ['personal-data-policy']);
    expect(report.checks.find((c) => c.check === 'personal-data-policy')!.reason).toContain(
      'Person.',
    );
  }, 60_000);

  it('fails denied-field-forbidden on a candidate whose denials carry no reason', async () => {
    const url = await brokenProxy('de', {
      body: (body) => ({
        ...body,
        ...(body.errors && {
          errors: body.errors.map((error: any) => ({
            ...error,
            extensions: { code: error.extensions?.code },
          })),
        }),
      }),
    });
    expectFailsOnly(await check('de', url), ['denied-field-forbidden']);
  }, 60_000);

  it('fails bad-wallet-id on a candidate answering a bad wallet with another code', async () => {
    const url = await brokenProxy('de', {
      body: (body) => ({
        ...body,
        ...(body.errors && {
          errors: body.errors.map((error: any) =>
            error.extensions?.code === 'BAD_USER_INPUT'
              ? { ...error, extensions: { code: 'INTERNAL_SERVER_ERROR' } }
              : error,
          ),
        }),
      }),
    });
    expectFailsOnly(await check('de', url), ['bad-wallet-id']);
  }, 60_000);

  it('fails no-leaks on a candidate whose errors carry a stack and a path', async () => {
    const url = await brokenProxy('de', {
      body: (body) =>
        body.errors?.some((error: any) => error.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')
          ? {
              errors: [
                {
                  message: 'Error: registry down\n    at open (/srv/registry/index.ts:12:5)',
                  extensions: { code: 'INTERNAL_SERVER_ERROR' },
                },
              ],
            }
          : body,
    });
    const report = await check('de', url);
    expectFailsOnly(report, ['no-leaks']);
    expect(report.checks.find((c) => c.check === 'no-leaks')!.reason).toContain('unknown field');
  }, 60_000);

  it('fails audit-trail on a candidate whose events do not hash', async () => {
    const url = await brokenProxy('de', {
      body: (body) => {
        const nodes = body?.data?.de?.auditEvents?.nodes;
        if (!Array.isArray(nodes)) return body;
        return {
          ...body,
          data: {
            ...body.data,
            de: {
              ...body.data.de,
              auditEvents: {
                nodes: nodes.map((event: any) => ({ ...event, agency: `${event.agency} (edited)` })),
              },
            },
          },
        };
      },
    });
    const report = await check('de', url);
    expectFailsOnly(report, ['audit-trail']);
    expect(report.checks.find((c) => c.check === 'audit-trail')!.reason).toContain(
      'does not hash to its recorded hash',
    );
  }, 60_000);

  it('fails audit-trail on a candidate that keeps no event of the probes', async () => {
    const url = await brokenProxy('de', {
      body: (body) => {
        const nodes = body?.data?.de?.auditEvents?.nodes;
        if (!Array.isArray(nodes)) return body;
        const kept = nodes.filter((event: any) => !String(event.requestId).startsWith('conformance-'));
        return { ...body, data: { ...body.data, de: { ...body.data.de, auditEvents: { nodes: kept } } } };
      },
    });
    const report = await check('de', url);
    expectFailsOnly(report, ['audit-trail']);
    expect(report.checks.find((c) => c.check === 'audit-trail')!.reason).toMatch(/left no audit event/);
  }, 60_000);
});

