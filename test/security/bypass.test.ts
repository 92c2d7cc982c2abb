import { randomUUID } from 'node:crypto';
import { SignJWT, base64url, exportJWK, generateKeyPair, importJWK } from 'jose';
import type { JWK, JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextSigner } from '../../gateway/auth/createContextSigner.js';
import { mintDevToken } from '../../gateway/auth/mintDevToken.js';
import type { ContextClaims } from '../../core/auth/ContextClaims.js';
import {
  CONTEXT_HEADER,
  CONTEXT_ISSUER,
  CONTEXT_TOKEN_TYPE,
  subgraphAudience,
} from '../../core/auth/createContextVerifier.js';
import { federationConfig } from '../../core/federationConfig.js';
import { derivePseudonymKey, pseudonym } from '../../core/policy/pseudonym.js';
import { crossBorderWallets } from '../../subgraphs/kit/seed/crossBorderWallets.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { Asking, FederationFixture } from '../support/federationFixture.js';
import { postGraphQL, readCounter } from '../support/graphqlClient.js';
import type { GraphQLResponse } from '../support/graphqlClient.js';
import {
  SEEDED_RECORD_MEMBERS,
  personSubject,
  readSeededRecords,
} from '../support/seededRecords.js';
import type { SeededRecords } from '../support/seededRecords.js';

// Attempts to get data past the gateway's checks: straight to a subgraph with a missing or bad
// context token, through the gateway with forged identity headers, and with caller tokens the
// gateway must not accept. Each is refused with nothing released; each family has a positive
// control, so that the "nothing released" checks are shown able to fail.

let fixture: FederationFixture;
let seeded: SeededRecords;
/** Every person and organisation name the seed put in a watchlist, in any jurisdiction. */
let seededNames: string[];
/** A key nobody trusts, for forgeries. */
let strangerJwk: JWK;

/** Every subgraph of the composition: each member and the directory. */
const SUBGRAPHS = federationConfig().subgraphs.map((subgraph) => subgraph.name);
type Subgraph = string;
/** Whether the seeded names a leak would show are known for subgraph `name`. */
const readsSeededNames = (name: Subgraph) =>
  (SEEDED_RECORD_MEMBERS as readonly string[]).includes(name);
const WALLET = () => crossBorderWallets()[0]!;

beforeAll(async () => {
  fixture = await startFederationFixture({ portOffset: 22_000 });
  seeded = await readSeededRecords(fixture.dataRoot, fixture.keys.dir);
  const page = { first: 500, after: null };
  const [de, sg] = await Promise.all([
    seeded.de.watchlist!.listEntries(page),
    seeded.sg.watchlist.listEntries(page),
  ]);
  seededNames = [...seeded.fr.watchlist, ...de.records, ...sg.records].map(
    (entry) => entry.subject.name,
  );
  expect(seededNames.length).toBeGreaterThan(300);
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  strangerJwk = await exportJWK(privateKey);
}, 180_000);

afterAll(async () => {
  await seeded?.close();
  await fixture?.stop();
});

/** Operations and backend queries served so far, summed over every subgraph. */
async function servedSoFar(): Promise<number> {
  const counts = await Promise.all(
    SUBGRAPHS.flatMap((name) => [
      readCounter(fixture.federation.baseUrls[name]!, 'comity_subgraph_operations_total', {}),
      readCounter(fixture.federation.baseUrls[name]!, 'comity_registry_queries_total', {}),
    ]),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

function leakedNames(body: unknown): string[] {
  const text = JSON.stringify(body);
  return seededNames.filter((name) => text.includes(name));
}

/** A 401 with one UNAUTHENTICATED error and nothing else: no data, no record, no name. */
function expectRefused(response: { status: number; body: GraphQLResponse }, reason?: string): void {
  expect(response.status).toBe(401);
  expect(response.body).toEqual({
    errors: [
      {
        message: expect.any(String),
        extensions: { code: 'UNAUTHENTICATED', reason: reason ?? expect.any(String) },
      },
    ],
  });
  expect(leakedNames(response.body)).toEqual([]);
}

// ---------------------------------------------------------------------------------------
// Straight to a subgraph

function subgraphUrl(name: Subgraph): string {
  return `${fixture.federation.baseUrls[name]}/graphql`;
}

const PROSECUTOR_CLAIMS = (): ContextClaims => ({
  sub: 'prosecutor@test',
  roles: ['PROSECUTOR'],
  country: 'FR',
  agency: 'Test agency',
  purpose: 'CRIMINAL_INVESTIGATION',
  caseRef: 'CASE-2026-0001',
  requestId: randomUUID(),
  operationHash: 'direct',
});

/** Builds a context token by hand, for the shapes the product signer refuses to make. */
async function handSigned(options: {
  audience: string;
  jwk?: JWK;
  typ?: string;
  issuedAt?: number;
  lifetime?: number;
}): Promise<string> {
  const current = fixture.keys.context.current;
  const { sub, ...claims } = PROSECUTOR_CLAIMS();
  const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000);
  return new SignJWT(claims as unknown as JWTPayload)
    .setProtectedHeader({
      alg: 'EdDSA',
      kid: current.kid,
      typ: options.typ ?? CONTEXT_TOKEN_TYPE,
    })
    .setIssuer(CONTEXT_ISSUER)
    .setAudience(options.audience)
    .setSubject(sub)
    .setJti(randomUUID())
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + (options.lifetime ?? 30))
    .sign(await importJWK(options.jwk ?? current.privateJwk, 'EdDSA'));
}

