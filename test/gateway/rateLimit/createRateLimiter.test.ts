import net from 'node:net';
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

/**
 * A TCP proxy that can stop forwarding what clients send (held, not dropped, and sent on when
 * it resumes): a Redis that keeps its connections open and does not answer.
 */
interface PausableProxy {
  url: string;
  /** Bytes the clients have sent through the proxy, forwarded or held. */
  readonly bytesFromClients: number;
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

async function startPausableProxy(targetPort: number): Promise<PausableProxy> {
  let paused = false;
  let bytesFromClients = 0;
  const flushes = new Set<() => void>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    const held: Buffer[] = [];
    const flush = () => {
      for (const chunk of held.splice(0)) upstream.write(chunk);
    };
    flushes.add(flush);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        flushes.delete(flush);
        client.destroy();
        upstream.destroy();
        sockets.delete(socket);
      });
    }
    client.on('data', (chunk: Buffer) => {
      bytesFromClients += chunk.length;
      if (paused) held.push(chunk);
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    get bytesFromClients() {
      return bytesFromClients;
    },
    pause() {
      paused = true;
    },
    resume() {
      paused = false;
      for (const flush of flushes) flush();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// A redis-server of this test's own behind the proxy; 8 requests per subject and window
// through Redis, 2 (a quarter) in process.
const PREFIX = `comity-test-${process.pid}-hung:`;
const COOLDOWN_MS = 60_000;

describe.skipIf(!haveRedisServer)('createRateLimiter over a Redis that stops answering', () => {
  let redis: RedisServer;
  let proxy: PausableProxy;
  let client: Redis;
  let limiter: RateLimiter;
  const changes: RateCounter[] = [];
  // The breaker's clock, moved by hand: nothing below depends on how long Redis takes.
  let clock = Date.now();

  beforeAll(async () => {
    redis = await createRedisServer();
    await redis.start();
    proxy = await startPausableProxy(redis.port);
    client = createRedisClient(proxy.url);
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
    limiter = createRateLimiter(
      { windowMs: 60_000, perSubject: 8, perAgency: 1_000, localFraction: 0.25 },
      client,
      PREFIX,
      {
        onStateChange: (state) => changes.push(state),
        breakerCooldownMs: COOLDOWN_MS,
        now: () => clock,
      },
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

    // Past the cool-down one request probes Redis; it times out too and the limiter stays local.
    clock += COOLDOWN_MS + 1;
    expect(await limiter.take('probe@test', 'Agency A')).toMatchObject({ counter: 'local' });
    expect(proxy.bytesFromClients).toBeGreaterThan(sent);
    expect(limiter.state).toBe('local');
    expect(changes).toEqual(['local']);
  });

  it('goes back to Redis after the cool-down once Redis answers again', async () => {
    proxy.resume();
    expect(
      await eventually(async () => {
        clock += COOLDOWN_MS + 1;
        return (await limiter.take('back@test', 'Agency A')).counter === 'redis';
      }),
    ).toBe(true);
    expect(limiter.state).toBe('redis');
    expect(changes).toEqual(['local', 'redis']);
  });
});
