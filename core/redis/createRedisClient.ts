import { Redis } from 'ioredis';

/** How long a connection attempt may take before Redis counts as down, ms. */
export const REDIS_CONNECT_TIMEOUT_MS = 500;
/** Longest wait between reconnection attempts, ms. */
export const REDIS_MAX_RECONNECT_DELAY_MS = 2_000;

/**
 * An ioredis client that fails fast instead of queueing: no offline queue (a command while
 * disconnected fails at once), no per-command retries, a short connect timeout and a capped
 * reconnect back-off, so a Redis outage costs a request microseconds, never seconds, and
 * Redis is used again as soon as it answers.
 */
export function createRedisClient(url: string, onError?: (error: Error) => void): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: REDIS_CONNECT_TIMEOUT_MS,
    lazyConnect: false,
    retryStrategy: (attempt) =>
      Math.min(50 * 2 ** Math.min(attempt, 10), REDIS_MAX_RECONNECT_DELAY_MS),
  });
  // Without a listener ioredis reports every failed reconnect as an unhandled error.
  client.on('error', (error: Error) => onError?.(error));
  return client;
}

/** Whether the client can take a command right now. */
export const redisReady = (client: Redis | null): client is Redis => client?.status === 'ready';
