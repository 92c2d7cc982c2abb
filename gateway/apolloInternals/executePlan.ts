import { createRequire } from 'node:module';
import { ERRORS, errorCodeDef } from '@apollo/federation-internals';
import type { FetchNode, PlanNode, QueryPlan, QueryPlanSelectionNode } from '@apollo/query-planner';
import { GraphQLError } from 'graphql';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { isInheritedName } from './compileResultShape.js';
import type { ResultShape } from './compileResultShape.js';
import { INCOMING_OPERATION } from './incomingOperation.js';
import { shapeResult } from './shapeResult.js';

const require = createRequire(import.meta.url);

type Path = (string | number)[];
type Data = Record<string, unknown>;

/** What @apollo/gateway exports from its own execution and this executor shares with it. */
interface ApolloExecutionHelpers {
  deepMerge(target: unknown, source: unknown): unknown;
  generateHydratedPaths(parent: Path, path: Path, data: unknown, result: Path[]): void;
  isObjectOfType(schema: GraphQLSchema, object: Data, typeCondition: string): boolean;
}

const apollo: ApolloExecutionHelpers = {
  deepMerge: require('@apollo/gateway/dist/utilities/deepMerge.js').deepMerge,
  generateHydratedPaths: require('@apollo/gateway/dist/executeQueryPlan.js').generateHydratedPaths,
  isObjectOfType: require('@apollo/gateway/dist/dataRewrites.js').isObjectOfType,
};

/** The data sources' side of a fetch, as @apollo/gateway calls it. */
export interface PlanDataSource {
  process(options: {
    kind: string;
    request: { query: string; variables: Data; operationName?: string; http?: undefined };
    incomingRequestContext: unknown;
    context: unknown;
    document?: unknown;
    pathInIncomingRequest: Path;
  }): Promise<{ data?: Data | null; errors?: readonly GraphQLFormattedError[]; extensions?: Data }>;
}

/** The parts of Apollo Server's request context the execution reads. */
export interface PlanRequestContext {
  request: { variables?: Data };
  context: unknown;
  metrics: { nonFtv1ErrorPaths?: { subgraph: string; path: unknown }[] };
  logger?: { error(message: string): void };
}

export interface PlanExecution {
  serviceMap: Record<string, PlanDataSource>;
  requestContext: PlanRequestContext;
  /** The supergraph as graphql-js sees it: representations check type conditions against it. */
  supergraphSchema: GraphQLSchema;
}

/** What @apollo/gateway's `executeQueryPlan` answers: data, errors, or value-completion notes. */
export interface PlanResult {
  data?: Data | null;
  errors?: unknown[];
  extensions?: { valueCompletion: GraphQLError[] };
}

interface Cursor {
  path: Path;
  data: unknown;
  fullResult: Data;
}

interface Run extends PlanExecution {
  errors: unknown[];
}

/**
 * Whether `executePlan` runs this plan: sequences, parallels, flattens and fetches without
 * data rewrites. Conditions (`@skip`/`@include` on variables), `@defer` and subscriptions
 * are left to @apollo/gateway.
 */
export function planIsSupported(plan: QueryPlan): boolean {
  const supported = (node: PlanNode | QueryPlan['node']): boolean => {
    switch (node?.kind) {
      case undefined:
        return true;
      case 'Sequence':
      case 'Parallel':
        return node.nodes.every(supported);
      case 'Flatten':
        return supported(node.node);
      case 'Fetch':
        return (
          !node.inputRewrites?.length &&
          !node.outputRewrites?.length &&
          !node.contextRewrites?.length &&
          (!node.requires || plainNames(node.requires))
        );
      default:
        return false;
    }
  };
  return supported(plan.node);
}

/** Whether no name in a fetch's `requires` is inherited by the plain objects representations are. */
function plainNames(selections: readonly QueryPlanSelectionNode[]): boolean {
  return selections.every((selection) =>
    selection.kind === 'Field'
      ? !isInheritedName(selection.alias ?? selection.name) &&
        (!selection.selections || plainNames(selection.selections))
      : plainNames(selection.selections),
  );
}

