import { startPausableProxy } from '../../support/pausableProxy.js';
import type { PausableProxy } from '../../support/pausableProxy.js';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisClient } from '../../../core/redis/createRedisClient.js';
import { createRateLimiter } from '../../../gateway/rateLimit/createRateLimiter.js';
import type { RateCounter, RateLimiter } from '../../../gateway/rateLimit/createRateLimiter.js';
import {
  createRedisServer,
  eventually,
  haveRedisServer,
  rateLimitKey,
} from '../createRedisServer.js';
import type { RedisServer } from '../createRedisServer.js';

describe('createRateLimiter without Redis', () => {
  const limits = { windowMs: 60_000, perSubject: 2, perAgency: 3, localFraction: 0.25 };

  it('applies the full limits in process and says when to retry', async () => {
    const limiter = createRateLimiter(limits, null, 'unused:');
    expect(limiter.state).toBe('local');
    const decisions = [];
    for (let i = 0; i < 3; i += 1) decisions.push(await limiter.take('busy@test', 'Agency A'));
    expect(decisions.slice(0, 2)).toEqual([
      { allowed: true, counter: 'local' },
      { allowed: true, counter: 'local' },
    ]);
    expect(decisions[2]).toMatchObject({ allowed: false, counter: 'local' });
    const { retryAfterMs } = decisions[2] as { retryAfterMs: number };
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('does not charge a subject for a request its agency refused', async () => {
    const limiter = createRateLimiter(limits, null, 'unused:');
    for (const subject of ['a', 'b', 'c'])
      expect((await limiter.take(subject, 'Agency X')).allowed).toBe(true);
    expect((await limiter.take('d', 'Agency X')).allowed).toBe(false);
    // d still has both of its requests, in an agency with room.
    const elsewhere = [];
    for (let i = 0; i < 3; i += 1) elsewhere.push((await limiter.take('d', 'Agency Y')).allowed);
    expect(elsewhere).toEqual([true, true, false]);
  });
});

// A redis-server of this test's own behind the proxy; 8 requests per subject and window
// through Redis, 2 (a quarter) in process.
const PREFIX = `comity-test-${process.pid}-hung:`;
const RETRY_AFTER_MS = 3_000;

describe.skipIf(!haveRedisServer)('createRateLimiter over a Redis that stops answering', () => {
  let redis: RedisServer;
  let proxy: PausableProxy;
  let client: Redis;
  let limiter: RateLimiter;
  const changes: RateCounter[] = [];

  beforeAll(async () => {
    redis = await createRedisServer();
    await redis.start();
    proxy = await startPausableProxy(redis.port);
    // The client's background retry comes seconds later: nothing reaches the paused Redis
    // unasked while the decisions below are made.
    client = createRedisClient(proxy.url, { retryAfterMs: RETRY_AFTER_MS });
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
    limiter = createRateLimiter(
      { windowMs: 60_000, perSubject: 8, perAgency: 1_000, localFraction: 0.25 },
      client,
      PREFIX,
      { onStateChange: (state) => changes.push(state) },
    );
  });

  afterAll(async () => {
    client?.disconnect();
    await proxy?.close();
    await redis?.close();
  });

  it('counts in Redis under the deployment prefix while Redis answers', async () => {
    expect(await limiter.take('answered@test', 'Agency A')).toEqual({
      allowed: true,
      counter: 'redis',
    });
    expect(limiter.state).toBe('redis');
    expect(await redis.probe.get(rateLimitKey(PREFIX, 'subject', 'answered@test'))).toBe('1');
  });

  it('decides in process, without asking Redis, once Redis has timed out repeatedly', async () => {
    proxy.pause();
    // Each of these waits out the client's command timeout, then the insurance answers.
    for (let i = 0; i < 10 && limiter.state === 'redis'; i += 1) {
      expect(await limiter.take(`hung-${i}@test`, 'Agency A')).toEqual({
        allowed: true,
        counter: 'local',
      });
    }
    expect(limiter.state).toBe('local');
    expect(changes).toEqual(['local']);

    const sent = proxy.bytesFromClients;
    const decisions = [];
    for (let i = 0; i < 3; i += 1) decisions.push(await limiter.take('strict@test', 'Agency A'));
    expect(decisions.map((d) => [d.allowed, d.counter])).toEqual([
      [true, 'local'],
      [true, 'local'],
      [false, 'local'],
    ]);
    // Nothing was sent to Redis for them, and the move was reported once.
    expect(proxy.bytesFromClients).toBe(sent);
    expect(changes).toEqual(['local']);
  });

  it('goes back to Redis once the client finds it answering again', async () => {
    proxy.resume();
    // The client's background PING is what brings Redis back.
    expect(
      await eventually(
        async () => (await limiter.take('back@test', 'Agency A')).counter === 'redis',
      ),
    ).toBe(true);
    expect(limiter.state).toBe('redis');
    expect(changes).toEqual(['local', 'redis']);
  });
});