function gatewaySigner(options: { jwk?: JWK; now?: () => number } = {}) {
  return createContextSigner({
    privateJwk: options.jwk ?? fixture.keys.context.current.privateJwk,
    kid: fixture.keys.context.current.kid,
    cacheSize: 0,
    now: options.now,
  });
}

/** Another subgraph than `name`, whose audience a token must not open `name` with. */
const otherThan = (name: Subgraph): Subgraph => (name === 'de' ? 'fr' : 'de');

interface BadContext {
  title: string;
  reason: string;
  token: (name: Subgraph) => Promise<string | null>;
}

const BAD_CONTEXT_TOKENS: BadContext[] = [
  { title: 'no token', reason: 'MISSING_TOKEN', token: async () => null },
  {
    title: 'a token signed with another Ed25519 key under the gateway key id',
    reason: 'BAD_SIGNATURE',
    token: (name) =>
      gatewaySigner({ jwk: strangerJwk }).sign(PROSECUTOR_CLAIMS(), subgraphAudience(name)),
  },
  {
    title: 'an expired token',
    reason: 'EXPIRED',
    token: (name) =>
      gatewaySigner({ now: () => Date.now() - 120_000 }).sign(
        PROSECUTOR_CLAIMS(),
        subgraphAudience(name),
      ),
  },
  {
    title: "a valid token for another subgraph's audience",
    reason: 'WRONG_AUDIENCE',
    token: (name) => gatewaySigner().sign(PROSECUTOR_CLAIMS(), subgraphAudience(otherThan(name))),
  },
  {
    title: "a caller's own identity token (wrong typ, IdP key)",
    reason: 'UNKNOWN_KEY',
    token: () => fixture.token({ role: 'PROSECUTOR' }),
  },
  {
    title: 'a token signed with the gateway key but typed JWT',
    reason: 'BAD_CLAIM',
    token: (name) => handSigned({ audience: subgraphAudience(name), typ: 'JWT' }),
  },
  {
    title: 'a token living 61 seconds',
    reason: 'BAD_CLAIM',
    token: (name) => handSigned({ audience: subgraphAudience(name), lifetime: 61 }),
  },
  {
    title: 'a token living an hour',
    reason: 'BAD_CLAIM',
    token: (name) => handSigned({ audience: subgraphAudience(name), lifetime: 3_600 }),
  },
  {
    title: 'an unsigned token (alg none)',
    reason: 'ALGORITHM_NOT_ALLOWED',
    token: async (name) => {
      const { sub, ...claims } = PROSECUTOR_CLAIMS();
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: 'none', typ: CONTEXT_TOKEN_TYPE };
      const payload = {
        ...claims,
        sub,
        iss: CONTEXT_ISSUER,
        aud: subgraphAudience(name),
        jti: randomUUID(),
        iat: now,
        exp: now + 30,
      };
      const encode = (part: object) => base64url.encode(JSON.stringify(part));
      return `${encode(header)}.${encode(payload)}.`;
    },
  },
];

/** The three doors into a subgraph: a root query, `_service` and `_entities`. */
function subgraphOperations(name: Subgraph) {
  const recordsOnWallet =
    name === 'directory'
      ? 'id'
      : `id ${name} { hit watchlistEntries { id subject { __typename name } } }`;
  return [
    {
      kind: 'query',
      query:
        name === 'directory'
          ? '{ members { code name registries { name } } }'
          : `{ ${name} { watchlistEntries(first: 5) { nodes { id subject { __typename name } } } } }`,
      variables: undefined,
    },
    { kind: '_service', query: '{ _service { sdl } }', variables: undefined },
    {
      kind: '_entities',
      query: `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Wallet { ${recordsOnWallet} } }
      }`,
      variables: { representations: [{ __typename: 'Wallet', id: WALLET() }] },
    },
  ];
}

