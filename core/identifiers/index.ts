export {
  WalletIdError,
  WalletIdReason,
  MAX_WALLET_ID_LENGTH,
  WALLET_ID_REASON_MESSAGES,
} from './WalletIdError.js';
export {
  ChainFamily,
  CHAIN_ALIASES,
  EIP155_NAMESPACE,
  BIP122_NAMESPACE,
  TRON_NAMESPACE,
  BITCOIN_MAINNET,
  LITECOIN_MAINNET,
  TRON_MAINNET,
  ETHEREUM_MAINNET,
  POLYGON_MAINNET,
  BSC_MAINNET,
  ARBITRUM_ONE,
  BASE_MAINNET,
  OPTIMISM_MAINNET,
  evmChain,
  findChain,
  findChainByAlias,
} from './chains.js';
export type { Chain } from './chains.js';
export { toChecksumAddress, normalizeEvmAddress, encodeEvmAddress } from './evmAddress.js';
export { encodeBase58Check, decodeBase58CheckAddress } from './base58check.js';
export type { Base58CheckAddress } from './base58check.js';
export {
  BITCOIN_NETWORK,
  LITECOIN_NETWORK,
  encodeSegwitAddress,
  encodeLegacyAddress,
  parseBitcoinAddress,
  normalizeBitcoinAddress,
} from './bitcoinAddress.js';
export type { BitcoinNetwork, BitcoinAddress, BitcoinAddressType } from './bitcoinAddress.js';
export { TRON_ADDRESS_VERSION, encodeTronAddress, normalizeTronAddress } from './tronAddress.js';
export {
  parseCaip10,
  formatCaip10,
  CAIP2_NAMESPACE_PATTERN,
  CAIP2_REFERENCE_PATTERN,
  CAIP10_ADDRESS_PATTERN,
} from './caip10.js';
export type { Caip10AccountId } from './caip10.js';
export { normalizeWalletId, normalizeAddress, isWalletId } from './normalizeWalletId.js';
