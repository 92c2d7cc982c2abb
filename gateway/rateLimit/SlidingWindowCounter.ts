/** A decision of a rate limiter: allowed, or refused with how long to wait. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * An in-process sliding-window log: the timestamps of the last `limit` admitted requests per
 * key. Used when Redis is unreachable, with stricter limits, since each gateway then counts
 * only its own share of the traffic.
 */
export class SlidingWindowCounter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    /** Most keys kept; the oldest are dropped past it (memory bound under key floods). */
    private readonly maxKeys = 100_000,
  ) {}

  /** Admits one request under every (key, limit) pair, or none of them. */
  take(entries: readonly { key: string; limit: number }[], now = Date.now()): RateDecision {
    let retryAfterMs = 0;
    const windows = entries.map(({ key, limit }) => {
      const stamps = (this.hits.get(key) ?? []).filter((stamp) => stamp > now - this.windowMs);
      if (stamps.length >= limit) {
        retryAfterMs = Math.max(retryAfterMs, stamps[stamps.length - limit]! + this.windowMs - now);
      }
      return { key, stamps };
    });
    for (const { key, stamps } of windows) {
      if (retryAfterMs === 0) stamps.push(now);
      this.hits.delete(key);
      this.hits.set(key, stamps);
    }
    while (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return retryAfterMs > 0
      ? { allowed: false, retryAfterMs: Math.max(1, retryAfterMs) }
      : { allowed: true };
  }
}
