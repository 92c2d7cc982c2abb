import type { Rng } from './createRng.js';

interface AssetProfile {
  /** Decimal places rendered. */
  decimals: number;
  /** Median holding in the asset's unit. */
  median: number;
}

/**
 * Rendered precision and a typical holding per asset. ETH-like assets have 18 decimals on
 * chain; six are enough for registry figures and keep the strings readable.
 */
const ASSET_PROFILES: Readonly<Record<string, AssetProfile>> = {
  BTC: { decimals: 8, median: 0.4 },
  LTC: { decimals: 8, median: 30 },
  ETH: { decimals: 6, median: 4 },
  BNB: { decimals: 6, median: 10 },
  MATIC: { decimals: 6, median: 5_000 },
  POL: { decimals: 6, median: 5_000 },
  TRX: { decimals: 6, median: 40_000 },
  USDT: { decimals: 2, median: 8_000 },
  USDC: { decimals: 2, median: 8_000 },
  EUR: { decimals: 2, median: 10_000 },
  USD: { decimals: 2, median: 10_000 },
  GBP: { decimals: 2, median: 8_000 },
  SGD: { decimals: 2, median: 12_000 },
};
const DEFAULT_PROFILE: AssetProfile = { decimals: 2, median: 1_000 };
// Spread of log-amounts: one sigma is a factor of ~7, so most holdings are small and a few huge.
const LOG_SIGMA = 2;
const MAX_FACTOR = 1e5;

/** Standard normal via Box–Muller. */
function normal(rng: Rng): number {
  const u = 1 - rng.next(); // (0, 1]: log(0) is not a number
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/** A positive decimal string with the asset's usual precision, log-normally spread. */
export function syntheticAmount(rng: Rng, asset: string): string {
  const { decimals, median } = ASSET_PROFILES[asset.toUpperCase()] ?? DEFAULT_PROFILE;
  const factor = Math.min(Math.exp(LOG_SIGMA * normal(rng)), MAX_FACTOR);
  const smallestUnit = 10 ** -decimals;
  return Math.max(median * factor, smallestUnit).toFixed(decimals);
}
