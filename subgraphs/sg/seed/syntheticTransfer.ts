import {
  BITCOIN_MAINNET,
  BITCOIN_NETWORK,
  CHAIN_ALIASES,
  EIP155_NAMESPACE,
  LITECOIN_MAINNET,
  LITECOIN_NETWORK,
  TRON_MAINNET,
  encodeEvmAddress,
  encodeSegwitAddress,
  encodeTronAddress,
  normalizeWalletId,
  parseCaip10,
} from '../../../core/identifiers/index.js';
import type { Rng } from '../../kit/seed/createRng.js';

/** The other end of a transfer from `walletId`: same chain, an asset that lives there, a hash. */
export interface SyntheticTransfer {
  counterpartWalletId: string;
  asset: string;
  txHash: string;
}

/**
 * A transfer involving `walletId`. The counterpart is drawn on the same chain and the asset
 * is one that chain carries (USDT on Ethereum, Tron and the EVM side-chains), so a seeded
 * disclosure never moves BTC between two Ethereum addresses.
 */
export function syntheticTransfer(rng: Rng, walletId: string): SyntheticTransfer {
  const { namespace, reference } = parseCaip10(walletId);
  const chainId = `${namespace}:${reference}`;
  const hex64 = () => Buffer.from(rng.bytes(32)).toString('hex');
  let counterpart: string;
  let asset: string;
  let txHash: string;
  if (namespace === EIP155_NAMESPACE) {
    counterpart = `${chainId}:${encodeEvmAddress(rng.bytes(20))}`;
    asset = reference === '1' ? rng.pick(['ETH', 'ETH', 'USDT']) : 'USDT';
    txHash = `0x${hex64()}`;
  } else if (chainId === TRON_MAINNET.chainId) {
    counterpart = `${chainId}:${encodeTronAddress(rng.bytes(20))}`;
    asset = rng.pick(['TRX', 'USDT', 'USDT']);
    txHash = hex64();
  } else if (chainId === LITECOIN_MAINNET.chainId) {
    counterpart = `${chainId}:${encodeSegwitAddress(LITECOIN_NETWORK.hrp, 0, rng.bytes(20))}`;
    asset = 'LTC';
    txHash = hex64();
  } else if (chainId === BITCOIN_MAINNET.chainId) {
    counterpart = `${chainId}:${encodeSegwitAddress(BITCOIN_NETWORK.hrp, 0, rng.bytes(20))}`;
    asset = 'BTC';
    txHash = hex64();
  } else {
    throw new RangeError(`no synthetic transfers on chain ${chainId}`);
  }
  return { counterpartWalletId: normalizeWalletId(counterpart), asset, txHash };
}

const ALIAS_BY_CHAIN: ReadonlyMap<string, string> = new Map(
  Object.entries(CHAIN_ALIASES)
    .reverse()
    .map(([alias, chain]) => [chain.chainId, alias]),
);

/**
 * How an exchange writes the wallet in `accountNumber`: mostly CAIP-10, sometimes the short
 * alias form (`eth:0x…` in lower case, `btc:bc1…`), as real documents mix both.
 */
export function toAccountNumber(rng: Rng, walletId: string): string {
  const { namespace, reference, address } = parseCaip10(walletId);
  const alias = ALIAS_BY_CHAIN.get(`${namespace}:${reference}`);
  if (alias === undefined || !rng.chance(0.3)) return walletId;
  return `${alias}:${namespace === EIP155_NAMESPACE ? address.toLowerCase() : address}`;
}