async function postToSubgraph(
  name: Subgraph,
  operation: { query: string; variables?: Record<string, unknown> },
  token: string | null,
) {
  return postGraphQL(
    subgraphUrl(name),
    operation.query,
    operation.variables,
    token === null ? {} : { [CONTEXT_HEADER]: token },
  );
}

describe('a subgraph reached directly', () => {
  const cases = BAD_CONTEXT_TOKENS.flatMap((bad) => SUBGRAPHS.map((name) => ({ ...bad, name })));

  it.each(cases)('$name refuses $title on every door', async ({ name, token, reason }) => {
    const before = await servedSoFar();
    for (const operation of subgraphOperations(name)) {
      const response = await postToSubgraph(name, operation, await token(name));
      expectRefused(response, reason);
      expect(JSON.stringify(response.body), operation.kind).not.toContain(WALLET());
      expect(JSON.stringify(response.body), operation.kind).not.toContain('type Query');
    }
    // Nothing was resolved: no operation counted, no registry asked.
    expect(await servedSoFar()).toBe(before);
  });

  it.each(SUBGRAPHS)(
    '%s answers a token the gateway signed for it (positive control)',
    async (name) => {
      const before = await servedSoFar();
      const signer = gatewaySigner();
      const [query, service, entities] = subgraphOperations(name);
      const token = () => signer.sign(PROSECUTOR_CLAIMS(), subgraphAudience(name));

      const served = await postToSubgraph(name, query!, await token());
      expect(served.status).toBe(200);
      expect(served.body.errors).toBeUndefined();
      if (name === 'directory') {
        expect(JSON.stringify(served.body.data)).toContain('France');
      } else {
        const nodes = served.body.data[name].watchlistEntries.nodes;
        expect(nodes.length).toBeGreaterThan(0);
        if (readsSeededNames(name)) {
          expect(nodes).toHaveLength(5);
          expect(leakedNames(served.body).length).toBeGreaterThan(0);
        }
      }

      const sdl = await postToSubgraph(name, service!, await token());
      expect(sdl.status).toBe(200);
      expect(sdl.body.data._service.sdl).toContain('type Query');

      const resolved = await postToSubgraph(name, entities!, await token());
      expect(resolved.status).toBe(200);
      expect(resolved.body.errors).toBeUndefined();
      expect(resolved.body.data._entities[0].id).toBe(WALLET());
      if (readsSeededNames(name)) {
        expect(resolved.body.data._entities[0][name].hit).toBe(true);
        expect(leakedNames(resolved.body).length).toBeGreaterThan(0);
      } else if (name !== 'directory') {
        expect(typeof resolved.body.data._entities[0][name].hit).toBe('boolean');
      }
      expect(await servedSoFar()).toBeGreaterThan(before);
    },
  );
});

// ---------------------------------------------------------------------------------------
// Identity headers sent by a client through the gateway

