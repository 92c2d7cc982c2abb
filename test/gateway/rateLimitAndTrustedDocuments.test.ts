import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../core/federationConfig.js';
import { startFakeSubgraph, startInProcessGateway } from './inProcessGateway.js';
import type { FakeSubgraph, InProcessGateway } from './inProcessGateway.js';

const manifest = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'gateway', 'persisted-operations.json'), 'utf8'),
) as { operations: { id: string; name: string; body: string }[] };
const members = manifest.operations.find((op) => op.name === 'Members')!;

let fake: FakeSubgraph;
let production: InProcessGateway;
let limited: InProcessGateway;

beforeAll(async () => {
  fake = await startFakeSubgraph();
  fake.respond = () => ({ body: { data: { members: [] } } });
  production = await startInProcessGateway({ NODE_ENV: 'production' }, fake.url);
  limited = await startInProcessGateway(
    { COMITY_RATE_LIMIT_PER_SUBJECT: '3', COMITY_RATE_LIMIT_PER_AGENCY: '5' },
    fake.url,
  );
});

afterAll(async () => {
  await production?.stop();
  await limited?.stop();
  await fake?.close();
});

const persisted = (id: string) => ({
  extensions: { persistedQuery: { version: 1, sha256Hash: id } },
});

describe('trusted documents in production', () => {
  it('lets an ANALYST run a manifest operation by its sha256 id', async () => {
    const before = fake.received.length;
    const { status, json } = await production.post(persisted(members.id), { role: 'ANALYST' });
    expect(status).toBe(200);
    expect(json.errors).toBeUndefined();
    expect(fake.received.length).toBe(before + 1);
  });

  it('refuses an ANALYST an ad-hoc operation, before any subgraph call and without storing it', async () => {
    const before = fake.received.length;
    const query = '{ members { code name } }';
    const { status, json } = await production.post({ query }, { role: 'ANALYST' });
    expect(status).toBe(403);
    expect(json.errors[0].extensions).toEqual({
      code: 'FORBIDDEN',
      reason: 'TRUSTED_DOCUMENTS_ONLY',
    });
    expect(fake.received.length).toBe(before);
    const { createHash } = await import('node:crypto');
    const id = createHash('sha256').update(query).digest('hex');
    const registered = await production.post({ query, ...persisted(id) }, { role: 'ANALYST' });
    expect(registered.status).toBe(403);
    const lookup = await production.post(persisted(id), { role: 'INVESTIGATOR' });
    expect(lookup.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('lets an INVESTIGATOR run ad-hoc operations and register them as APQs', async () => {
    const { createHash } = await import('node:crypto');
    const query = '{ members { code } }';
    const id = createHash('sha256').update(query).digest('hex');
    const missing = await production.post(persisted(id), { role: 'INVESTIGATOR' });
    expect(missing.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await production.post({ query, ...persisted(id) }, { role: 'INVESTIGATOR' });
    expect(registered.status).toBe(200);
    const hit = await production.post(persisted(id), { role: 'INVESTIGATOR' });
    expect(hit.status).toBe(200);
    expect(hit.json.errors).toBeUndefined();
  });
});

describe('rate limiting without Redis', () => {
  it('refuses a subject past its window with 429 RATE_LIMITED and Retry-After', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<InProcessGateway['post']>> | undefined;
    for (let i = 0; i < 4; i += 1) {
      last = await limited.post(
        { query: '{ __typename }' },
        { subject: 'busy@test', agency: 'Agency A' },
      );
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last!.json.errors[0].extensions).toEqual({ code: 'RATE_LIMITED' });
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another subject of another agency is not affected.
    const other = await limited.post(
      { query: '{ __typename }' },
      { subject: 'calm@test', agency: 'Agency B' },
    );
    expect(other.status).toBe(200);
  });

  it('refuses an agency past its window whichever of its subjects asks', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) {
      const { status } = await limited.post(
        { query: '{ __typename }' },
        { subject: `officer-${i}@test`, agency: 'Agency C' },
      );
      statuses.push(status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
