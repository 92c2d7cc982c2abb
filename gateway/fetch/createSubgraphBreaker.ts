import {
  CircuitState as LibraryState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
} from 'cockatiel';
import { ErrorCode } from '../../core/errors/ErrorCode.js';
import { subgraphError } from './subgraphError.js';

/** Circuit states; the gauge on /metrics uses their index (0 closed, 1 half-open, 2 open). */
export const CIRCUIT_STATES = ['closed', 'half-open', 'open'] as const;
export type CircuitState = (typeof CIRCUIT_STATES)[number];

export const DEFAULT_BREAKER_FAILURES = 5;
export const DEFAULT_BREAKER_COOLDOWN_MS = 10_000;

export interface SubgraphBreakerOptions {
  subgraphName: string;
  /** Consecutive failures that open the circuit. `COMITY_BREAKER_FAILURES`, default 5. */
  failureThreshold: number;
  /** How long an open circuit fails fast before one probe is let through, ms. `COMITY_BREAKER_COOLDOWN_MS`, default 10000. */
  cooldownMs: number;
  /** Whether a failure counts towards opening the circuit; the others leave it as it is. */
  counts: (error: Error) => boolean;
  /** Told of every state change. */
  onStateChange?: (state: CircuitState) => void;
}

export interface SubgraphBreaker {
  readonly state: CircuitState;
  /** Runs `call` unless the circuit is open; then SUBGRAPH_UNAVAILABLE (CIRCUIT_OPEN) at once. */
  execute<T>(call: () => Promise<T>): Promise<T>;
}

const STATE_OF: Record<LibraryState, CircuitState> = {
  [LibraryState.Closed]: 'closed',
  [LibraryState.HalfOpen]: 'half-open',
  [LibraryState.Open]: 'open',
  [LibraryState.Isolated]: 'open',
};

/**
 * A circuit breaker for one subgraph (cockatiel's): after `failureThreshold` consecutive
 * failures it opens and callers fail at once, with no connection or timeout to wait out;
 * after the cool-down one request probes (half-open) while the others still fail fast; a
 * success closes it, a failure opens it for another cool-down.
 */
export function createSubgraphBreaker(options: SubgraphBreakerOptions): SubgraphBreaker {
  const policy = circuitBreaker(handleWhen(options.counts), {
    halfOpenAfter: options.cooldownMs,
    breaker: new ConsecutiveBreaker(options.failureThreshold),
  });
  if (options.onStateChange) {
    const onStateChange = options.onStateChange;
    policy.onStateChange((state) => onStateChange(STATE_OF[state]));
  }
  const open = () =>
    subgraphError(ErrorCode.SUBGRAPH_UNAVAILABLE, options.subgraphName, 'CIRCUIT_OPEN');
  return {
    get state() {
      return STATE_OF[policy.state];
    },
    async execute(call) {
      // cockatiel queues calls behind the probe; these fail fast instead, as when open.
      if (policy.state === LibraryState.HalfOpen) throw open();
      try {
        return await policy.execute(call);
      } catch (error) {
        throw isBrokenCircuitError(error) ? open() : error;
      }
    },
  };
}