describe('client identity headers through the gateway', () => {
  const ANALYST: Asking = { role: 'ANALYST', purpose: 'SANCTIONS_SCREENING' };
  const QUERY = /* GraphQL */ `
    query ($fr: ID!) {
      fr {
        watchlistEntry(id: $fr) {
          id
          subject {
            ... on Person {
              name
            }
          }
        }
      }
      de {
        watchlistEntry(id: "de-sanction-0000001") {
          id
          subject {
            ... on Person {
              name
              idNumber
            }
          }
        }
      }
    }
  `;
  let frEntryId: string;
  let frName: string;
  let deName: string;
  let deIdNumber: string;

  beforeAll(async () => {
    const frEntry = seeded.fr.watchlist.find((entry) => entry.subject.kind === 'Person')!;
    frEntryId = frEntry.id;
    frName = personSubject(frEntry).name;
    const [deEntry] = await seeded.de.watchlist!.entriesByIds(['de-sanction-0000001']);
    deName = personSubject(deEntry).name;
    deIdNumber = personSubject(deEntry).idNumber!;
    expect(deIdNumber).toBeTruthy();
  });

  const JUNK = {
    'x-comity-roles': 'PROSECUTOR',
    'x-comity-role': 'PROSECUTOR',
    'x-forwarded-user': 'prosecutor@test',
    'x-user-roles': 'PROSECUTOR,JUDGE',
    'x-comity-caller': JSON.stringify({ sub: 'prosecutor@test', roles: ['PROSECUTOR'] }),
    'x-request-id': 'attacker-chosen-request-id',
  };

  const FORGED: { title: string; header: () => Promise<Record<string, string>> }[] = [
    { title: 'only junk identity headers', header: async () => ({}) },
    {
      title: 'a PROSECUTOR context token signed with a stranger key',
      header: async () => ({
        [CONTEXT_HEADER]: await gatewaySigner({ jwk: strangerJwk }).sign(
          PROSECUTOR_CLAIMS(),
          subgraphAudience('fr'),
        ),
      }),
    },
    {
      title: 'a PROSECUTOR context token validly signed with the real gateway key for fr',
      header: async () => ({
        [CONTEXT_HEADER]: await gatewaySigner().sign(PROSECUTOR_CLAIMS(), subgraphAudience('fr')),
      }),
    },
    {
      title: 'a PROSECUTOR context token validly signed with the real gateway key for de',
      header: async () => ({
        [CONTEXT_HEADER]: await gatewaySigner().sign(PROSECUTOR_CLAIMS(), subgraphAudience('de')),
      }),
    },
  ];

  it('the forged context tokens used below do open a subgraph directly (positive control)', async () => {
    const valid = await gatewaySigner().sign(PROSECUTOR_CLAIMS(), subgraphAudience('de'));
    const { status, body } = await postToSubgraph(
      'de',
      { query: '{ de { watchlistEntry(id: "de-sanction-0000001") { subject { name } } } }' },
      valid,
    );
    expect(status).toBe(200);
    expect(body.data.de.watchlistEntry.subject.name).toBe(deName);
  });

  it.each(FORGED)('an ANALYST with $title is still an ANALYST', async ({ header }) => {
    const headers = { ...(await fixture.headers(ANALYST)), ...JUNK, ...(await header()) };
    const { status, body } = await postGraphQL(
      fixture.federation.gatewayUrl,
      QUERY,
      { fr: frEntryId },
      headers,
    );
    expect(status).toBe(200);
    // France gives analysts nothing; Germany gives them pseudonyms and no identity number.
    expect(body.data.fr.watchlistEntry).toBeNull();
    const key = derivePseudonymKey(seeded.pseudonymSecret, 'CASE-2026-0001');
    expect(body.data.de.watchlistEntry).toEqual({
      id: 'de-sanction-0000001',
      subject: { name: pseudonym(deName, key), idNumber: null },
    });
    const errors = [...(body.errors ?? [])].sort((a, b) =>
      (a.path ?? []).join('.').localeCompare((b.path ?? []).join('.')),
    );
    expect(
      errors.map((error) => [error.path, error.extensions?.code, error.extensions?.reason]),
    ).toEqual([
      [['de', 'watchlistEntry', 'subject', 'idNumber'], 'FORBIDDEN', 'ROLE_NOT_ALLOWED'],
      [['fr', 'watchlistEntry'], 'FORBIDDEN', 'ROLE_NOT_ALLOWED'],
    ]);
    const text = JSON.stringify(body);
    for (const value of [frName, deName, deIdNumber]) expect(text).not.toContain(value);
  });
});

// ---------------------------------------------------------------------------------------
// Caller tokens at the gateway

