import { getNamedType, getNullableType, isLeafType, isListType, isNonNullType } from 'graphql';
import type { DocumentNode, GraphQLField, GraphQLSchema } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import type { ComplexityEstimator } from 'graphql-query-complexity';

/** What an operation is estimated to cost, before any subgraph is called. */
export interface OperationCost {
  /** Every field outside batches: checked against `OperationLimits.maxCost`. */
  cost: number;
  /** Items of every batch field, added up (aliases and repeated fields each count). */
  batchItems: number;
  /** Every batch field's size times the cost of one of its items, added up. */
  batchCost: number;
}

/** Connection wrappers whose size their parent's `first` already counted. */
const PAGE_FIELDS: ReadonlySet<string> = new Set(['nodes', 'edges']);

/**
 * The size of a batch field, or null for any other field. A batch field is a list field with
 * a required list argument (`screenWallets(ids: [String!]!)`, `screenParties(queries: …)`):
 * it answers one item per element, so its size is the length of that argument as sent.
 */
export function batchSizeOf(
  field: GraphQLField<unknown, unknown>,
  args: Record<string, unknown>,
): number | null {
  if (!isListType(getNullableType(field.type))) return null;
  for (const argument of field.args) {
    if (isNonNullType(argument.type) && isListType(argument.type.ofType)) {
      const value = args[argument.name];
      return Array.isArray(value) ? value.length : 0;
    }
  }
  return null;
}

type Pricing = 'everything' | 'outsideBatches' | 'batchItems';

/**
 * The cost of a field: leaves are free, an object costs 1 plus its selection times how many
 * of it may come back — a batch's size, its `first` argument, the default list size for a
 * list without one, and 1 otherwise. Introspection is not priced (its depth and size are the
 * schema's). `pricing` leaves batches out, or counts only their items.
 */
function estimator(defaultListSize: number, pricing: Pricing): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    if (type.name.startsWith('__') || field.name.startsWith('__')) return 0;
    const batch = batchSizeOf(field, args);
    if (pricing === 'batchItems') return batch ?? childComplexity;
    if (batch !== null && pricing === 'outsideBatches') return 0;
    if (isLeafType(getNamedType(field.type))) return 0;
    let size = 1;
    if (batch !== null) size = batch;
    else if (typeof args.first === 'number') size = Math.max(args.first, 0);
    else if (isListType(getNullableType(field.type)) && !PAGE_FIELDS.has(field.name)) {
      size = defaultListSize;
    }
    return 1 + size * childComplexity;
  };
}

/**
 * Estimates an operation with its variables (`first: $n` and `ids: $ids` count as sent).
 * Fields are counted as often as they are written: an alias or a repeated field is another
 * batch, so a batch cannot hide behind them.
 */
export function estimateOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | undefined,
  variables: Record<string, unknown>,
  defaultListSize: number,
): OperationCost {
  const priced = (pricing: Pricing) =>
    getComplexity({
      schema,
      query: document,
      variables,
      operationName,
      estimators: [estimator(defaultListSize, pricing)],
    });
  const cost = priced('outsideBatches');
  const batchItems = priced('batchItems');
  // Most operations hold no batch: one more walk only for those that do.
  const batchCost = batchItems === 0 ? 0 : priced('everything') - cost;
  return { cost, batchItems, batchCost };
}
