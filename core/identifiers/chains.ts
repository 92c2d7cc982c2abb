/**
 * The chains Comity accepts wallet ids on, as CAIP-2 chain ids
 * (https://github.com/ChainAgnostic/CAIPs/blob/main/CAIPs/caip-2.md).
 */

export const ChainFamily = {
  EVM: 'EVM',
  BITCOIN: 'BITCOIN',
  LITECOIN: 'LITECOIN',
  TRON: 'TRON',
} as const;
export type ChainFamily = (typeof ChainFamily)[keyof typeof ChainFamily];

export interface Chain {
  /** CAIP-2 id, `namespace:reference`. */
  readonly chainId: string;
  readonly namespace: string;
  readonly reference: string;
  readonly family: ChainFamily;
  /** Human name for docs and logs. */
  readonly name: string;
}

export const EIP155_NAMESPACE = 'eip155';
export const BIP122_NAMESPACE = 'bip122';
export const TRON_NAMESPACE = 'tron';

/**
 * bip122 references are the first 32 hex characters of the genesis block hash (BIP-122);
 * both values appear verbatim in the CAIP-2 test cases.
 */
export const BITCOIN_MAINNET: Chain = {
  chainId: 'bip122:000000000019d6689c085ae165831e93',
  namespace: BIP122_NAMESPACE,
  reference: '000000000019d6689c085ae165831e93',
  family: ChainFamily.BITCOIN,
  name: 'Bitcoin',
};

export const LITECOIN_MAINNET: Chain = {
  chainId: 'bip122:12a765e31ffd4059bada1e25190f6e98',
  namespace: BIP122_NAMESPACE,
  reference: '12a765e31ffd4059bada1e25190f6e98',
  family: ChainFamily.LITECOIN,
  name: 'Litecoin',
};

/**
 * The TRON namespace (ChainAgnostic/namespaces `tron/caip2.md`, Draft, 2025-07) makes the
 * reference the decimal value of `eth_chainId`, the last four bytes of the genesis block
 * hash: mainnet 0x2b6653dc → `tron:728126428` (also the id in `tron/caip10.md` test cases).
 */
export const TRON_MAINNET: Chain = {
  chainId: 'tron:728126428',
  namespace: TRON_NAMESPACE,
  reference: '728126428',
  family: ChainFamily.TRON,
  name: 'Tron',
};

/**
 * Before the TRON namespace was written down, WalletConnect integrations used the hex form
 * `tron:0x2b6653dc`; such ids still circulate, so they are read and rewritten.
 */
const TRON_LEGACY_REFERENCES: ReadonlySet<string> = new Set(['0x2b6653dc']);

const EVM_NAMES: Readonly<Record<string, string>> = {
  '1': 'Ethereum',
  '10': 'OP Mainnet',
  '56': 'BNB Smart Chain',
  '137': 'Polygon PoS',
  '8453': 'Base',
  '42161': 'Arbitrum One',
};

/** The EVM chain with this EIP-155 chain id (any positive integer). */
export function evmChain(chainId: number | string): Chain {
  const reference = String(chainId);
  return {
    chainId: `${EIP155_NAMESPACE}:${reference}`,
    namespace: EIP155_NAMESPACE,
    reference,
    family: ChainFamily.EVM,
    name: EVM_NAMES[reference] ?? `EVM chain ${reference}`,
  };
}

export const ETHEREUM_MAINNET: Chain = evmChain(1);
export const POLYGON_MAINNET: Chain = evmChain(137);
export const BSC_MAINNET: Chain = evmChain(56);
export const ARBITRUM_ONE: Chain = evmChain(42161);
export const BASE_MAINNET: Chain = evmChain(8453);
export const OPTIMISM_MAINNET: Chain = evmChain(10);

/** Short chain names accepted in place of a CAIP-2 id (`eth:0x…`), lower case. */
export const CHAIN_ALIASES: Readonly<Record<string, Chain>> = {
  eth: ETHEREUM_MAINNET,
  polygon: POLYGON_MAINNET,
  matic: POLYGON_MAINNET,
  bsc: BSC_MAINNET,
  arb: ARBITRUM_ONE,
  arbitrum: ARBITRUM_ONE,
  base: BASE_MAINNET,
  op: OPTIMISM_MAINNET,
  optimism: OPTIMISM_MAINNET,
  btc: BITCOIN_MAINNET,
  ltc: LITECOIN_MAINNET,
  trx: TRON_MAINNET,
  tron: TRON_MAINNET,
};

// EIP-155 chain ids are positive integers written in decimal without leading zeros.
const EIP155_REFERENCE = /^[1-9][0-9]{0,31}$/;

/** The supported chain behind a CAIP-2 namespace and reference, or undefined. */
export function findChain(namespace: string, reference: string): Chain | undefined {
  switch (namespace) {
    case EIP155_NAMESPACE:
      return EIP155_REFERENCE.test(reference) ? evmChain(reference) : undefined;
    case BIP122_NAMESPACE:
      if (reference === BITCOIN_MAINNET.reference) return BITCOIN_MAINNET;
      if (reference === LITECOIN_MAINNET.reference) return LITECOIN_MAINNET;
      return undefined;
    case TRON_NAMESPACE:
      return reference === TRON_MAINNET.reference || TRON_LEGACY_REFERENCES.has(reference)
        ? TRON_MAINNET
        : undefined;
    default:
      return undefined;
  }
}

/** The chain behind a short alias (case-insensitive), or undefined. */
export function findChainByAlias(alias: string): Chain | undefined {
  const key = alias.toLowerCase();
  return Object.hasOwn(CHAIN_ALIASES, key) ? CHAIN_ALIASES[key] : undefined;
}
