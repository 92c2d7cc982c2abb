import { describe, expect, it } from 'vitest';
import { formatCaip10, parseCaip10 } from '../../../core/identifiers/caip10.js';
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

describe('parseCaip10', () => {
  // Examples from the CAIP-10 specification.
  const valid: Array<[string, string, string, string]> = [
    [
      'eip155:1:0xab16a96D359eC26a11e2C2b3d8f8B8942d5Bfcdb',
      'eip155',
      '1',
      '0xab16a96D359eC26a11e2C2b3d8f8B8942d5Bfcdb',
    ],
    [
      'bip122:000000000019d6689c085ae165831e93:128Lkh3S7CkDTBZ8W7BbpsN3YYizJMp8p6',
      'bip122',
      '000000000019d6689c085ae165831e93',
      '128Lkh3S7CkDTBZ8W7BbpsN3YYizJMp8p6',
    ],
    [
      'cosmos:cosmoshub-3:cosmos1t2uflqwqe0fsj0shcfkrvpukewcw40yjj6hdc0',
      'cosmos',
      'cosmoshub-3',
      'cosmos1t2uflqwqe0fsj0shcfkrvpukewcw40yjj6hdc0',
    ],
    [
      'chainstd:8c3444cf8970a9e41a706fab93e7a6c4:6d9b0b4b9994e8a6afbd3dc3ed983cd51c755afb27cd1dc7825ef59c134a39f7',
      'chainstd',
      '8c3444cf8970a9e41a706fab93e7a6c4',
      '6d9b0b4b9994e8a6afbd3dc3ed983cd51c755afb27cd1dc7825ef59c134a39f7',
    ],
  ];
  it.each(valid)('splits %s', (id, namespace, reference, address) => {
    expect(parseCaip10(id)).toEqual({ namespace, reference, address });
    expect(formatCaip10({ namespace, reference, address })).toBe(id);
  });

  const invalid: Array<[string, string]> = [
    ['namespace too short', 'ab:1:0x00'],
    ['namespace too long', 'abcdefghi:1:0x00'],
    ['upper-case namespace', 'EIP155:1:0x00'],
    ['reference too long', `eip155:${'1'.repeat(33)}:0x00`],
    ['address too long', `eip155:1:${'a'.repeat(129)}`],
    ['address character outside the set', 'eip155:1:0x00/1'],
    ['missing address', 'eip155:1:'],
    ['two parts', 'eip155:0x00'],
  ];
  it.each(invalid)('rejects %s (%s) as BAD_FORMAT', (_label, id) => {
    expect(reasonOf(() => parseCaip10(id))).toBe(WalletIdReason.BAD_FORMAT);
  });

  it('formatCaip10 refuses parts outside the syntax', () => {
    expect(
      reasonOf(() => formatCaip10({ namespace: 'eip155', reference: '1', address: 'a:b' })),
    ).toBe(WalletIdReason.BAD_FORMAT);
  });
});
