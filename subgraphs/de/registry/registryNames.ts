/** The German registries as they appear in provenance and in the directory. */
export const DE_WATCHLIST_REGISTRY = 'de-bundesbank-sanctions';
export const DE_ASSET_REGISTRY = 'de-justiz-vermoegensarrest';
/** The bulk file both registries are read from, inside the jurisdiction's data folder. */
export const FTM_FILE_NAME = 'entities.ftm.jsonl';
