import { describe, expect, it } from 'vitest';
import { encodeBase58Check } from '../../../core/identifiers/base58check.js';
import {
  BITCOIN_NETWORK,
  LITECOIN_NETWORK,
  encodeLegacyAddress,
  encodeSegwitAddress,
  parseBitcoinAddress,
} from '../../../core/identifiers/bitcoinAddress.js';
import type {
  BitcoinAddressType,
  BitcoinNetwork,
} from '../../../core/identifiers/bitcoinAddress.js';
import { WalletIdError, WalletIdReason } from '../../../core/identifiers/WalletIdError.js';

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s, 'hex'));

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof WalletIdError) return error.reason;
    throw error;
  }
  return undefined;
}

// Programs of the BIP-173 / BIP-350 mainnet vectors.
const P2WPKH_PROGRAM = '751e76e8199196d454941c45d1b3a323f1433bd6';
const P2WSH_PROGRAM = '1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262';
const P2TR_PROGRAM = '79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798';
// hash160 in the Bitcoin genesis coinbase output.
const GENESIS_HASH160 = '62e907b15cbf27d5425399ebf6f0fb50ebb88f18';

describe('parseBitcoinAddress on Bitcoin mainnet', () => {
  const valid: Array<[string, string, BitcoinAddressType]> = [
    ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'P2PKH'],
    // BIP-16 P2SH example address used throughout the Bitcoin wiki
    ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'P2SH'],
    // BIP-173 valid vectors; upper case is valid bech32 and normalised to lower case
    [
      'BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
      'P2WPKH',
    ],
    [
      'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3',
      'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3',
      'P2WSH',
    ],
    // BIP-350 valid vector (Taproot, v1, 32 bytes)
    [
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
      'P2TR',
    ],
  ];
  it.each(valid)('accepts %s as %s (%s)', (input, canonical, type) => {
    expect(parseBitcoinAddress(input, BITCOIN_NETWORK)).toEqual({ address: canonical, type });
  });

  const invalid: Array<[string, string, WalletIdReason]> = [
    // BIP-173 / BIP-350 invalid mainnet vectors
    [
      'invalid checksum',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5',
      WalletIdReason.CHECKSUM_MISMATCH,
    ],
    [
      'v0 with bech32m checksum',
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh',
      WalletIdReason.CHECKSUM_MISMATCH,
    ],
    [
      'v1 with bech32 checksum',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd',
      WalletIdReason.CHECKSUM_MISMATCH,
    ],
    [
      'v16 with bech32 checksum',
      'BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL',
      WalletIdReason.CHECKSUM_MISMATCH,
    ],
    [
      'invalid character o',
      'bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4',
      WalletIdReason.BAD_CHARACTER,
    ],
    [
      'witness version 17',
      'BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R',
      WalletIdReason.BAD_FORMAT,
    ],
    ['program of 1 byte', 'bc1pw5dgrnzv', WalletIdReason.BAD_LENGTH],
    [
      'program of 41 bytes',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav',
      WalletIdReason.BAD_LENGTH,
    ],
    ['v0 program of 16 bytes', 'BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', WalletIdReason.BAD_LENGTH],
    ['mixed case v0', 'bc1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', WalletIdReason.MIXED_CASE],
    [
      'more than 4 bits of padding',
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf',
      WalletIdReason.BAD_FORMAT,
    ],
    ['empty data part', 'bc1gmk9yu', WalletIdReason.BAD_LENGTH],
    // BIP-173 vector for a 41-byte program; its v15 carries a bech32 checksum, which BIP-350 refuses first
    [
      'v15 with bech32 checksum',
      'bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90',
      WalletIdReason.CHECKSUM_MISMATCH,
    ],
    [
      'BIP-173 witness version 17',
      'BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2',
      WalletIdReason.BAD_FORMAT,
    ],
    ['over 90 characters', `bc1${'q'.repeat(88)}`, WalletIdReason.BAD_LENGTH],
    [
      'foreign hrp tc',
      'tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut',
      WalletIdReason.WRONG_NETWORK,
    ],
    ['testnet hrp', 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx', WalletIdReason.WRONG_NETWORK],
    // Checksum-valid under BIP-350 but no consensus meaning: refused on purpose
    [
      'v1 program of 40 bytes',
      'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y',
      WalletIdReason.UNSUPPORTED_ADDRESS_TYPE,
    ],
    ['v16 program of 2 bytes', 'BC1SW50QGDZ25J', WalletIdReason.UNSUPPORTED_ADDRESS_TYPE],
    // base58check
    [
      'genesis address, last char changed',
      '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb',
      WalletIdReason.CHECKSUM_MISMATCH,
    ],
    [
      'P2SH, one char changed',
      '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz',
      WalletIdReason.CHECKSUM_MISMATCH,
    ],
    [
      'base58 excludes 0, O, I, l',
      '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfN0',
      WalletIdReason.BAD_CHARACTER,
    ],
    ['truncated', '1A1zP1eP5QGefi2DMPTfTL5SLmv7Div', WalletIdReason.BAD_LENGTH],
    ['Litecoin P2PKH', 'LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz', WalletIdReason.WRONG_NETWORK],
  ];
  it.each(invalid)('rejects %s (%s) with %s', (_label, address, reason) => {
    expect(reasonOf(() => parseBitcoinAddress(address, BITCOIN_NETWORK))).toBe(reason);
  });
});

