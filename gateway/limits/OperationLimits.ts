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
}

export const DEFAULT_MAX_DEPTH = 15;
export const DEFAULT_MAX_ALIASES = 15;
export const DEFAULT_MAX_TOKENS = 2_000;
export const DEFAULT_MAX_DIRECTIVES = 10;
export const DEFAULT_MAX_COST = 30_000;
export const DEFAULT_LIST_SIZE = 10;
