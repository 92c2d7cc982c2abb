import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { redisReady } from '../../core/redis/createRedisClient.js';

export interface RateLimitOptions {
  /**
   * Window length, ms, counted in whole seconds (rounded up). `COMITY_RATE_LIMIT_WINDOW_MS`,
   * default 60000.
   */
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

/** A decision of the rate limiter: allowed, or refused with how long to wait. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/** Where decisions are counted: in Redis, shared by every gateway, or in this process. */
export type RateCounter = 'redis' | 'local';

export interface RateLimiter {
  /** Counts one request of this caller; refuses it when the subject's or agency's window is full. */
  take(subject: string, agency: string): Promise<RateDecision & { counter: RateCounter }>;
  /**
   * `local` while requests are decided in-process without asking Redis: none configured, or
   * the client says it is not usable (down, or connected but not answering).
   */
  readonly state: RateCounter;
}

export interface RateLimiterRuntime {
  /** Called once on each move to the local counters and back to Redis. */
  onStateChange?: (state: RateCounter) => void;
}

/**
 * The in-process counter, used as the Redis limiter's insurance and directly while Redis is
 * skipped; it remembers the answers it gave so that a decision says where it was made.
 */
class LocalCounter extends RateLimiterMemory {
  readonly answered = new WeakSet<RateLimiterRes>();

  override consume(
    key: string | number,
    points?: number,
    options?: { [key: string]: unknown },
  ): Promise<RateLimiterRes> {
    return super.consume(key, points, options).then(
      (res) => {
        this.answered.add(res);
        return res;
      },
      (refusal: unknown) => {
        if (refusal instanceof RateLimiterRes) this.answered.add(refusal);
        throw refusal;
      },
    );
  }
}

interface Dimension {
  local: LocalCounter;
  /** Null without Redis configured. */
  shared: RateLimiterRedis | null;
}

/**
 * Rate limits per subject and per agency with rate-limiter-flexible, counted in Redis under
 * the deployment's prefix and shared by every gateway. On a Redis error the library's
 * insurance answers from stricter in-process counters; while the client says Redis is not
 * usable (down, or hung: createRedisClient's breaker) the limiter does not ask it at all.
 */
export function createRateLimiter(
  options: RateLimitOptions,
  redis: Redis | null,
  keyPrefix: string,
  runtime: RateLimiterRuntime = {},
): RateLimiter {
  // A fixed window from each key's first request, not a sliding one: a caller may pass up to
  // twice its limit across a window boundary, which flood protection tolerates.
  const duration = Math.max(1, Math.ceil(options.windowMs / 1000));
  // Without Redis configured this gateway is the only counter and applies the full limits;
  // with Redis configured but unreachable it applies its fraction.
  const localLimit = (limit: number) =>
    redis === null ? limit : Math.max(1, Math.floor(limit * options.localFraction));
  const dimension = (kind: string, limit: number): Dimension => {
    const local = new LocalCounter({ keyPrefix: kind, points: localLimit(limit), duration });
    const shared =
      redis &&
      new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${keyPrefix}ratelimit:${kind}`,
        points: limit,
        duration,
        // While the client is not connected, go to the insurance at once rather than fail.
        rejectIfRedisNotReady: true,
        insuranceLimiter: local,
      });
    return { local, shared };
  };
  const dimensions = [
    dimension('subject', options.perSubject),
    dimension('agency', options.perAgency),
  ];

  let state: RateCounter = redis === null ? 'local' : 'redis';
  /** Where this request is counted, reporting a change of place once. */
  const route = (): RateCounter => {
    const now: RateCounter = redisReady(redis) ? 'redis' : 'local';
    if (redis !== null && now !== state) {
      state = now;
      runtime.onStateChange?.(now);
    }
    return now;
  };

  return {
    get state() {
      return state;
    },
    async take(subject, agency) {
      const via = route();
      const keys = [encodeURIComponent(subject), encodeURIComponent(agency)];
      const limiter = (d: Dimension) => (via === 'local' || !d.shared ? d.local : d.shared);
      const settled = await Promise.allSettled(
        dimensions.map((d, i) => limiter(d).consume(keys[i]!)),
      );
      let local = via === 'local';
      let retryAfterMs = 0;
      const admitted: number[] = [];
      settled.forEach((outcome, i) => {
        const res: unknown = outcome.status === 'fulfilled' ? outcome.value : outcome.reason;
        // The insurance turns every store error into an answer: anything else is a bug.
        if (!(res instanceof RateLimiterRes)) throw res;
        if (dimensions[i]!.local.answered.has(res)) local = true;
        if (outcome.status === 'fulfilled') admitted.push(i);
        else retryAfterMs = Math.max(retryAfterMs, res.msBeforeNext, 1);
      });
      if (retryAfterMs === 0) return { allowed: true, counter: local ? 'local' : 'redis' };
      // Admitted or none: a request refused for its agency is not charged to its subject.
      await Promise.all(admitted.map((i) => limiter(dimensions[i]!).reward(keys[i]!)));
      return { allowed: false, retryAfterMs, counter: local ? 'local' : 'redis' };
    },
  };
}