/**
 * Runs a query plan and shapes its response, answering what @apollo/gateway's
 * `executeQueryPlan` answers for the same plan and subgraph responses (the differential test
 * holds them to it), without rebuilding the operation from its document on every request and
 * over a result shape compiled once per operation. Fetches of one stage go out together;
 * a failed fetch leaves its error in the answer and the rest of the plan runs.
 */
export async function executePlan(
  plan: QueryPlan,
  shape: ResultShape,
  execution: PlanExecution,
): Promise<PlanResult> {
  const run: Run = { ...execution, errors: [] };
  const merged: Data = Object.create(null);
  if (plan.node) {
    await executeNode(run, plan.node as PlanNode, { path: [], data: merged, fullResult: merged });
  }
  let data: Data | null;
  try {
    const shaped = shapeResult(shape, merged);
    data = shaped.data;
    if (run.errors.length === 0 && shaped.errors.length > 0) {
      return { extensions: { valueCompletion: shaped.errors }, data };
    }
  } catch (error) {
    if (error instanceof GraphQLError) return { errors: [error] };
    if (error instanceof Error) {
      return { errors: [new GraphQLError(error.message, { originalError: error })] };
    }
    (execution.requestContext.logger ?? console).error(
      `Unexpected error during query plan execution: ${error}`,
    );
    return { errors: [new GraphQLError('Unexpected error during query plan execution')] };
  }
  return run.errors.length === 0 ? { data } : { errors: run.errors, data };
}

async function executeNode(run: Run, node: PlanNode, cursor: Cursor): Promise<void> {
  switch (node.kind) {
    case 'Sequence':
      for (const child of node.nodes) await executeNode(run, child, cursor);
      return;
    case 'Parallel':
      await Promise.all(node.nodes.map((child) => executeNode(run, child, cursor)));
      return;
    case 'Flatten': {
      const data = flattenAt(cursor.data, node.path);
      if (!data) return;
      await executeNode(run, node.node, {
        path: cursor.path.concat(node.path),
        data,
        fullResult: cursor.fullResult,
      });
      return;
    }
    case 'Fetch':
      try {
        await executeFetch(run, node, cursor);
      } catch (error) {
        run.errors.push(error);
      }
      return;
    default:
      throw new Error(`plan node ${node.kind} is not run by this executor`);
  }
}

/** The values at `path` below `value`, lists (`@`) flattened into one. */
function flattenAt(value: unknown, path: Path): unknown {
  if (path.length === 0 || value === undefined || value === null) return value;
  const [head, ...rest] = path;
  if (head === '@') return (value as unknown[]).flatMap((element) => flattenAt(element, rest));
  if (typeof head !== 'string') throw new Error(`Unexpected ${typeof head} found in path`);
  if (Array.isArray(value)) throw new Error(`Unexpected array in result for path element ${head}`);
  const object = value as Data;
  return flattenAt(Object.hasOwn(object, head) ? object[head] : undefined, rest);
}

async function executeFetch(run: Run, fetch: FetchNode, cursor: Cursor): Promise<void> {
  const service = run.serviceMap[fetch.serviceName];
  if (!service) throw new Error(`Couldn't find service with name "${fetch.serviceName}"`);
  const entities = (
    Array.isArray(cursor.data)
      ? cursor.data.filter((entity) => entity !== null && entity !== undefined)
      : [cursor.data]
  ) as Data[];
  if (entities.length < 1) return;
  const variables: Data = Object.create(null);
  const provided = run.requestContext.request.variables;
  for (const name of fetch.variableUsages ?? []) {
    if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) {
      variables[name] = provided[name];
    }
  }
  if (!fetch.requires) {
    const received = await send(run, service, fetch, cursor, variables);
    for (const entity of entities) apollo.deepMerge(entity, received);
    return;
  }
  const representations: Data[] = [];
  const owners: number[] = [];
  entities.forEach((entity, index) => {
    const representation = representationOf(run.supergraphSchema, entity, fetch.requires!);
    if (representation && representation.__typename) {
      representations.push(representation);
      owners.push(index);
    }
  });
  if (representations.length < 1) return;
  if ('representations' in variables)
    throw new Error(`Variables cannot contain key "representations"`);
  const received = await send(run, service, fetch, cursor, { ...variables, representations });
  if (!received) return;
  const answered = received._entities;
  if (!(answered && Array.isArray(answered))) {
    throw new Error(`Expected "data._entities" in response to be an array`);
  }
  if (answered.length !== representations.length) {
    throw new Error(`Expected "data._entities" to contain ${representations.length} elements`);
  }
  for (let index = 0; index < answered.length; index++) {
    const entity = entities[owners[index]!]!;
    const answer = answered[index] as Data | null;
    if (answer && !answer.__typename) answer.__typename = entity.__typename;
    apollo.deepMerge(entity, answer);
  }
}

