/**
 * Remembers the context tokens a subgraph has accepted, by `jti`, until they expire, so that a
 * token captured on the way (a log, a proxy) cannot be presented a second time while it is
 * still valid. The gateway signs a token per fetch, so a legitimate token is only ever seen once.
 */
export interface ReplayGuard {
  /**
   * Records `jti` as used until `expiresAtSec` (seconds since the epoch); false when it was
   * already used and has not expired, or when the guard cannot remember one more (fail closed).
   */
  claim(jti: string, expiresAtSec: number, nowSec: number): boolean;
}

/** Tokens remembered at most; past it a new token is refused rather than an old one forgotten. */
export const DEFAULT_REPLAY_GUARD_CAPACITY = 1_000_000;

/**
 * The guard of one process. Replicas serving one subgraph behind a load balancer each keep
 * their own: a replay sent to another replica is not seen (docs/conformance.md).
 */
export function createReplayGuard(capacity = DEFAULT_REPLAY_GUARD_CAPACITY): ReplayGuard {
  // Insertion order is nearly expiry order (every token lives at most a minute), so expired
  // entries are swept from the front; one that expires later just waits its turn.
  const seen = new Map<string, number>();
  return {
    claim(jti, expiresAtSec, nowSec) {
      for (const [oldest, expiry] of seen) {
        if (expiry > nowSec) break;
        seen.delete(oldest);
      }
      const expiry = seen.get(jti);
      if (expiry !== undefined && expiry > nowSec) return false;
      if (seen.size >= capacity) return false;
      seen.set(jti, expiresAtSec);
      return true;
    },
  };
}
