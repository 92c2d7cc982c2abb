import { DEFAULT_MAX_SCREENED_WALLETS } from '../../core/matching/matchingDefaults.js';

/** How large an operation the gateway accepts; anything larger is refused before any subgraph is called. */
export interface OperationLimits {
  /** Deepest field nesting (fragments followed, introspection ignored). `COMITY_MAX_DEPTH`, default 15. */
  maxDepth: number;
  /** Most aliases in one operation. `COMITY_MAX_ALIASES`, default 15. */
  maxAliases: number;
  /** Most lexical tokens in the document; the parser stops there. `COMITY_MAX_TOKENS`, default 2000. */
  maxTokens: number;
  /** Most directive applications in one operation. `COMITY_MAX_DIRECTIVES`, default 10. */
  maxDirectives: number;
  /**
   * Highest estimated cost: every object field costs 1 plus its children times the list size
   * (its `first` argument, else `defaultListSize` for a list, else 1). `COMITY_MAX_COST`,
   * default 30000 (50 orders joined across two other countries cost about 22000).
   */
  maxCost: number;
  /** Assumed size of a list field with no `first` argument. `COMITY_DEFAULT_LIST_SIZE`, default 10. */
  defaultListSize: number;
  /**
   * Most items in the batches of one operation (`screenWallets` ids, `screenParties`
   * queries), every alias and repeated batch field added. `COMITY_MAX_BATCH_ITEMS`, default
   * 10000: the screening maximum, so that no operation screens more than one full batch.
   */
  maxBatchItems: number;
  /**
   * Highest estimated cost of an operation's batches: each batch's size times the cost of one
   * item. Batches have their own ceiling, beside `maxCost`: a member answers a whole batch in
   * one call, so an item costs far less than a nested list's. `COMITY_MAX_BATCH_COST`,
   * default 100000 (10,000 wallets with each of three members' hit cost 50001; the ceiling
   * leaves room for eight members, or a few more fields per item).
   */
  maxBatchCost: number;
}

export const DEFAULT_MAX_DEPTH = 15;
export const DEFAULT_MAX_ALIASES = 15;
export const DEFAULT_MAX_TOKENS = 2_000;
export const DEFAULT_MAX_DIRECTIVES = 10;
export const DEFAULT_MAX_COST = 30_000;
export const DEFAULT_LIST_SIZE = 10;
export const DEFAULT_MAX_BATCH_ITEMS = DEFAULT_MAX_SCREENED_WALLETS;
export const DEFAULT_MAX_BATCH_COST = 100_000;
