import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface GatewayMetrics {
  registry: Registry;
  /** HTTP requests answered, by route and status. */
  requests: Counter<'route' | 'status'>;
  /**
   * Errors sent to clients, by public code: those of GraphQL (formatError) and those the HTTP
   * handler answers before it (401, 404, 413, 429, a body that is not JSON, 500).
   */
  errors: Counter<'code'>;
  /** Subgraph fetch latency, by subgraph and outcome (ok, http_error, timeout, unavailable, bad_response). */
  subgraphLatency: Histogram<'subgraph' | 'outcome'>;
  /** Circuit state per subgraph: 0 closed, 1 half-open, 2 open. */
  breakerState: Gauge<'subgraph'>;
  /** Requests refused by the rate limiter, by which counter decided (redis, local). */
  rateLimited: Counter<'counter'>;
  /** 1 while Redis is connected and answering, 0 while it is down or hung (unset without Redis). */
  redisAvailable: Gauge;
}

/** The Prometheus metrics the gateway exposes on /metrics. */
export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service: 'gateway' });
  collectDefaultMetrics({ register: registry, prefix: 'comity_gateway_' });
  return {
    registry,
    requests: new Counter({
      name: 'comity_gateway_requests_total',
      help: 'HTTP requests answered by the gateway',
      labelNames: ['route', 'status'],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'comity_gateway_errors_total',
      help: 'Errors sent to clients, by public code, refusals before GraphQL included',
      labelNames: ['code'],
      registers: [registry],
    }),
    subgraphLatency: new Histogram({
      name: 'comity_gateway_subgraph_request_duration_seconds',
      help: 'Latency of subgraph fetches',
      labelNames: ['subgraph', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    breakerState: new Gauge({
      name: 'comity_gateway_circuit_state',
      help: 'Circuit breaker state per subgraph: 0 closed, 1 half-open, 2 open',
      labelNames: ['subgraph'],
      registers: [registry],
    }),
    redisAvailable: new Gauge({
      name: 'comity_gateway_redis_available',
      help: 'Whether Redis is connected and answering (1) or down or hung (0)',
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'comity_gateway_rate_limited_total',
      help: 'Requests refused by the rate limiter',
      labelNames: ['counter'],
      registers: [registry],
    }),
  };
}
