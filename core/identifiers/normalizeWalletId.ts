import { BITCOIN_NETWORK, LITECOIN_NETWORK, normalizeBitcoinAddress } from './bitcoinAddress.js';
import { parseCaip10, formatCaip10 } from './caip10.js';
import {
  BITCOIN_MAINNET,
  ChainFamily,
  ETHEREUM_MAINNET,
  LITECOIN_MAINNET,
  TRON_MAINNET,
  findChain,
  findChainByAlias,
} from './chains.js';
import type { Chain } from './chains.js';
import { normalizeEvmAddress } from './evmAddress.js';
import { normalizeTronAddress } from './tronAddress.js';
import { RecentResults } from './RecentResults.js';
import { MAX_WALLET_ID_LENGTH, WalletIdError, WalletIdReason } from './WalletIdError.js';

/** The canonical address form on a chain: EIP-55, lower-case bech32, base58 as is. */
export function normalizeAddress(chain: Chain, address: string): string {
  switch (chain.family) {
    case ChainFamily.EVM:
      return normalizeEvmAddress(address);
    case ChainFamily.BITCOIN:
      return normalizeBitcoinAddress(address, BITCOIN_NETWORK);
    case ChainFamily.LITECOIN:
      return normalizeBitcoinAddress(address, LITECOIN_NETWORK);
    case ChainFamily.TRON:
      return normalizeTronAddress(address);
  }
}

/** How an analyst names each family's networks in an error. */
const FAMILY_NAMES: Readonly<Record<ChainFamily, string>> = {
  EVM: 'EVM',
  BITCOIN: 'Bitcoin',
  LITECOIN: 'Litecoin',
  TRON: 'Tron',
};
const FAMILY_CHAINS: readonly Chain[] = [
  ETHEREUM_MAINNET,
  BITCOIN_MAINNET,
  LITECOIN_MAINNET,
  TRON_MAINNET,
];

/** Reasons that say the address is not of the chain's shape, not that it is mistyped. */
const SHAPE_REASONS: ReadonlySet<WalletIdReason> = new Set<WalletIdReason>([
  WalletIdReason.BAD_FORMAT,
  WalletIdReason.BAD_CHARACTER,
  WalletIdReason.BAD_LENGTH,
  WalletIdReason.UNSUPPORTED_ADDRESS_TYPE,
  WalletIdReason.WRONG_NETWORK,
]);

/**
 * `normalizeAddress`, with a refusal that names what the address is: a valid address of
 * another family is WRONG_NETWORK naming it (a Tron address under `btc:`), and one that fits
 * no family under a chain that wants a prefix is NOT_CHAIN_ADDRESS (`eth:bc1…`).
 */
function normalizeOnChain(chain: Chain, address: string): string {
  try {
    return normalizeAddress(chain, address);
  } catch (error) {
    if (!(error instanceof WalletIdError) || !SHAPE_REASONS.has(error.reason)) throw error;
    const owner = FAMILY_CHAINS.find(
      (other) => other.family !== chain.family && isAddressOn(other, address),
    );
    if (owner) {
      throw new WalletIdError(WalletIdReason.WRONG_NETWORK, {
        network: FAMILY_NAMES[owner.family],
      });
    }
    if (error.reason === WalletIdReason.BAD_FORMAT) {
      throw new WalletIdError(WalletIdReason.NOT_CHAIN_ADDRESS, {
        expected: FAMILY_NAMES[chain.family],
      });
    }
    throw error;
  }
}

function isAddressOn(chain: Chain, address: string): boolean {
  try {
    normalizeAddress(chain, address);
    return true;
  } catch {
    return false;
  }
}

/**
 * Canonical ids by exact input. A subgraph normalises every wallet of every representation
 * it is sent (fifty to a hundred in one batched `_entities` call, the same wallets request
 * after request), and an EVM checksum is a keccak-256.
 */
const canonicalByInput = new RecentResults<string>(8_192);

/**
 * The canonical CAIP-10 id of a wallet, from a CAIP-10 id (`eip155:1:0x…`) or an alias
 * (`eth:0x…`, `btc:bc1…`, `trx:T…`). Throws WalletIdError with the reason otherwise.
 * Every edge (GraphQL arguments, importers) goes through here, so two spellings of one
 * wallet always meet under one key.
 */
export function normalizeWalletId(input: unknown): string {
  if (typeof input !== 'string') throw new WalletIdError(WalletIdReason.BAD_FORMAT);
  // Before any parsing: the limit bounds the work an arbitrary caller can cause.
  if (input.length > MAX_WALLET_ID_LENGTH) throw new WalletIdError(WalletIdReason.TOO_LONG);
  const known = canonicalByInput.get(input);
  if (known !== undefined) return known;
  const id = input.trim();
  if (id === '') throw new WalletIdError(WalletIdReason.EMPTY);

  const parts = id.split(':');
  let chain: Chain | undefined;
  let address: string;
  if (parts.length === 3) {
    const parsed = parseCaip10(id);
    chain = findChain(parsed.namespace, parsed.reference);
    address = parsed.address;
  } else if (parts.length === 2) {
    const [alias, rest] = parts as [string, string];
    if (alias === '' || rest === '') throw new WalletIdError(WalletIdReason.BAD_FORMAT);
    chain = findChainByAlias(alias);
    address = rest;
  } else {
    throw new WalletIdError(WalletIdReason.BAD_FORMAT);
  }
  if (!chain) throw new WalletIdError(WalletIdReason.UNKNOWN_CHAIN);

  const canonical = formatCaip10({
    namespace: chain.namespace,
    reference: chain.reference,
    address: normalizeOnChain(chain, address),
  });
  canonicalByInput.set(input, canonical);
  return canonical;
}

/** Whether `input` is a wallet id normalizeWalletId accepts. */
export function isWalletId(input: unknown): boolean {
  try {
    normalizeWalletId(input);
    return true;
  } catch (error) {
    if (error instanceof WalletIdError) return false;
    throw error;
  }
}
