/** United States's watchlist as provenance and the directory name it. */
export const WATCHLIST_REGISTRY = 'us-watchlist';
