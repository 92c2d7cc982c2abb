import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Redis } from 'ioredis';
import { sendJson } from '../core/http/createHttpHandler.js';
import { redisReady } from '../core/redis/createRedisClient.js';
import { createReadinessCheck } from './health/checkReadiness.js';
import type { ReadinessSources } from './health/checkReadiness.js';
import type { GatewayMetrics } from './metrics/createGatewayMetrics.js';

type Route = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

/**
 * The gateway's routes outside GraphQL, answered without a caller's token: /health (up, and
 * Redis's state), /ready (what a load balancer routes by) and /metrics.
 */
export function createPlainRoutes(
  redis: Redis | null,
  metrics: GatewayMetrics,
  readiness: ReadinessSources,
): Record<string, Route> {
  const checkReady = createReadinessCheck(readiness);
  return {
    '/health': async (_request, response) =>
      sendJson(response, 200, {
        status: 'ok',
        redis: redis ? (redisReady(redis) ? 'available' : 'unavailable') : 'not configured',
      }),
    '/ready': async (_request, response) => {
      const readiness = await checkReady();
      sendJson(response, readiness.ready ? 200 : 503, readiness);
    },
    '/metrics': async (_request, response) => {
      const text = await metrics.registry.metrics();
      response.writeHead(200, { 'content-type': metrics.registry.contentType });
      response.end(text);
    },
  };
}
