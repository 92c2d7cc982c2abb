import { describe, expect, it } from 'vitest';
import { isWalletId, normalizeWalletId } from '../../../core/identifiers/normalizeWalletId.js';
import {
  MAX_WALLET_ID_LENGTH,
  WalletIdError,
  WalletIdReason,
} from '../../../core/identifiers/WalletIdError.js';

const BTC = 'bip122:000000000019d6689c085ae165831e93';
const LTC = 'bip122:12a765e31ffd4059bada1e25190f6e98';
const TRON = 'tron:728126428';
const VITALIK_LIKE = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'; // EIP-55 vector

function errorOf(fn: () => unknown): WalletIdError | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof WalletIdError) return error;
    throw error;
  }
  return undefined;
}

describe('normalizeWalletId: accepted spellings', () => {
  const cases: Array<[string, string]> = [
    // EVM, CAIP-10 and aliases, lower/upper case checksummed
    [`eip155:1:${VITALIK_LIKE}`, `eip155:1:${VITALIK_LIKE}`],
    [`eip155:1:${VITALIK_LIKE.toLowerCase()}`, `eip155:1:${VITALIK_LIKE}`],
    [`eth:${VITALIK_LIKE.toLowerCase()}`, `eip155:1:${VITALIK_LIKE}`],
    [`ETH:${VITALIK_LIKE}`, `eip155:1:${VITALIK_LIKE}`],
    [`polygon:0x${VITALIK_LIKE.slice(2).toUpperCase()}`, `eip155:137:${VITALIK_LIKE}`],
    [`matic:${VITALIK_LIKE}`, `eip155:137:${VITALIK_LIKE}`],
    [`bsc:${VITALIK_LIKE}`, `eip155:56:${VITALIK_LIKE}`],
    [`arb:${VITALIK_LIKE}`, `eip155:42161:${VITALIK_LIKE}`],
    [`arbitrum:${VITALIK_LIKE}`, `eip155:42161:${VITALIK_LIKE}`],
    [`base:${VITALIK_LIKE}`, `eip155:8453:${VITALIK_LIKE}`],
    [`op:${VITALIK_LIKE}`, `eip155:10:${VITALIK_LIKE}`],
    [`optimism:${VITALIK_LIKE}`, `eip155:10:${VITALIK_LIKE}`],
    // any positive EIP-155 chain id
    [`eip155:11155111:${VITALIK_LIKE.toLowerCase()}`, `eip155:11155111:${VITALIK_LIKE}`],
    // Bitcoin
    [`${BTC}:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa`, `${BTC}:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa`],
    ['btc:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', `${BTC}:3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy`],
    [
      'btc:BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
      `${BTC}:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4`,
    ],
    [
      `${BTC}:bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0`,
      `${BTC}:bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0`,
    ],
    // Litecoin
    ['ltc:LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz', `${LTC}:LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz`],
    [`${LTC}:MQMcJhpWHYVeQArcZR3sBgyPZxxRtnH441`, `${LTC}:MQMcJhpWHYVeQArcZR3sBgyPZxxRtnH441`],
    // Tron: aliases, the ChainAgnostic reference and the legacy hex reference
    ['trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', `${TRON}:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t`],
    ['tron:TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL', `${TRON}:TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL`],
    [`${TRON}:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t`, `${TRON}:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t`],
    [
      'tron:0x2b6653dc:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      `${TRON}:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t`,
    ],
    // surrounding whitespace
    [`  \teth:${VITALIK_LIKE}\n`, `eip155:1:${VITALIK_LIKE}`],
  ];
  it.each(cases)('%s → %s', (input, expected) => {
    expect(normalizeWalletId(input)).toBe(expected);
    // canonical output is a fixed point
    expect(normalizeWalletId(expected)).toBe(expected);
  });
});

