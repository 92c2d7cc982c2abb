/** One measurement: a system, a scenario, a connection count, a round. */
export interface LoadResult {
  /** Completed requests per second (2xx only). */
  rps: number;
  /** Latency percentiles of 2xx responses, ms. */
  p50: number;
  p99: number;
  /** Requests that completed with 2xx. */
  requests: number;
  /** Answers that were not 2xx, and requests that failed without one (resets, timeouts). */
  failures: number;
}
