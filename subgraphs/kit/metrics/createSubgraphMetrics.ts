import { Counter, Registry } from 'prom-client';

export interface SubgraphMetrics {
  registry: Registry;
  /** Backend round trips, by registry and adapter method: the proof of batching. */
  registryQueries: Counter<'registry' | 'method'>;
  /** GraphQL operations served, by root field kind (`entities`, `service`, `query`). */
  operations: Counter<'kind'>;
  /** Audited requests by the policy's decision (or AUDIT_UNAVAILABLE). */
  policyDecisions: Counter<'decision'>;
  /** Registry cache reads or writes that failed (the read went to the backend instead). */
  registryCacheFailures: Counter;
  /** Runs of the request clock that failed (the store did not answer); the next run retries. */
  requestClockFailures: Counter;
}

/** The Prometheus metrics one subgraph process exposes on /metrics. */
export function createSubgraphMetrics(subgraph: string): SubgraphMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ subgraph });
  return {
    registry,
    registryQueries: new Counter({
      name: 'comity_registry_queries_total',
      help: 'Backend round trips made by registry adapters',
      labelNames: ['registry', 'method'],
      registers: [registry],
    }),
    operations: new Counter({
      name: 'comity_subgraph_operations_total',
      help: 'GraphQL operations served, by kind of root field',
      labelNames: ['kind'],
      registers: [registry],
    }),
    policyDecisions: new Counter({
      name: 'comity_policy_decisions_total',
      help: 'Audited requests by policy decision',
      labelNames: ['decision'],
      registers: [registry],
    }),
    registryCacheFailures: new Counter({
      name: 'comity_registry_cache_failures_total',
      help: 'Registry cache operations that failed and fell back to the backend',
      registers: [registry],
    }),
    requestClockFailures: new Counter({
      name: 'comity_request_clock_failures_total',
      help: 'Runs of the cross-border request clock that failed',
      registers: [registry],
    }),
  };
}
