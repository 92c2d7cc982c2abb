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

// Two gateways of one deployment on one redis-server of this test's own. Each alone would admit
// 4 requests of a subject per window (1 with Redis down); only a count kept in Redis can refuse
// the fifth request of a subject spread over both.
const PREFIX = `comity-test-${process.pid}-shared:`;
const PER_SUBJECT = 4;
const WINDOW_MS = 60_000;

let redis: RedisServer;
let fake: FakeSubgraph;
let first: InProcessGateway;
let second: InProcessGateway;

const ask = (gateway: InProcessGateway, subject: string) =>
  gateway.post({ query: '{ __typename }' }, { subject });

describe.skipIf(!haveRedisServer)('gateways sharing one Redis', () => {
  beforeAll(async () => {
    redis = await createRedisServer();
    await redis.start();
    fake = await startFakeSubgraph();
    const env = {
      REDIS_URL: redis.url,
      COMITY_REDIS_PREFIX: PREFIX,
      COMITY_RATE_LIMIT_PER_SUBJECT: String(PER_SUBJECT),
      COMITY_RATE_LIMIT_WINDOW_MS: String(WINDOW_MS),
    };
    first = await startInProcessGateway(env, fake.url);
    second = await startInProcessGateway(env, fake.url);
    // Wait until both gateways' clients are connected.
    for (const [gateway, subject] of [
      [first, 'warm-up-1@test'],
      [second, 'warm-up-2@test'],
    ] as const) {
      expect(
        await eventually(async () => {
          await ask(gateway, subject);
          return (await redis.probe.exists(rateLimitKey(PREFIX, 'subject', subject))) === 1;
        }),
      ).toBe(true);
    }
  });

  afterAll(async () => {
    await first?.stop();
    await second?.stop();
    await fake?.close();
    await redis?.close();
  });

  it('share one budget per subject, refused with RATE_LIMITED and a Retry-After from the Redis window', async () => {
    const subject = 'shared@test';
    const before = await readCounter(first.baseUrl, 'comity_gateway_rate_limited_total', {
      counter: 'redis',
    });
    const statuses: number[] = [];
    let last: Awaited<ReturnType<InProcessGateway['post']>> | undefined;
    for (let i = 0; i < PER_SUBJECT + 1; i += 1) {
      last = await ask(i % 2 === 0 ? first : second, subject);
      statuses.push(last.status);
    }
    // Requests 1, 3, 5 went to the first gateway, 2 and 4 to the second.
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect(last!.json.errors[0].extensions).toEqual({ code: 'RATE_LIMITED' });
    const retryAfter = Number(last!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MS / 1000);
    // One count for both gateways; the refused request is counted too (past the limit that
    // changes nothing until the window ends).
    expect(await redis.probe.get(rateLimitKey(PREFIX, 'subject', subject))).toBe(
      String(PER_SUBJECT + 1),
    );
    expect(
      await readCounter(first.baseUrl, 'comity_gateway_rate_limited_total', { counter: 'redis' }),
    ).toBe(before + 1);
    // The other gateway refuses the same subject too: the window is Redis's, not its own.
    expect((await ask(second, subject)).status).toBe(429);
  });

  it('store an automatically persisted query in Redis, where the other gateway finds it', async () => {
    const query = 'query SharedApq { __typename }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const persistedQuery = { version: 1, sha256Hash };
    const registered = await first.post({ query, extensions: { persistedQuery } });
    expect(registered.status).toBe(200);
    expect(await redis.probe.get(`${PREFIX}apq:${sha256Hash}`)).toBe(query);
    const hit = await second.post({ extensions: { persistedQuery } });
    expect(hit.json).toEqual({ data: { __typename: 'Query' } });
  });
});