describe('parseBitcoinAddress against the BIP-350 testnet vectors', () => {
  // The interface takes any network; testnet is used here only to run the vectors as published.
  const TESTNET: BitcoinNetwork = {
    name: 'testnet',
    hrp: 'tb',
    p2pkhVersion: 0x6f,
    p2shVersions: [0xc4],
  };
  const cases: Array<[string, string, WalletIdReason]> = [
    [
      'mixed case',
      'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq',
      WalletIdReason.MIXED_CASE,
    ],
    [
      'non-zero padding',
      'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j',
      WalletIdReason.BAD_FORMAT,
    ],
    [
      'v0 with bech32m checksum',
      'tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47',
      WalletIdReason.CHECKSUM_MISMATCH,
    ],
  ];
  it.each(cases)('rejects %s (%s) with %s', (_label, address, reason) => {
    expect(reasonOf(() => parseBitcoinAddress(address, TESTNET))).toBe(reason);
  });

  it('accepts the BIP-350 testnet P2TR vector', () => {
    const address = 'tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c';
    expect(parseBitcoinAddress(address, TESTNET)).toEqual({ address, type: 'P2TR' });
  });
});

describe('parseBitcoinAddress on Litecoin mainnet', () => {
  const ltcP2wpkh = encodeSegwitAddress('ltc', 0, hex(P2WPKH_PROGRAM));
  const valid: Array<[string, string, BitcoinAddressType]> = [
    ['LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz', 'LaMT348PWRnrqeeWArpwQPbuanpXDZGEUz', 'P2PKH'],
    ['MQMcJhpWHYVeQArcZR3sBgyPZxxRtnH441', 'MQMcJhpWHYVeQArcZR3sBgyPZxxRtnH441', 'P2SH'],
    // legacy Litecoin P2SH (version 0x05) still shown by wallets
    ['3MSvaVbVFFLML86rt5eqgA9SvW23upaXdY', '3MSvaVbVFFLML86rt5eqgA9SvW23upaXdY', 'P2SH'],
    [ltcP2wpkh.toUpperCase(), ltcP2wpkh, 'P2WPKH'],
  ];
  it.each(valid)('accepts %s as %s (%s)', (input, canonical, type) => {
    expect(parseBitcoinAddress(input, LITECOIN_NETWORK)).toEqual({ address: canonical, type });
  });

  it.each([
    ['Bitcoin P2PKH', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'],
    ['Bitcoin segwit', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'],
  ])('rejects a %s address as WRONG_NETWORK', (_label, address) => {
    expect(reasonOf(() => parseBitcoinAddress(address, LITECOIN_NETWORK))).toBe(
      WalletIdReason.WRONG_NETWORK,
    );
  });

  it('rejects an ltc1 address with a broken checksum', () => {
    const broken = ltcP2wpkh.slice(0, -1) + (ltcP2wpkh.endsWith('q') ? 'p' : 'q');
    expect(reasonOf(() => parseBitcoinAddress(broken, LITECOIN_NETWORK))).toBe(
      WalletIdReason.CHECKSUM_MISMATCH,
    );
  });
});

describe('encoders', () => {
  it('reproduce the BIP-173 and BIP-350 vectors', () => {
    expect(encodeSegwitAddress('bc', 0, hex(P2WPKH_PROGRAM))).toBe(
      'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4',
    );
    expect(encodeSegwitAddress('bc', 0, hex(P2WSH_PROGRAM))).toBe(
      'bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3',
    );
    expect(encodeSegwitAddress('bc', 1, hex(P2TR_PROGRAM))).toBe(
      'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0',
    );
  });

  it('reproduce the genesis address from its hash160', () => {
    expect(encodeBase58Check(0x00, hex(GENESIS_HASH160))).toBe(
      '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    );
    expect(encodeLegacyAddress(BITCOIN_NETWORK, 'P2PKH', hex(GENESIS_HASH160))).toBe(
      '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
    );
  });

  it('give Litecoin addresses their own prefixes', () => {
    expect(encodeLegacyAddress(LITECOIN_NETWORK, 'P2PKH', hex(GENESIS_HASH160))).toMatch(/^L/);
    expect(encodeLegacyAddress(LITECOIN_NETWORK, 'P2SH', hex(GENESIS_HASH160))).toMatch(/^M/);
    expect(encodeSegwitAddress('ltc', 0, hex(P2WPKH_PROGRAM))).toMatch(/^ltc1q/);
  });
});

describe('legacy addresses that begin like a bech32 prefix', () => {
  // Found at 641,000 records of a 1M seed: a Litecoin P2PKH address whose first letters
  // read `ltc1` case-insensitively was taken for mixed-case bech32 and refused.
  const hash160 = Uint8Array.from(Buffer.from('5becb27ce21defe6911e431471ce140bf2bed7f3', 'hex'));

  it('accepts a Litecoin P2PKH address starting "LTc1" as the legacy address it is', () => {
    const address = encodeLegacyAddress(LITECOIN_NETWORK, 'P2PKH', hash160);
    expect(address).toBe('LTc1JgRpxPXnrkczFDinP3avneMfXudhty');
    expect(parseBitcoinAddress(address, LITECOIN_NETWORK)).toEqual({ address, type: 'P2PKH' });
  });

  it('still refuses a mixed-case bech32 address that is no base58check address', () => {
    const segwit = encodeSegwitAddress('ltc', 0, hash160);
    const mixed = `LTC${segwit.slice(3)}`;
    expect(() => parseBitcoinAddress(mixed, LITECOIN_NETWORK)).toThrow(
      expect.objectContaining({ reason: 'MIXED_CASE' }),
    );
  });
});
