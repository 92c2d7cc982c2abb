import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRedisServer,
  eventually,
  haveRedisServer,
  rateLimitKey,
} from './createRedisServer.js';
import type { RedisServer } from './createRedisServer.js';
import { startFakeSubgraph, startInProcessGateway } from './inProcessGateway.js';
import type { FakeSubgraph, InProcessGateway } from './inProcessGateway.js';

// The gateway starts with REDIS_URL pointing at a redis-server of this test's own that is not
// running yet: it must serve at once on its local fallbacks, then move to Redis when it starts.
const PREFIX = `comity-test-${process.pid}-late:`;

let redis: RedisServer;
let fake: FakeSubgraph;
let gateway: InProcessGateway;

const ask = (subject: string) => gateway.post({ query: '{ __typename }' }, { subject });
const statusesOf = async (subject: string, count: number) => {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await ask(subject)).status);
  return statuses;
};
const persisted = (query: string) => ({
  version: 1,
  sha256Hash: createHash('sha256').update(query).digest('hex'),
});

describe.skipIf(!haveRedisServer)('Redis down when the gateway starts', () => {
  beforeAll(async () => {
    redis = await createRedisServer();
    fake = await startFakeSubgraph();
    gateway = await startInProcessGateway(
      { REDIS_URL: redis.url, COMITY_REDIS_PREFIX: PREFIX, COMITY_RATE_LIMIT_PER_SUBJECT: '8' },
      fake.url,
    );
  });

  afterAll(async () => {
    await gateway?.stop();
    await fake?.close();
    await redis?.close();
  });

  it('answers without Redis, under the stricter local limit, with APQ in process', async () => {
    const { status, json } = await ask('early@test');
    expect(status).toBe(200);
    expect(json.data).toEqual({ __typename: 'Query' });
    // A quarter of the 8 per subject that Redis would allow.
    expect(await statusesOf('strict@test', 3)).toEqual([200, 200, 429]);

    const query = 'query EarlyApq { __typename }';
    const registered = await gateway.post({
      query,
      extensions: { persistedQuery: persisted(query) },
    });
    expect(registered.status).toBe(200);
    const hit = await gateway.post({ extensions: { persistedQuery: persisted(query) } });
    expect(hit.json).toEqual({ data: { __typename: 'Query' } });
  });

  it('uses Redis, with the full budget, once it comes up', async () => {
    await redis.start();
    expect(
      await eventually(async () => {
        await ask('late@test');
        return (await redis.probe.exists(rateLimitKey(PREFIX, 'subject', 'late@test'))) === 1;
      }),
    ).toBe(true);
    expect(await statusesOf('resumed@test', 4)).toEqual([200, 200, 200, 200]);
    expect(await redis.probe.get(rateLimitKey(PREFIX, 'subject', 'resumed@test'))).toBe('4');

    const query = 'query LateApq { __typename }';
    const { sha256Hash } = persisted(query);
    await gateway.post({ query, extensions: { persistedQuery: persisted(query) } });
    expect(await redis.probe.get(`${PREFIX}apq:${sha256Hash}`)).toBe(query);
  });
});
