/**
 * Decimal places of each asset's smallest unit: the satoshi (BTC, LTC: 8), wei (ETH, BNB,
 * MATIC, POL: 18), TRX's sun (6), USDT and USDC as ERC-20 tokens (6), and the minor unit of
 * ISO 4217 currencies (2).
 */
export const ASSET_DECIMALS: Readonly<Record<string, number>> = {
  BTC: 8,
  LTC: 8,
  ETH: 18,
  BNB: 18,
  MATIC: 18,
  POL: 18,
  TRX: 6,
  USDT: 6,
  USDC: 6,
  EUR: 2,
  USD: 2,
  GBP: 2,
  SGD: 2,
};

/** The asset's decimal places, or null for an asset Comity does not know the unit of. */
export function assetDecimals(asset: string): number | null {
  return Object.hasOwn(ASSET_DECIMALS, asset) ? ASSET_DECIMALS[asset]! : null;
}

/** `"1.5"` BTC → 150000000n. Throws a RangeError on an unknown asset or finer precision. */
export function toUnits(amount: string, asset: string): bigint {
  const decimals = assetDecimals(asset);
  if (decimals === null) throw new RangeError(`no unit known for asset ${asset}`);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!match) throw new RangeError(`not a non-negative decimal: ${JSON.stringify(amount)}`);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) {
    throw new RangeError(`${asset} has ${decimals} decimal places`);
  }
  return BigInt(match[1]! + fraction.padEnd(decimals, '0'));
}

/** 150000000n BTC → `"1.5"`: the shortest decimal form. */
export function fromUnits(units: bigint, asset: string): string {
  const decimals = assetDecimals(asset);
  if (decimals === null) throw new RangeError(`no unit known for asset ${asset}`);
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const fraction = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}
