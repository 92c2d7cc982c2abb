import { createRequire } from 'node:module';
import type { QueryPlan } from '@apollo/query-planner';
import type { FragmentDefinitionNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { compileResultShape } from './compileResultShape.js';
import type { ResultShape } from './compileResultShape.js';
import { executePlan, planIsSupported } from './executePlan.js';
import type { PlanExecution } from './executePlan.js';

const require = createRequire(import.meta.url);

/** The signature of @apollo/gateway's `executeQueryPlan`, as its executor calls it. */
type ExecuteQueryPlan = (
  queryPlan: QueryPlan,
  serviceMap: PlanExecution['serviceMap'],
  requestContext: PlanExecution['requestContext'] & { metrics?: { captureTraces?: boolean } },
  operationContext: {
    schema: GraphQLSchema;
    operation: OperationDefinitionNode;
    fragments: Record<string, FragmentDefinitionNode>;
  },
  supergraphSchema: GraphQLSchema,
  ...rest: unknown[]
) => Promise<unknown>;

/** How many plans each executor ran in this process (for tests and diagnostics). */
export const planExecutions = { comity: 0, apollo: 0 };

const INSTALLED = Symbol.for('comity.planExecutor');

/**
 * Makes @apollo/gateway run query plans with Comity's executor (executePlan.ts). Apollo's
 * executor calls `executeQueryPlan` through its module's exports on every request; this
 * replaces that export with a function that runs the plans it supports itself and hands
 * everything else (`@skip`/`@include`, `@defer`, introspection, subscriptions, data
 * rewrites, usage-reporting traces) to Apollo's original. Planning, the plan cache,
 * validation and `experimental_didResolveQueryPlan` stay Apollo's.
 *
 * Why: Apollo's executor rebuilds the operation from its document on every request and
 * shapes the response by asking the schema about every value; this one compiles the shape
 * once per parsed document (Apollo Server's document cache hands the same document back)
 * and walks plain data. Idempotent.
 */
export function installPlanExecutor(): void {
  const execution = require('@apollo/gateway/dist/executeQueryPlan.js') as {
    executeQueryPlan: ExecuteQueryPlan & { [INSTALLED]?: true };
  };
  if (execution.executeQueryPlan[INSTALLED]) return;
  const apollos = execution.executeQueryPlan;
  const shapes = new WeakMap<
    OperationDefinitionNode,
    { schema: GraphQLSchema; shape: ResultShape | null }
  >();
  const plans = new WeakMap<QueryPlan, boolean>();

  const shapeOf = (operationContext: Parameters<ExecuteQueryPlan>[3]): ResultShape | null => {
    const known = shapes.get(operationContext.operation);
    // A supergraph reload brings a new schema: the shape is compiled again against it.
    if (known && known.schema === operationContext.schema) return known.shape;
    let shape: ResultShape | null = null;
    try {
      shape = compileResultShape(
        operationContext.schema,
        operationContext.operation,
        operationContext.fragments,
      );
    } catch {
      // UnsupportedOperation, or a document Apollo's executor answers with its own error.
    }
    shapes.set(operationContext.operation, { schema: operationContext.schema, shape });
    return shape;
  };

  const comitys: ExecuteQueryPlan = (
    queryPlan,
    serviceMap,
    requestContext,
    operationContext,
    supergraphSchema,
    ...rest
  ) => {
    let supported = plans.get(queryPlan);
    if (supported === undefined) plans.set(queryPlan, (supported = planIsSupported(queryPlan)));
    const shape = supported ? shapeOf(operationContext) : null;
    if (!shape || requestContext.metrics?.captureTraces) {
      planExecutions.apollo += 1;
      return apollos(
        queryPlan,
        serviceMap,
        requestContext,
        operationContext,
        supergraphSchema,
        ...rest,
      );
    }
    planExecutions.comity += 1;
    return executePlan(queryPlan, shape, { serviceMap, requestContext, supergraphSchema });
  };
  Object.assign(comitys, { [INSTALLED]: true });
  execution.executeQueryPlan = comitys;
}
