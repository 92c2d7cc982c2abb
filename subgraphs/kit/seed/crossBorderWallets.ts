import { createRng } from './createRng.js';
import type { Rng } from './createRng.js';
import { syntheticWallet } from './syntheticWallet.js';

export const CROSS_BORDER_WALLET_COUNT = 100;
/**
 * Records after this one (1-based, per registry) never reuse a pool wallet. Up to it a few
 * percent do, at random; past it none, so a pool wallet carries the same records at every
 * scale from 10,000 up and the benchmark's scale check follows one wallet whose answer is
 * the same size at 10,000 and at 1,000,000 records: what it measures is the lookup.
 */
export const POOL_REUSE_LAST_RECORD = 10_000;

/** Whether record `index` reuses a random pool wallet: `share` of records up to POOL_REUSE_LAST_RECORD. */
export function reusesPoolWallet(rng: Rng, index: number, share: number): boolean {
  return index <= POOL_REUSE_LAST_RECORD && rng.chance(share);
}
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
