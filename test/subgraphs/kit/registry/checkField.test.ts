import { describe, expect, it } from 'vitest';
import {
  FieldError,
  requireCountry,
  requireDate,
  requireDecimal,
  requireWalletId,
} from '../../../../subgraphs/kit/registry/checkField.js';

describe('requireDate', () => {
  it.each([
    ['2024-03-01', '2024-03-01'],
    ['2024-02-29', '2024-02-29'],
    ['2024-03-01T10:00:00Z', '2024-03-01T10:00:00.000Z'],
    ['2024-03-01T10:00:00+02:00', '2024-03-01T08:00:00.000Z'],
  ])('accepts %s as %s', (input, expected) => {
    expect(requireDate(input, 'issuedAt')).toBe(expected);
  });

  it.each(['2023-02-29', '2024-02-30T00:00:00Z', '2024-13-01', '01/03/2024', '2024-03-01 10:00'])(
    'rejects %s naming the field',
    (input) => {
      expect(() => requireDate(input, 'issuedAt')).toThrow(FieldError);
      expect(() => requireDate(input, 'issuedAt')).toThrow(/issuedAt/);
    },
  );

  it('names a missing field', () => {
    expect(() => requireDate(undefined, 'issuedAt')).toThrow('missing field "issuedAt"');
  });
});

describe('other checks', () => {
  it('accepts decimals as strings and refuses floats in exponent form', () => {
    expect(requireDecimal('12.50', 'amount')).toBe('12.50');
    expect(() => requireDecimal('1e5', 'amount')).toThrow(/bad decimal/);
  });

  it('accepts ISO alpha-2 countries only', () => {
    expect(requireCountry('FR', 'country')).toBe('FR');
    expect(() => requireCountry('fra', 'country')).toThrow(/bad country/);
  });

  it('normalises a wallet and names the reason when it is bad', () => {
    expect(requireWalletId('eth:0x52908400098527886e0f7030069857d2e4169ee7', 'wallet')).toBe(
      'eip155:1:0x52908400098527886E0F7030069857D2E4169EE7',
    );
    expect(() =>
      requireWalletId('eth:0x52908400098527886E0F7030069857D2E4169Ee7', 'wallet'),
    ).toThrow(/bad address in "wallet": checksum mismatch/);
  });
});
