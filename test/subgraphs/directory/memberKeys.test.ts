import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevKeys } from '../../../core/auth/devKeys.js';
import { createMemberKeysSource, memberKeysUrl } from '../../../subgraphs/directory/memberKeys.js';
import { jurisdictionAuditKey } from '../../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { memberKeysDocument } from '../../../subgraphs/kit/keys/memberKeysRoutes.js';

// The directory's fetch of a member's keys document, against a real HTTP server whose answer
// each test sets.
let dir: string;
let server: http.Server;
let base: string;
let answer: { status: number; body: string };
let hits = 0;
let good: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'comity-directory-keys-'));
  await ensureDevKeys(dir);
  good = JSON.stringify(
    await memberKeysDocument('FR', await jurisdictionAuditKey('fr', dir), { COMITY_KEYS_DIR: dir }),
  );
  server = http.createServer((_request, response) => {
    hits += 1;
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

const failure = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    const { extensions, message } = error as {
      extensions: Record<string, unknown>;
      message: string;
    };
    return { ...extensions, message };
  }
  return null;
};

describe('the directory’s copy of a member’s keys', () => {
  it('is fetched once per TTL; a failure is not kept, so a member that starts publishing is seen', async () => {
    let clock = 0;
    const keys = createMemberKeysSource({
      urlOf: () => `${base}/keys`,
      ttlMs: 1_000,
      now: () => clock,
    });
    answer = { status: 404, body: '{}' };
    hits = 0;
    expect(await failure(() => keys('FR'))).toEqual({
      code: 'NOT_FOUND',
      reason: 'KEYS_NOT_PUBLISHED',
      jurisdiction: 'FR',
      message: 'FR publishes no keys (KEYS_NOT_PUBLISHED)',
    });
    answer = { status: 200, body: good };
    expect((await keys('FR')).member).toBe('FR');
    expect((await keys('fr')).member).toBe('FR');
    expect(hits).toBe(2);
    clock = 1_001;
    await keys('FR');
    expect(hits).toBe(3);
  });

  it('refuses another member’s document, private material and a non-document, naming no URL', async () => {
    const keys = createMemberKeysSource({ urlOf: () => `${base}/keys`, ttlMs: 0 });
    answer = { status: 200, body: good };
    expect(await failure(() => keys('DE'))).toMatchObject({ reason: 'WRONG_MEMBER' });
    const leaky = JSON.parse(good);
    leaky.secretExchange.jwk.d = 'AAAA';
    answer = { status: 200, body: JSON.stringify(leaky) };
    expect(await failure(() => keys('FR'))).toMatchObject({ reason: 'PRIVATE_KEY_PUBLISHED' });
    answer = { status: 200, body: 'not json' };
    expect(await failure(() => keys('FR'))).toMatchObject({ reason: 'KEYS_INVALID' });
    answer = { status: 500, body: '{}' };
    const unavailable = await failure(() => keys('FR'));
    expect(unavailable).toMatchObject({ reason: 'KEYS_UNREACHABLE' });
    expect(String(unavailable?.message)).not.toContain('127.0.0.1');
    const closed = createMemberKeysSource({ urlOf: () => 'http://127.0.0.1:1/keys' });
    expect(await failure(() => closed('FR'))).toEqual({
      code: 'NOT_FOUND',
      reason: 'KEYS_UNREACHABLE',
      jurisdiction: 'FR',
      message: 'FR did not answer for its keys (KEYS_UNREACHABLE)',
    });
  });

  it('looks where the member says, else on its subgraph’s origin', () => {
    expect(
      memberKeysUrl('fr', { COMITY_MEMBER_KEYS_URL_FR: 'https://keys.example.fr/comity.json' }),
    ).toBe('https://keys.example.fr/comity.json');
    expect(memberKeysUrl('de', { COMITY_SUBGRAPH_URL_DE: 'http://de:4102/graphql' })).toBe(
      'http://de:4102/.well-known/comity-keys.json',
    );
    expect(memberKeysUrl('sg', {})).toBe('http://127.0.0.1:4103/.well-known/comity-keys.json');
  });
});
