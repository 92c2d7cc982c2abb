import { createRng } from './createRng.js';
import { syntheticWallet } from './syntheticWallet.js';

export const CROSS_BORDER_WALLET_COUNT = 100;
const CROSS_BORDER_SEED = 'comity-cross-border';

let pool: readonly string[] | undefined;

/**
 * Wallets every jurisdiction's seed includes, so that a cross-border query (a French order's
 * wallet into the German watchlist) finds something. Same list in every process.
 */
export function crossBorderWallets(): readonly string[] {
  if (pool) return pool;
  const rng = createRng(CROSS_BORDER_SEED);
  const wallets = new Set<string>();
  while (wallets.size < CROSS_BORDER_WALLET_COUNT) wallets.add(syntheticWallet(rng));
  pool = Object.freeze([...wallets]);
  return pool;
}