describe('normalizeWalletId: refused input', () => {
  const cases: Array<[string, unknown, WalletIdReason]> = [
    ['empty', '', WalletIdReason.EMPTY],
    ['whitespace only', ' \t\n ', WalletIdReason.EMPTY],
    ['oversized', `eth:${'0'.repeat(MAX_WALLET_ID_LENGTH)}`, WalletIdReason.TOO_LONG],
    ['oversized garbage (checked before parsing)', ':'.repeat(10_000), WalletIdReason.TOO_LONG],
    ['number', 42, WalletIdReason.BAD_FORMAT],
    ['null', null, WalletIdReason.BAD_FORMAT],
    ['object', { id: 'eth:0x00' }, WalletIdReason.BAD_FORMAT],
    ['bare address', VITALIK_LIKE, WalletIdReason.BAD_FORMAT],
    ['four parts', `eip155:1:${VITALIK_LIKE}:x`, WalletIdReason.BAD_FORMAT],
    ['empty alias', `:${VITALIK_LIKE}`, WalletIdReason.BAD_FORMAT],
    ['unknown alias', `doge:${VITALIK_LIKE}`, WalletIdReason.UNKNOWN_CHAIN],
    [
      'unknown namespace',
      `solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp:${VITALIK_LIKE}`,
      WalletIdReason.UNKNOWN_CHAIN,
    ],
    ['eip155 chain id 0', `eip155:0:${VITALIK_LIKE}`, WalletIdReason.UNKNOWN_CHAIN],
    ['eip155 leading zero', `eip155:01:${VITALIK_LIKE}`, WalletIdReason.UNKNOWN_CHAIN],
    [
      'bip122 testnet',
      `bip122:000000000933ea01ad0ee984209779ba:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa`,
      WalletIdReason.UNKNOWN_CHAIN,
    ],
    [
      'tron testnet (Shasta)',
      'tron:2494104990:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
      WalletIdReason.UNKNOWN_CHAIN,
    ],
    [
      'EIP-55 mismatch',
      'eth:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD',
      WalletIdReason.CHECKSUM_MISMATCH,
    ],
    ['EVM short', 'eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea', WalletIdReason.BAD_LENGTH],
    ['EVM non-hex', 'eth:0x5aaeb6053f3e94c9b9a09f33669435e7ef1beag', WalletIdReason.BAD_CHARACTER],
    ['EVM address under btc', `btc:${VITALIK_LIKE}`, WalletIdReason.WRONG_NETWORK],
    [
      'mixed-case bech32',
      'btc:bc1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
      WalletIdReason.MIXED_CASE,
    ],
    [
      'bech32 checksum',
      'btc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5',
      WalletIdReason.CHECKSUM_MISMATCH,
    ],
    ['base58 checksum', 'btc:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', WalletIdReason.CHECKSUM_MISMATCH],
    [
      'Litecoin address under btc',
      'btc:LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz',
      WalletIdReason.WRONG_NETWORK,
    ],
    [
      'Bitcoin segwit under ltc',
      'ltc:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      WalletIdReason.WRONG_NETWORK,
    ],
    ['Tron checksum', 'trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T', WalletIdReason.CHECKSUM_MISMATCH],
    [
      'Bitcoin address under trx',
      'trx:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
      WalletIdReason.WRONG_NETWORK,
    ],
    ['not an address at all under eth', 'eth:hello', WalletIdReason.NOT_CHAIN_ADDRESS],
  ];
  it.each(cases)('%s → %s', (_label, input, reason) => {
    const error = errorOf(() => normalizeWalletId(input));
    expect(error?.reason).toBe(reason);
    expect(isWalletId(input)).toBe(false);
  });

  // A valid address filed under the wrong chain is named for what it is, so the analyst
  // knows to re-file it rather than to look for a typo.
  it.each([
    ['Tron under btc', 'btc:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'Tron'],
    ['Tron under eth', 'eth:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'Tron'],
    ['Bitcoin under eth', 'eth:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'Bitcoin'],
    ['Bitcoin segwit under eth', 'eth:bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'Bitcoin'],
    ['Bitcoin under trx', 'trx:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'Bitcoin'],
    ['EVM under trx', `trx:${VITALIK_LIKE}`, 'EVM'],
    ['Litecoin under btc', 'btc:LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz', 'Litecoin'],
  ])('%s is WRONG_NETWORK naming %s', (_label, input, network) => {
    const error = errorOf(() => normalizeWalletId(input));
    expect(error?.reason).toBe(WalletIdReason.WRONG_NETWORK);
    expect(error?.network).toBe(network);
    expect(error?.message).toBe(`address belongs to a different network (${network})`);
  });

  it('says an address fitting no chain is not of the named chain, not a bad id format', () => {
    const error = errorOf(() => normalizeWalletId('eth:hello'));
    expect(error?.message).toBe('not an EVM address');
  });

  it('writes messages for people, without echoing the input', () => {
    expect(
      errorOf(() => normalizeWalletId('eth:0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD'))?.message,
    ).toBe('checksum mismatch');
    expect(errorOf(() => normalizeWalletId('doge:x'))?.message).toBe('unknown chain');
    expect(
      errorOf(() => normalizeWalletId('btc:bc1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4'))?.message,
    ).toBe('mixed-case bech32');
    expect(errorOf(() => normalizeWalletId('x'.repeat(300)))?.message).toBe(
      'too long (max 256 characters)',
    );
    expect(errorOf(() => normalizeWalletId(''))?.message).toBe('empty');
  });

  it('accepts exactly 256 characters before trimming and refuses 257', () => {
    const id = `eth:${VITALIK_LIKE}`;
    const padded = id + ' '.repeat(MAX_WALLET_ID_LENGTH - id.length);
    expect(normalizeWalletId(padded)).toBe(`eip155:1:${VITALIK_LIKE}`);
    expect(errorOf(() => normalizeWalletId(`${padded} `))?.reason).toBe(WalletIdReason.TOO_LONG);
  });

  it('answers a repeated input as the first time, and keeps refusing a bad one', () => {
    // Results are remembered by exact input (a subgraph sees the same wallets all day):
    // every spelling keeps its own entry, failures are never remembered, and the memo
    // empties when full without changing an answer.
    const spellings = [
      `eth:${VITALIK_LIKE.toLowerCase()}`,
      `  eip155:1:${VITALIK_LIKE.toUpperCase().replace('0X', '0x')} `,
      `eip155:1:${VITALIK_LIKE}`,
    ];
    for (let pass = 0; pass < 3; pass++) {
      for (const spelling of spellings) {
        expect(normalizeWalletId(spelling)).toBe(`eip155:1:${VITALIK_LIKE}`);
      }
      const mismatch = `eth:${VITALIK_LIKE.slice(0, -1)}D`;
      expect(errorOf(() => normalizeWalletId(mismatch))?.reason).toBe(
        WalletIdReason.CHECKSUM_MISMATCH,
      );
      // More distinct wallets than the memo holds, between passes.
      for (let i = 0; i < 10_000; i++) {
        const hex = String(i).padStart(40, '0'); // digits only: EIP-55 changes no case
        expect(normalizeWalletId(`eth:0x${hex}`)).toBe(`eip155:1:0x${hex}`);
      }
    }
  });
});
