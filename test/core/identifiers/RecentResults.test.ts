import { describe, expect, it } from 'vitest';
import { RecentResults } from '../../../core/identifiers/RecentResults.js';
import {
  decodeBase58CheckAddress,
  encodeBase58Check,
} from '../../../core/identifiers/base58check.js';
import {
  BITCOIN_NETWORK,
  encodeSegwitAddress,
  parseBitcoinAddress,
} from '../../../core/identifiers/bitcoinAddress.js';
import { encodeEvmAddress, normalizeEvmAddress } from '../../../core/identifiers/evmAddress.js';
import { WalletIdError, WalletIdReason } from '../../../core/identifiers/WalletIdError.js';

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof WalletIdError) return error.reason;
    throw error;
  }
  return undefined;
}

/** Flips the case of the first letter that has one: a one-character typo in EIP-55. */
function flipFirstLetter(address: string): string {
  const at = address.slice(2).search(/[a-fA-F]/) + 2;
  const letter = address[at]!;
  const flipped = letter === letter.toLowerCase() ? letter.toUpperCase() : letter.toLowerCase();
  return `${address.slice(0, at)}${flipped}${address.slice(at + 1)}`;
}

describe('RecentResults', () => {
  it('returns what was set and empties itself when full', () => {
    const results = new RecentResults<number>(2);
    results.set('a', 1);
    results.set('b', 2);
    expect([results.get('a'), results.get('b')]).toEqual([1, 2]);
    results.set('c', 3);
    expect([results.get('a'), results.get('b'), results.get('c')]).toEqual([
      undefined,
      undefined,
      3,
    ]);
  });
});

// The identifiers memoise recent results; a memo must never accept what the check refuses.
describe('memoised address checks', () => {
  it('still refuses a mistyped EIP-55 address right after encoding the right one', () => {
    const address = encodeEvmAddress(new Uint8Array(20).fill(0xab));
    expect(normalizeEvmAddress(address)).toBe(address);
    expect(reasonOf(() => normalizeEvmAddress(flipFirstLetter(address)))).toBe(
      WalletIdReason.CHECKSUM_MISMATCH,
    );
  });

  it('hands out a fresh payload on every Base58Check decode', () => {
    const payload = new Uint8Array(20).fill(7);
    const address = encodeBase58Check(0x00, payload);
    const first = decodeBase58CheckAddress(address);
    first.payload.fill(0);
    expect(decodeBase58CheckAddress(address)).toEqual({ version: 0x00, payload });
  });

  it('still refuses a segwit address with one character changed after encoding it', () => {
    const address = encodeSegwitAddress('bc', 0, new Uint8Array(20).fill(3));
    expect(parseBitcoinAddress(address, BITCOIN_NETWORK)).toEqual({ address, type: 'P2WPKH' });
    expect(parseBitcoinAddress(address.toUpperCase(), BITCOIN_NETWORK)).toEqual({
      address,
      type: 'P2WPKH',
    });
    const last = address[address.length - 1] === 'q' ? 'p' : 'q';
    expect(reasonOf(() => parseBitcoinAddress(address.slice(0, -1) + last, BITCOIN_NETWORK))).toBe(
      WalletIdReason.CHECKSUM_MISMATCH,
    );
  });
});
