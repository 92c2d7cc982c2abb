import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { getNamedType, getNullableType, isLeafType, isListType } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { operationLimitError } from '../limits/operationLimitError.js';

export interface CostLimitOptions {
  /** Highest accepted cost. No default here: the gateway passes `OperationLimits.maxCost`. */
  maxCost: number;
  /** Size assumed for a list field without a `first` argument. */
  defaultListSize: number;
}

/** Connection wrappers whose size their parent's `first` already counted. */
const PAGE_FIELDS: ReadonlySet<string> = new Set(['nodes', 'edges']);

/**
 * The cost of a field: leaves are free, an object costs 1 plus its selection times how many
 * of it may come back — its `first` argument, the default list size for a list without one,
 * and 1 otherwise. Introspection is not priced (its depth and size are the schema's).
 */
export function listSizeEstimator(defaultListSize: number): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (type.name.startsWith('__') || field.name.startsWith('__')) return 0;
    if (isLeafType(getNamedType(field.type))) return 0;
    let size = 1;
    if (typeof args.first === 'number') size = Math.max(args.first, 0);
    else if (isListType(getNullableType(field.type)) && !PAGE_FIELDS.has(field.name)) {
      size = defaultListSize;
    }
    return 1 + size * childComplexity;
  };
}

/** Variable sets remembered per document (the oldest is dropped). */
const ESTIMATES_PER_DOCUMENT = 64;

/**
 * Refuses an operation whose estimated cost exceeds the limit once its variables are known
 * (`first: $n` counts), before any subgraph is called.
 */
export function costLimitPlugin(options: CostLimitOptions): ApolloServerPlugin<BaseContext> {
  const estimators = [listSizeEstimator(options.defaultListSize)];
  // Apollo's document store hands the same parsed document to every request that sends the
  // same text, so the estimate of (schema, document, operation, variables) is computed once.
  // Keyed weakly by schema and document: a supergraph reload or an evicted document drops it.
  const estimates = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, number>>>();
  const estimate = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown>,
  ): number => {
    let byDocument = estimates.get(schema);
    if (!byDocument) estimates.set(schema, (byDocument = new WeakMap()));
    let byVariables = byDocument.get(document);
    if (!byVariables) byDocument.set(document, (byVariables = new Map()));
    const key = `${operationName ?? ''}\n${JSON.stringify(variables)}`;
    let cost = byVariables.get(key);
    if (cost === undefined) {
      cost = getComplexity({ schema, query: document, variables, operationName, estimators });
      if (byVariables.size >= ESTIMATES_PER_DOCUMENT) {
        byVariables.delete(byVariables.keys().next().value as string);
      }
      byVariables.set(key, cost);
    }
    return cost;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const cost = estimate(
            schema,
            document,
            operationName ?? undefined,
            request.variables ?? {},
          );
          if (cost > options.maxCost) {
            throw operationLimitError(
              'MAX_COST',
              `The operation's estimated cost ${cost} exceeds the limit of ${options.maxCost}; ask for fewer items (smaller "first") or fewer nested lists`,
            );
          }
        },
      };
    },
  };
}
