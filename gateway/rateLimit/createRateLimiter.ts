import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisReady } from '../../core/redis/createRedisClient.js';
import { SlidingWindowCounter } from './SlidingWindowCounter.js';
import type { RateDecision } from './SlidingWindowCounter.js';

export interface RateLimitOptions {
  /** Window length, ms. `COMITY_RATE_LIMIT_WINDOW_MS`, default 60000. */
  windowMs: number;
  /** Requests per window per subject (`sub`). `COMITY_RATE_LIMIT_PER_SUBJECT`, default 600. */
  perSubject: number;
  /** Requests per window per agency. `COMITY_RATE_LIMIT_PER_AGENCY`, default 3000. */
  perAgency: number;
  /**
   * Share of each limit a gateway allows on its own while Redis is down (each instance then
   * sees only its part of the traffic). `COMITY_RATE_LIMIT_LOCAL_FRACTION`, default 0.25.
   */
  localFraction: number;
}

export const DEFAULT_RATE_LIMIT_WINDOW_MS = 60_000;
export const DEFAULT_RATE_LIMIT_PER_SUBJECT = 600;
export const DEFAULT_RATE_LIMIT_PER_AGENCY = 3_000;
export const DEFAULT_RATE_LIMIT_LOCAL_FRACTION = 0.25;

export interface RateLimiter {
  /** Counts one request of this caller; refuses it when either window is full. */
  take(subject: string, agency: string): Promise<RateDecision & { counter: 'redis' | 'local' }>;
}

/**
 * Sliding-window log in sorted sets, atomically over every key: drop entries older than the
 * window, refuse if any key is full (and say when its oldest counted entry leaves), otherwise
 * add this request to all. Redis's own clock, so gateways with skewed clocks agree.
 */
const SLIDING_WINDOW_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
local retry = 0
for i, key in ipairs(KEYS) do
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
  local limit = tonumber(ARGV[2 + i])
  if redis.call('ZCARD', key) >= limit then
    local oldest = redis.call('ZRANGE', key, -limit, -limit, 'WITHSCORES')
    local wait = tonumber(oldest[2]) + window - now
    if wait > retry then retry = wait end
  end
end
if retry == 0 then
  for _, key in ipairs(KEYS) do
    redis.call('ZADD', key, now, ARGV[2])
    redis.call('PEXPIRE', key, window)
  end
end
return retry
`;

/**
 * Rate limits per subject and per agency, shared by every gateway through Redis; while Redis
 * cannot answer, each gateway falls back to stricter in-process windows and goes back to
 * Redis as soon as the client reconnects.
 */
export function createRateLimiter(
  options: RateLimitOptions,
  redis: Redis | null,
  keyPrefix: string,
): RateLimiter {
  const local = new SlidingWindowCounter(options.windowMs);
  // Without Redis configured this gateway is the only counter and applies the full limits;
  // with Redis configured but unreachable it applies its fraction.
  const localLimit = (limit: number) =>
    redis === null ? limit : Math.max(1, Math.floor(limit * options.localFraction));
  const key = (kind: string, id: string) =>
    `${keyPrefix}ratelimit:${kind}:${encodeURIComponent(id)}`;
  return {
    async take(subject, agency) {
      if (redisReady(redis)) {
        try {
          const retryAfterMs = (await redis.eval(
            SLIDING_WINDOW_SCRIPT,
            2,
            key('subject', subject),
            key('agency', agency),
            options.windowMs,
            `${Date.now()}:${randomUUID()}`,
            options.perSubject,
            options.perAgency,
          )) as number;
          return retryAfterMs > 0
            ? { allowed: false, retryAfterMs, counter: 'redis' }
            : { allowed: true, counter: 'redis' };
        } catch {
          // Redis failed mid-command: count locally, like an outage.
        }
      }
      const decision = local.take([
        { key: `subject:${subject}`, limit: localLimit(options.perSubject) },
        { key: `agency:${agency}`, limit: localLimit(options.perAgency) },
      ]);
      return { ...decision, counter: 'local' };
    },
  };
}
