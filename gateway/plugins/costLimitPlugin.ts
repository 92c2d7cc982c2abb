import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { estimateOperationCost } from '../limits/estimateOperationCost.js';
import type { OperationCost } from '../limits/estimateOperationCost.js';
import { operationLimitError } from '../limits/operationLimitError.js';

export interface CostLimitOptions {
  /** Highest accepted cost. No default here: the gateway passes `OperationLimits.maxCost`. */
  maxCost: number;
  /** Size assumed for a list field without a `first` argument. */
  defaultListSize: number;
  /** Most batch items in one operation (`OperationLimits.maxBatchItems`). */
  maxBatchItems: number;
  /** Highest accepted cost of an operation's batches (`OperationLimits.maxBatchCost`). */
  maxBatchCost: number;
}

/** Variable sets remembered per document (the oldest is dropped). */
const ESTIMATES_PER_DOCUMENT = 64;
/**
 * Longest variables key remembered, characters: a batch's ids are seldom sent twice, and 64
 * remembered 10,000-id batches would hold tens of megabytes.
 */
const LONGEST_REMEMBERED_KEY = 4_096;

/** The first limit an estimate breaks, as the error to answer with; null within every limit. */
export function costRefusal(estimate: OperationCost, options: CostLimitOptions) {
  if (estimate.cost > options.maxCost) {
    return operationLimitError(
      'MAX_COST',
      `The operation's estimated cost ${estimate.cost} exceeds the limit of ${options.maxCost}; ask for fewer items (smaller "first") or fewer nested lists`,
    );
  }
  if (estimate.batchItems > options.maxBatchItems) {
    return operationLimitError(
      'MAX_BATCH_ITEMS',
      `The operation screens ${estimate.batchItems} items in all, over the limit of ${options.maxBatchItems}; send one batch per operation, within the limit`,
    );
  }
  if (estimate.batchCost > options.maxBatchCost) {
    return operationLimitError(
      'MAX_BATCH_COST',
      `The operation's batches are estimated to cost ${estimate.batchCost}, over the limit of ${options.maxBatchCost}; screen fewer items or select fewer fields per item`,
    );
  }
  return null;
}

/**
 * Refuses an operation whose estimated cost exceeds the limits once its variables are known
 * (`first: $n` and a batch's `ids: $ids` count), before any subgraph is called.
 */
export function costLimitPlugin(options: CostLimitOptions): ApolloServerPlugin<BaseContext> {
  // Apollo's document store hands the same parsed document to every request that sends the
  // same text, so the estimate of (schema, document, operation, variables) is computed once.
  // Keyed weakly by schema and document: a supergraph reload or an evicted document drops it.
  const estimates = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, OperationCost>>>();
  const estimate = (
    schema: GraphQLSchema,
    document: DocumentNode,
    operationName: string | undefined,
    variables: Record<string, unknown>,
  ): OperationCost => {
    let byDocument = estimates.get(schema);
    if (!byDocument) estimates.set(schema, (byDocument = new WeakMap()));
    let byVariables = byDocument.get(document);
    if (!byVariables) byDocument.set(document, (byVariables = new Map()));
    const key = `${operationName ?? ''}\n${JSON.stringify(variables)}`;
    let cost = byVariables.get(key);
    if (cost === undefined) {
      cost = estimateOperationCost(
        schema,
        document,
        operationName,
        variables,
        options.defaultListSize,
      );
      if (key.length > LONGEST_REMEMBERED_KEY) return cost;
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
          const refusal = costRefusal(
            estimate(schema, document, operationName ?? undefined, request.variables ?? {}),
            options,
          );
          if (refusal) throw refusal;
        },
      };
    },
  };
}
