import { describe, expect, it } from 'vitest';
import { isLei, leiCheckDigits } from '../../../core/identifiers/lei.js';

// Real LEIs: Bloomberg Finance L.P., Apple Inc., Deutsche Bank AG, GLEIF.
const REAL = [
  '5493001KJTIIGC8Y1R12',
  'HWUPKR0MPOU8FGXBT394',
  '7LTWFZYICNSX8D621K86',
  '506700GE1G29325QX363',
];

describe('ISO 17442 LEI', () => {
  it.each(REAL)('validates the real LEI %s and recomputes its check digits', (lei) => {
    expect(isLei(lei)).toBe(true);
    expect(leiCheckDigits(lei.slice(0, 18))).toBe(lei.slice(18));
  });

  it.each(REAL)('rejects %s with one character changed', (lei) => {
    const changedBase = lei.slice(0, 5) + (lei[5] === '9' ? '8' : '9') + lei.slice(6);
    const changedCheck = lei.slice(0, 19) + String((Number(lei[19]) + 1) % 10);
    expect(isLei(changedBase)).toBe(false);
    expect(isLei(changedCheck)).toBe(false);
  });

  it.each([
    ['lower case', '5493001kjtiigc8y1r12'],
    ['19 characters', '5493001KJTIIGC8Y1R1'],
    ['21 characters', '5493001KJTIIGC8Y1R120'],
    ['letters in the check digits', '5493001KJTIIGC8Y1RAB'],
    ['a space', '5493001KJTIIGC8Y1R 2'],
    ['empty', ''],
  ])('rejects malformed input: %s', (_name, value) => {
    expect(isLei(value)).toBe(false);
  });

  it('pads check digits below 10 with a zero and yields valid LEIs', () => {
    const bases = Array.from({ length: 200 }, (_, i) => `5493${String(i).padStart(14, '0')}`);
    const digits = bases.map((base) => leiCheckDigits(base));
    expect(digits.some((check) => check.startsWith('0'))).toBe(true);
    for (const [i, base] of bases.entries()) {
      expect(digits[i]).toMatch(/^\d{2}$/);
      expect(isLei(base + digits[i])).toBe(true);
    }
  });

  it.each(['TOO-SHORT', '5493001kjtiigc8y1r', '5493001KJTIIGC8Y1R12'])(
    'refuses to compute check digits for the base %s',
    (base) => {
      expect(() => leiCheckDigits(base)).toThrow(RangeError);
    },
  );
});
