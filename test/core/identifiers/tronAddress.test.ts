import { describe, expect, it } from 'vitest';
import { encodeBase58Check } from '../../../core/identifiers/base58check.js';
import { encodeTronAddress, normalizeTronAddress } from '../../../core/identifiers/tronAddress.js';
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

// USDT TRC-20 contract: T… form and its 0x41-prefixed hex form as published by Tether/Tronscan.
const USDT = 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';
const USDT_HEX = 'a614f803b6fd780986a42c78ec9c7f77e6ded13c';

describe('Tron addresses', () => {
  it.each([USDT, 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL'])('accepts %s unchanged', (address) => {
    expect(normalizeTronAddress(address)).toBe(address);
  });

  it('encodes 20 bytes with the 0x41 prefix', () => {
    expect(encodeTronAddress(Uint8Array.from(Buffer.from(USDT_HEX, 'hex')))).toBe(USDT);
  });

  const invalid: Array<[string, string, WalletIdReason]> = [
    [
      'last char case flipped',
      'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6T',
      WalletIdReason.CHECKSUM_MISMATCH,
    ],
    ['one char too few', 'TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqe', WalletIdReason.BAD_LENGTH],
    ['hex form', '0x742d35Cc6634C0532925a3b844Bc9e759', WalletIdReason.BAD_CHARACTER],
    [
      'Bitcoin address',
      '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
      WalletIdReason.UNSUPPORTED_ADDRESS_TYPE,
    ],
  ];
  it.each(invalid)('rejects %s (%s) with %s', (_label, address, reason) => {
    expect(reasonOf(() => normalizeTronAddress(address))).toBe(reason);
  });

  it('rejects a valid base58check payload with a non-Tron version byte', () => {
    const evmPrefixed = encodeBase58Check(0x42, Uint8Array.from(Buffer.from(USDT_HEX, 'hex')));
    expect(reasonOf(() => normalizeTronAddress(evmPrefixed))).toBe(
      WalletIdReason.UNSUPPORTED_ADDRESS_TYPE,
    );
  });
});
