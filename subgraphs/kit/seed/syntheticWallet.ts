import {
  BITCOIN_MAINNET,
  BITCOIN_NETWORK,
  BSC_MAINNET,
  ETHEREUM_MAINNET,
  LITECOIN_MAINNET,
  LITECOIN_NETWORK,
  POLYGON_MAINNET,
  TRON_MAINNET,
  encodeEvmAddress,
  encodeLegacyAddress,
  encodeSegwitAddress,
  encodeTronAddress,
  normalizeWalletId,
} from '../../../core/identifiers/index.js';
import type { Rng } from './createRng.js';

interface WalletKind {
  weight: number;
  make(rng: Rng): string;
}

/**
 * Rough shares of the chains seized and frozen crypto-assets sit on. Each kind builds an
 * address from random bytes with the identifiers encoders.
 */
const WALLET_KINDS: readonly WalletKind[] = [
  { weight: 40, make: (rng) => `${ETHEREUM_MAINNET.chainId}:${encodeEvmAddress(rng.bytes(20))}` },
  // Bitcoin 25: P2PKH, P2SH, P2WPKH, P2TR
  {
    weight: 7,
    make: (rng) =>
      `${BITCOIN_MAINNET.chainId}:${encodeLegacyAddress(BITCOIN_NETWORK, 'P2PKH', rng.bytes(20))}`,
  },
  {
    weight: 5,
    make: (rng) =>
      `${BITCOIN_MAINNET.chainId}:${encodeLegacyAddress(BITCOIN_NETWORK, 'P2SH', rng.bytes(20))}`,
  },
  {
    weight: 9,
    make: (rng) =>
      `${BITCOIN_MAINNET.chainId}:${encodeSegwitAddress(BITCOIN_NETWORK.hrp, 0, rng.bytes(20))}`,
  },
  {
    weight: 4,
    make: (rng) =>
      `${BITCOIN_MAINNET.chainId}:${encodeSegwitAddress(BITCOIN_NETWORK.hrp, 1, rng.bytes(32))}`,
  },
  { weight: 15, make: (rng) => `${TRON_MAINNET.chainId}:${encodeTronAddress(rng.bytes(20))}` },
  { weight: 6, make: (rng) => `${POLYGON_MAINNET.chainId}:${encodeEvmAddress(rng.bytes(20))}` },
  { weight: 4, make: (rng) => `${BSC_MAINNET.chainId}:${encodeEvmAddress(rng.bytes(20))}` },
  // Litecoin 10: L…, M…, ltc1q…
  {
    weight: 4,
    make: (rng) =>
      `${LITECOIN_MAINNET.chainId}:${encodeLegacyAddress(LITECOIN_NETWORK, 'P2PKH', rng.bytes(20))}`,
  },
  {
    weight: 2,
    make: (rng) =>
      `${LITECOIN_MAINNET.chainId}:${encodeLegacyAddress(LITECOIN_NETWORK, 'P2SH', rng.bytes(20))}`,
  },
  {
    weight: 4,
    make: (rng) =>
      `${LITECOIN_MAINNET.chainId}:${encodeSegwitAddress(LITECOIN_NETWORK.hrp, 0, rng.bytes(20))}`,
  },
];
const TOTAL_WEIGHT = WALLET_KINDS.reduce((sum, kind) => sum + kind.weight, 0);

/** A valid, normalised CAIP-10 wallet id on a weighted random chain. */
export function syntheticWallet(rng: Rng): string {
  let roll = rng.next() * TOTAL_WEIGHT;
  let kind = WALLET_KINDS[WALLET_KINDS.length - 1] as WalletKind;
  for (const candidate of WALLET_KINDS) {
    if (roll < candidate.weight) {
      kind = candidate;
      break;
    }
    roll -= candidate.weight;
  }
  // Through the edge normaliser, so seeded data is exactly what a query would ask for.
  return normalizeWalletId(kind.make(rng));
}
