import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import type { GatewayContext } from '../GatewayContext.js';

type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];
type PlanNode = NonNullable<QueryPlan['node']>;

/** A data source that can sign ahead the context token its next fetch for a request carries. */
export interface Presigning {
  presign(contextValue: GatewayContext, queryHash: string): void;
}

const presigns = (source: unknown): source is Presigning =>
  typeof (source as Partial<Presigning> | undefined)?.presign === 'function';

/**
 * The subgraphs a query plan fetches after its first stage, and only those it always
 * fetches: a branch under `@include`/`@skip` (a Condition node) or `@defer` may never run.
 * A subgraph already fetched in the first stage is left out; its token is signed by then.
 */
export function laterFetchServices(plan: QueryPlan): string[] {
  if (!plan.node) return [];
  const first = new Set<string>();
  const all = new Set<string>();
  collect(plan.node, all, first);
  return [...all].filter((service) => !first.has(service));
}

/**
 * Adds the unconditional fetches under `node` to `all`, and, when `first` is given, the ones
 * that run at once (before any other fetch of `node` answers) to `first`.
 */
function collect(node: PlanNode, all: Set<string>, first?: Set<string>): void {
  switch (node.kind) {
    case 'Fetch':
      all.add(node.serviceName);
      first?.add(node.serviceName);
      return;
    case 'Flatten':
      collect(node.node, all, first);
      return;
    case 'Parallel':
      for (const child of node.nodes) collect(child, all, first);
      return;
    case 'Sequence':
      node.nodes.forEach((child, index) => collect(child, all, index === 0 ? first : undefined));
      return;
    case 'Subscription':
      all.add(node.primary.serviceName);
      first?.add(node.primary.serviceName);
      if (node.rest) collect(node.rest, all);
      return;
    case 'Defer':
      if (node.primary.node) collect(node.primary.node, all, first);
      return;
    case 'Condition':
      return;
  }
}

/** One walk per plan: the gateway caches its plans, so the same object comes back. */
const laterServicesByPlan = new WeakMap<QueryPlan, string[]>();

function laterServicesOf(plan: QueryPlan): string[] {
  let services = laterServicesByPlan.get(plan);
  if (!services) {
    services = laterFetchServices(plan);
    laterServicesByPlan.set(plan, services);
  }
  return services;
}

/**
 * `experimental_didResolveQueryPlan` for the gateway: once a request's plan is known, signs the
 * context tokens of the subgraphs its later stages fetch while its first stage is out. At one
 * connection the gateway is otherwise idle then, and each later fetch, instead of signing
 * (an Ed25519 signature) between one stage's answer and its own request, finds its
 * token ready. The signing waits for `setImmediate`, by which time the first stage's requests
 * have been written.
 */
export function presignLaterFetches(): Experimental_DidResolveQueryPlanCallback {
  return ({ queryPlan, serviceMap, requestContext }) => {
    const services = laterServicesOf(queryPlan);
    if (services.length === 0) return;
    const contextValue = requestContext.context as GatewayContext;
    const { queryHash } = requestContext;
    setImmediate(() => {
      for (const service of services) {
        const source = serviceMap[service];
        if (presigns(source)) source.presign(contextValue, queryHash);
      }
    });
  };
}