describe('caller tokens at the gateway', () => {
  const QUERY = /* GraphQL */ `
    {
      de {
        watchlistEntries(first: 5) {
          nodes {
            id
            subject {
              name
            }
          }
        }
      }
    }
  `;
  const CLAIMS = { roles: ['PROSECUTOR'], country: 'FR', agency: 'Test agency' };

  async function callerToken(options: {
    jwk?: JWK;
    kid?: string;
    issuer?: string;
    audience?: string;
    alg?: string;
    secret?: Uint8Array;
  }): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT(CLAIMS)
      .setProtectedHeader({
        alg: options.alg ?? 'EdDSA',
        kid: options.kid ?? fixture.keys.idp.kid,
        typ: 'JWT',
      })
      .setIssuer(options.issuer ?? fixture.keys.idp.issuer)
      .setAudience(options.audience ?? fixture.keys.idp.audience)
      .setSubject('prosecutor@test')
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + 600);
    if (options.secret) return jwt.sign(options.secret);
    return jwt.sign(await importJWK(options.jwk ?? fixture.keys.idp.privateJwk, 'EdDSA'));
  }

  const publicKeyBytes = () => new TextEncoder().encode(JSON.stringify(fixture.keys.idp.publicJwk));
  const rawPublicKey = () => base64url.decode(fixture.keys.idp.publicJwk.x!);

  const BAD_CALLERS: {
    title: string;
    reason: string;
    authorization: () => Promise<string | null>;
  }[] = [
    {
      title: 'alg none',
      reason: 'ALGORITHM_NOT_ALLOWED',
      authorization: async () => {
        const [, payload] = (await callerToken({})).split('.');
        const header = base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }));
        return `Bearer ${header}.${payload}.`;
      },
    },
    {
      title: 'HS256 keyed with the IdP public JWK',
      reason: 'ALGORITHM_NOT_ALLOWED',
      authorization: async () =>
        `Bearer ${await callerToken({ alg: 'HS256', secret: publicKeyBytes() })}`,
    },
    {
      title: 'HS256 keyed with the raw IdP public key',
      reason: 'ALGORITHM_NOT_ALLOWED',
      authorization: async () =>
        `Bearer ${await callerToken({ alg: 'HS256', secret: rawPublicKey() })}`,
    },
    {
      title: 'a wrong issuer',
      reason: 'WRONG_ISSUER',
      authorization: async () =>
        `Bearer ${await callerToken({ issuer: 'https://idp.example.org/' })}`,
    },
    {
      title: 'a wrong audience',
      reason: 'WRONG_AUDIENCE',
      authorization: async () => `Bearer ${await callerToken({ audience: 'some-other-service' })}`,
    },
    {
      title: 'an expired token',
      reason: 'EXPIRED',
      authorization: async () =>
        `Bearer ${await mintDevToken(fixture.keys, {
          subject: 'prosecutor@test',
          ...CLAIMS,
          ttl: 60,
          now: Date.now() - 3_600_000,
        })}`,
    },
    {
      title: 'an unknown kid',
      reason: 'UNKNOWN_KEY',
      authorization: async () =>
        `Bearer ${await callerToken({ jwk: strangerJwk, kid: 'dev-idp-2' })}`,
    },
    {
      title: 'another key under the IdP kid',
      reason: 'BAD_SIGNATURE',
      authorization: async () => `Bearer ${await callerToken({ jwk: strangerJwk })}`,
    },
    {
      title: 'a context token the gateway signed',
      reason: 'UNKNOWN_KEY',
      authorization: async () =>
        `Bearer ${await gatewaySigner().sign(PROSECUTOR_CLAIMS(), subgraphAudience('de'))}`,
    },
    { title: 'garbage', reason: 'MALFORMED_TOKEN', authorization: async () => 'Bearer garbage' },
    {
      title: 'three garbage segments',
      reason: 'MALFORMED_TOKEN',
      authorization: async () => 'Bearer a.b.c',
    },
    {
      title: 'another scheme',
      reason: 'MALFORMED_TOKEN',
      authorization: async () => 'Basic cHJvc2VjdXRvcjpwdw==',
    },
  ];

  async function ask(authorization: string | null) {
    const headers: Record<string, string> = {
      'x-comity-purpose': 'CRIMINAL_INVESTIGATION',
      'x-comity-case-ref': 'CASE-2026-0001',
    };
    if (authorization !== null) headers.authorization = authorization;
    return postGraphQL(fixture.federation.gatewayUrl, QUERY, undefined, headers);
  }

  it.each(BAD_CALLERS)(
    'refuses $title with 401 UNAUTHENTICATED',
    async ({ authorization, reason }) => {
      const before = await servedSoFar();
      expectRefused(await ask(await authorization()), reason);
      expect(await servedSoFar()).toBe(before);
    },
  );

  // No header at all is the public (anonymousCaller): an ad-hoc query is then refused with
  // 403, never served, and never by a fallback from a token that failed (the cases above).
  it('refuses the same query with no Authorization header: the public runs public operations only', async () => {
    const before = await servedSoFar();
    const { status, body } = await ask(null);
    expect(status).toBe(403);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.map((error) => error.extensions?.reason)).toEqual([
      'PUBLIC_OPERATIONS_ONLY',
    ]);
    expect(await servedSoFar()).toBe(before);
  });

  it('serves the same query with a valid token (positive control)', async () => {
    const { status, body } = await ask(`Bearer ${await callerToken({})}`);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.de.watchlistEntries.nodes).toHaveLength(5);
    expect(leakedNames(body).length).toBeGreaterThan(0);
  });
});