/** The entity's key and required fields, as the fetch's `requires` selects them; null if one is missing. */
function representationOf(
  schema: GraphQLSchema,
  source: Data | null,
  selections: readonly QueryPlanSelectionNode[],
): Data | null {
  if (source === null) return null;
  // Plain, not prototype-less (cheaper to serialise): see isInheritedName.
  const result: Data = {};
  for (const selection of selections) {
    if (selection.kind === 'Field') {
      const responseName = selection.alias ?? selection.name;
      const value = Object.hasOwn(source, responseName) ? source[responseName] : undefined;
      if (value === undefined) return null;
      const inner = selection.selections;
      if (Array.isArray(value)) {
        result[responseName] = value.map((element) =>
          inner ? representationOf(schema, element as Data | null, inner) : element,
        );
      } else {
        result[responseName] = inner
          ? representationOf(schema, value as Data | null, inner)
          : value;
      }
    } else if (
      selection.typeCondition &&
      apollo.isObjectOfType(schema, source, selection.typeCondition)
    ) {
      apollo.deepMerge(result, representationOf(schema, source, selection.selections));
    }
  }
  return result;
}

async function send(
  run: Run,
  service: PlanDataSource,
  fetch: FetchNode,
  cursor: Cursor,
  variables: Data,
): Promise<Data | null | undefined> {
  const response = await service.process({
    kind: INCOMING_OPERATION,
    request: {
      query: fetch.operation,
      variables,
      operationName: fetch.operationName,
      http: undefined,
    },
    incomingRequestContext: run.requestContext,
    context: run.requestContext.context,
    document: fetch.operationDocumentNode,
    pathInIncomingRequest: cursor.path,
  });
  if (response.errors) {
    const pathOf = errorPaths(fetch, cursor);
    run.errors.push(
      ...response.errors.map((error) => downstreamError(error, fetch.serviceName, pathOf)),
    );
    if (!response.extensions?.ftv1) {
      const paths = response.errors.map((error) => ({
        subgraph: fetch.serviceName,
        path: error.path,
      }));
      const { metrics } = run.requestContext;
      if (metrics.nonFtv1ErrorPaths) metrics.nonFtv1ErrorPaths.push(...paths);
      else metrics.nonFtv1ErrorPaths = paths;
    }
  }
  return response.data;
}

/** Where a subgraph's error belongs in the client's response: `_entities` indexes become paths. */
function errorPaths(fetch: FetchNode, cursor: Cursor) {
  let hydrated: Path[] | undefined;
  return (errorPath: readonly (string | number)[] | undefined): Path | undefined => {
    if (fetch.requires && typeof errorPath?.[1] === 'number') {
      if (!hydrated) {
        hydrated = [];
        apollo.generateHydratedPaths([], cursor.path, cursor.fullResult, hydrated);
      }
      return [...(hydrated[errorPath[1]] ?? []), ...errorPath.slice(2)];
    }
    return errorPath ? [...cursor.path, ...errorPath] : undefined;
  };
}

/** A subgraph's error as the client sees it: its code kept, or DOWNSTREAM_SERVICE_ERROR. */
function downstreamError(
  original: GraphQLFormattedError,
  serviceName: string,
  pathOf: (path: readonly (string | number)[] | undefined) => Path | undefined,
): GraphQLError {
  const message = original.message || `Error while fetching subquery from service "${serviceName}"`;
  const { extensions } = original;
  const options = {
    originalError: original as Error,
    path: pathOf(original.path),
    extensions: { ...extensions, serviceName },
  };
  const known = errorCodeDef(original);
  if (!known && extensions?.code) return new GraphQLError(message, options);
  return (known ?? ERRORS.DOWNSTREAM_SERVICE_ERROR).err(message, options);
}
