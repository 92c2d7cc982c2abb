/** Travel-rule disclosures the Monetary Authority of Singapore receives from exchanges. */
export const DISCLOSURE_REGISTRY_NAME = 'sg-mas-travel-rule';
/** Wallets of interest that exchanges report to the Monetary Authority of Singapore. */
export const WATCHLIST_REGISTRY_NAME = 'sg-mas-wallets-of-interest';
/** Backend label for the directory: both registries are folders of IVMS101 JSON documents. */
export const IVMS101_BACKEND = 'ivms101-json';
/** Sub-folders of the jurisdiction's data folder holding each registry's documents. */
export const DISCLOSURES_DIRECTORY = 'disclosures';
export const WATCHLIST_DIRECTORY = 'watchlist';
