import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCounter } from '../support/graphqlClient.js';
import {
  createRedisServer,
  eventually,
  haveRedisServer,
  rateLimitKey,
} from './createRedisServer.js';
import type { RedisServer } from './createRedisServer.js';
import { startFakeSubgraph, startInProcessGateway } from './inProcessGateway.js';
import type { FakeSubgraph, InProcessGateway } from './inProcessGateway.js';

// A redis-server of this test's own, really stopped and started again; the shared instance is
// never touched. 8 requests per subject and window through Redis, 2 (a quarter) without it.
const PREFIX = `comity-test-${process.pid}:`;
const PER_SUBJECT = 8;

let redis: RedisServer;
let fake: FakeSubgraph;
let gateway: InProcessGateway;

const ask = (subject: string) => gateway.post({ query: '{ __typename }' }, { subject });
/** Sends one request as `subject` and says whether Redis counted it. */
const countedInRedis = async (subject: string) => {
  await ask(subject);
  return (await redis.probe.exists(rateLimitKey(PREFIX, 'subject', subject)).catch(() => 0)) === 1;
};

describe.skipIf(!haveRedisServer)('Redis outage at the gateway', () => {
  beforeAll(async () => {
    redis = await createRedisServer();
    await redis.start();
    fake = await startFakeSubgraph();
    gateway = await startInProcessGateway(
      {
        REDIS_URL: redis.url,
        COMITY_REDIS_PREFIX: PREFIX,
        COMITY_RATE_LIMIT_PER_SUBJECT: String(PER_SUBJECT),
      },
      fake.url,
    );
    // Wait until the gateway's client is connected.
    expect(await eventually(() => countedInRedis('warm-up@test'))).toBe(true);
  });

  afterAll(async () => {
    await gateway?.stop();
    await fake?.close();
    await redis?.close();
  });

  it('counts rate-limit windows in Redis under the deployment prefix, with the full budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await ask('redis-user@test')).status);
    expect(statuses).toEqual([200, 200, 200]);
    expect(await redis.probe.get(rateLimitKey(PREFIX, 'subject', 'redis-user@test'))).toBe('3');
  });

  it('stores automatically persisted queries in Redis under the deployment prefix', async () => {
    const query = 'query RedisStored { __typename }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const persistedQuery = { version: 1, sha256Hash };
    const missing = await gateway.post({ extensions: { persistedQuery } });
    expect(missing.json.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await gateway.post({ query, extensions: { persistedQuery } });
    expect(registered.status).toBe(200);
    expect(await redis.probe.get(`${PREFIX}apq:${sha256Hash}`)).toBe(query);
    expect(await redis.probe.ttl(`${PREFIX}apq:${sha256Hash}`)).toBeGreaterThan(0);
  });

  it('keeps answering while Redis is down, with the stricter local limit, and uses Redis again when it returns', async () => {
    await redis.stop();
    const started = Date.now();
    for (let i = 0; i < 5; i += 1) {
      const { status, json } = await ask(`outage-${i}@test`);
      expect(status).toBe(200);
      expect(json.data.__typename).toBe('Query');
    }
    expect(Date.now() - started).toBeLessThan(3_000);

    const refusedLocally = await readCounter(gateway.baseUrl, 'comity_gateway_rate_limited_total', {
      counter: 'local',
    });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<InProcessGateway['post']>> | undefined;
    for (let i = 0; i < 3; i += 1) {
      last = await ask('strict@test');
      statuses.push(last.status);
    }
    // A quarter of the 8 that Redis allows: this gateway may be one of several.
    expect(statuses).toEqual([200, 200, 429]);
    expect(last!.json.errors[0].extensions).toEqual({ code: 'RATE_LIMITED' });
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(
      await readCounter(gateway.baseUrl, 'comity_gateway_rate_limited_total', {
        counter: 'local',
      }),
    ).toBe(refusedLocally + 1);

    await redis.start();
    expect(await eventually(() => countedInRedis('after-outage@test'))).toBe(true);
  });
});
