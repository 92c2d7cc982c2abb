import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { createRedisClient } from '../../core/redis/createRedisClient.js';
import type { GatewayMetrics } from '../metrics/createGatewayMetrics.js';

/**
 * The gateway's Redis client, or null when none is configured; its availability is shown as
 * a gauge and logged once each way.
 */
export function createGatewayRedis(
  redisUrl: string | null,
  logger: Logger,
  metrics: GatewayMetrics,
): Redis | null {
  if (!redisUrl) return null;
  // One line per change, not one per reconnect attempt or timeout; the URL is never logged.
  return createRedisClient(redisUrl, {
    onAvailabilityChange: (available) => {
      metrics.redisAvailable.set(available ? 1 : 0);
      if (available) logger.info('redis available');
      else logger.warn('redis unavailable or not answering: local fallbacks in use');
    },
  });
}
