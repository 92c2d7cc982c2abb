import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  RedisNotAnsweringError,
  createRedisClient,
  redisReady,
} from '../../../core/redis/createRedisClient.js';
import { createRedisServer, eventually, haveRedisServer } from '../../gateway/createRedisServer.js';
import type { RedisServer } from '../../gateway/createRedisServer.js';
import { startPausableProxy } from '../../support/pausableProxy.js';
import type { PausableProxy } from '../../support/pausableProxy.js';

// A Redis that keeps the connection open and stops answering: the client must stop waiting
// out a timeout per command, say so once, and use Redis again once it answers.
describe.skipIf(!haveRedisServer)('createRedisClient over a Redis that stops answering', () => {
  let server: RedisServer;
  let proxy: PausableProxy;
  let client: Redis;
  const changes: boolean[] = [];

  beforeAll(async () => {
    server = await createRedisServer();
    await server.start();
    proxy = await startPausableProxy(server.port);
    client = createRedisClient(proxy.url, {
      timeoutsBeforeUnavailable: 3,
      retryAfterMs: 100,
      onAvailabilityChange: (available) => changes.push(available),
    });
  });

  afterAll(async () => {
    client?.disconnect();
    await proxy?.close();
    await server?.close();
  });

  it('reports Redis available once connected', async () => {
    expect(await eventually(async () => redisReady(client))).toBe(true);
    expect(await client.set('k', 'v')).toBe('OK');
    expect(changes).toEqual([true]);
  });

  it('marks a hung Redis unavailable after a few timeouts, and fails fast from then on', async () => {
    proxy.pause();
    for (let i = 0; i < 3; i += 1) {
      await expect(client.get('k')).rejects.toThrow('Command timed out');
    }
    expect(redisReady(client)).toBe(false);
    expect(client.status).toBe('ready'); // the connection itself is still up
    expect(changes).toEqual([true, false]);
    await expect(client.get('k')).rejects.toBeInstanceOf(RedisNotAnsweringError);
    await expect(client.set('k', 'w')).rejects.toBeInstanceOf(RedisNotAnsweringError);
    expect(changes).toEqual([true, false]);
  });

  it('lets a reconnect check a hung Redis, and takes it back when the check passes', async () => {
    const changesOfSecond: boolean[] = [];
    // No background retry within the test: only the reconnect's own ready check can help.
    const second = createRedisClient(proxy.url, {
      timeoutsBeforeUnavailable: 1,
      retryAfterMs: 600_000,
      onAvailabilityChange: (available) => changesOfSecond.push(available),
    });
    try {
      proxy.resume();
      expect(await eventually(async () => redisReady(second))).toBe(true);
      proxy.pause();
      await expect(second.get('k')).rejects.toThrow('Command timed out');
      expect(redisReady(second)).toBe(false);
      proxy.resume();
      second.disconnect(true);
      expect(await eventually(async () => redisReady(second))).toBe(true);
      expect(changesOfSecond).toEqual([true, false, true]);
    } finally {
      second.disconnect();
      proxy.pause();
    }
  });

  it('tries again in the background and takes Redis back once it answers', async () => {
    proxy.resume();
    expect(await eventually(async () => redisReady(client))).toBe(true);
    expect(changes).toEqual([true, false, true]);
    expect(await client.get('k')).toBe('v');
  });
});
