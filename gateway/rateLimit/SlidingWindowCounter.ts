/** A decision of a rate limiter: allowed, or refused with how long to wait. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * The admitted timestamps of one key, oldest first, from `head` on: expired ones are passed
 * over rather than copied out, and the array is compacted once most of it is behind `head`.
 */
interface Log {
  stamps: number[];
  head: number;
}

/** Expired entries kept before a compaction (which copies what is left). */
const COMPACT_AFTER = 1_024;

/**
 * An in-process sliding-window log: the timestamps of the requests admitted in the last
 * `windowMs` per key. Used when Redis is unreachable or not configured. Each request costs
 * O(1) amortised, whatever the limit: a log of a high limit (an agency's thousands a minute)
 * is never copied on the request path.
 */
export class SlidingWindowCounter {
  private readonly logs = new Map<string, Log>();

  constructor(
    private readonly windowMs: number,
    /** Most keys kept; the oldest are dropped past it (memory bound under key floods). */
    private readonly maxKeys = 100_000,
  ) {}

  /** Admits one request under every (key, limit) pair, or none of them. */
  take(entries: readonly { key: string; limit: number }[], now = Date.now()): RateDecision {
    let retryAfterMs = 0;
    const logs = entries.map(({ key, limit }) => {
      const log = this.logs.get(key) ?? { stamps: [], head: 0 };
      const { stamps } = log;
      while (log.head < stamps.length && stamps[log.head]! <= now - this.windowMs) log.head++;
      if (log.head >= COMPACT_AFTER && log.head * 2 >= stamps.length) {
        stamps.splice(0, log.head);
        log.head = 0;
      }
      if (stamps.length - log.head >= limit) {
        // The request that frees a place is the limit-th newest: it leaves the window then.
        retryAfterMs = Math.max(retryAfterMs, stamps[stamps.length - limit]! + this.windowMs - now);
      }
      return { key, log };
    });
    for (const { key, log } of logs) {
      if (retryAfterMs === 0) log.stamps.push(now);
      // Re-inserted: the Map's order is least recently used first, for the key bound below.
      this.logs.delete(key);
      this.logs.set(key, log);
    }
    while (this.logs.size > this.maxKeys) this.logs.delete(this.logs.keys().next().value!);
    return retryAfterMs > 0
      ? { allowed: false, retryAfterMs: Math.max(1, retryAfterMs) }
      : { allowed: true };
  }
}
