/** Circuit states; the gauge on /metrics uses their index (0 closed, 1 half-open, 2 open). */
export const CIRCUIT_STATES = ['closed', 'half-open', 'open'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. `COMITY_BREAKER_FAILURES`, default 5. */
  failureThreshold: number;
  /** How long an open circuit fails fast before one probe is let through, ms. `COMITY_BREAKER_COOLDOWN_MS`, default 10000. */
  cooldownMs: number;
  /** Told of every state change. */
  onStateChange?: (state: CircuitState) => void;
  now?: () => number;
}

export const DEFAULT_BREAKER_FAILURES = 5;
export const DEFAULT_BREAKER_COOLDOWN_MS = 10_000;

/**
 * A circuit breaker for one subgraph: after `failureThreshold` consecutive failures it opens
 * and callers fail at once (no connection, no timeout to wait out); after the cool-down one
 * request probes (half-open) while the others still fail fast; a success closes it, a
 * failure opens it for another cool-down. Written here rather than taken from a library
 * because the rule is "N consecutive failures", not a rolling error percentage.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private current: CircuitState = 'closed';
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    return this.current;
  }

  /** Whether a request may go out now; a true in half-open makes it the probe. */
  tryAcquire(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open') {
      if (this.now() - this.openedAt < this.options.cooldownMs) return false;
      this.transition('half-open');
    }
    if (this.probing) return false;
    this.probing = true;
    return true;
  }

  succeeded(): void {
    this.failures = 0;
    this.probing = false;
    if (this.current !== 'closed') this.transition('closed');
  }

  failed(): void {
    this.failures += 1;
    this.probing = false;
    if (this.current === 'half-open' || this.failures >= this.options.failureThreshold) {
      this.openedAt = this.now();
      if (this.current !== 'open') this.transition('open');
    }
  }

  /** A request that was let through but ended without telling (e.g. a client error). */
  released(): void {
    this.probing = false;
  }

  private transition(state: CircuitState): void {
    this.current = state;
    this.options.onStateChange?.(state);
  }
}
