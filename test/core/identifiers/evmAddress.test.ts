import { describe, expect, it } from 'vitest';
import {
  encodeEvmAddress,
  normalizeEvmAddress,
  toChecksumAddress,
} from '../../../core/identifiers/evmAddress.js';
import { WalletIdError, WalletIdReason } from '../../../core/identifiers/WalletIdError.js';

// The test vectors of EIP-55 itself (all caps, all lower, normal).
const EIP55_VECTORS = [
  '0x52908400098527886E0F7030069857D2E4169EE7',
  '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
  '0xde709f2102306220921060314715629080e2fb77',
  '0x27b1fdb04752bbc536007a920d24acb045561c26',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof WalletIdError) return error.reason;
    throw error;
  }
  return undefined;
}

describe('toChecksumAddress', () => {
  it.each(EIP55_VECTORS)('produces the EIP-55 form of %s from lower and upper case', (vector) => {
    const hex = vector.slice(2);
    expect(toChecksumAddress(hex.toLowerCase())).toBe(vector);
    expect(toChecksumAddress(`0x${hex.toUpperCase()}`)).toBe(vector);
  });

  it('refuses non-hex and wrong lengths', () => {
    expect(reasonOf(() => toChecksumAddress('0x' + 'g'.repeat(40)))).toBe(
      WalletIdReason.BAD_CHARACTER,
    );
    expect(reasonOf(() => toChecksumAddress('ab'.repeat(19)))).toBe(WalletIdReason.BAD_LENGTH);
  });
});

describe('normalizeEvmAddress', () => {
  it.each(EIP55_VECTORS)('accepts %s exactly as checksummed', (vector) => {
    expect(normalizeEvmAddress(vector)).toBe(vector);
  });

  it.each(EIP55_VECTORS)('checksums the all-lower and all-upper forms of %s', (vector) => {
    expect(normalizeEvmAddress(vector.toLowerCase())).toBe(vector);
    expect(normalizeEvmAddress(`0x${vector.slice(2).toUpperCase()}`)).toBe(vector);
    expect(normalizeEvmAddress(vector.toUpperCase())).toBe(vector); // 0X prefix
  });

  const invalid: Array<[string, string, WalletIdReason]> = [
    // one letter's case flipped: a mixed-case address is a checksum and must match exactly
    [
      'flipped case',
      '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD',
      WalletIdReason.CHECKSUM_MISMATCH,
    ],
    [
      'flipped case',
      '0xfb6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
      WalletIdReason.CHECKSUM_MISMATCH,
    ],
    ['39 digits', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe', WalletIdReason.BAD_LENGTH],
    ['41 digits', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed0', WalletIdReason.BAD_LENGTH],
    ['non-hex', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAez', WalletIdReason.BAD_CHARACTER],
    ['no 0x', '5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', WalletIdReason.BAD_FORMAT],
  ];
  it.each(invalid)('rejects %s (%s) with %s', (_label, address, reason) => {
    expect(reasonOf(() => normalizeEvmAddress(address))).toBe(reason);
  });
});

describe('encodeEvmAddress', () => {
  it('encodes 20 bytes as the EIP-55 address', () => {
    const bytes = Uint8Array.from(Buffer.from('5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', 'hex'));
    expect(encodeEvmAddress(bytes)).toBe('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed');
  });

  it('refuses anything but 20 bytes', () => {
    expect(reasonOf(() => encodeEvmAddress(new Uint8Array(19)))).toBe(WalletIdReason.BAD_LENGTH);
  });
});
