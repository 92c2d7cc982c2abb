import { describe, expect, it } from 'vitest';
import { normalizeName } from '../../../core/matching/normalizeName.js';
import type { MatchSchema } from '../../../core/matching/normalizeName.js';
import { toLatin } from '../../../core/matching/toLatin.js';

describe('toLatin', () => {
  it.each([
    ['Élodie Müller', 'Elodie Muller'],
    ['Виктор Петров', 'Viktor Petrov'],
    ['Δημήτριος Παπαδόπουλος', 'Dimitrios Papadopoulos'],
    ['Βασιλείου', 'Vasileiou'],
    ['محمد', 'mhmd'],
    ['Łukasz Wiśniewski', 'Lukasz Wisniewski'],
  ])('%s → %s', (input, expected) => {
    expect(toLatin(input)).toBe(expected);
  });
});

describe('normalizeName', () => {
  it.each<[string, MatchSchema, string[], string | null]>([
    ['PETROV, Viktor', 'PERSON', ['petrov', 'viktor'], null],
    ['Mohammed Al-Rashid', 'PERSON', ['mohammed', 'alrashid'], null],
    ['محمد الراشد', 'PERSON', ['mhmd', 'alrashd'], null],
    ['Jean-Pierre O’Brien', 'PERSON', ['jean', 'pierre', 'obrien'], null],
    ['Ursula von der Leyen', 'PERSON', ['ursula', 'vonderleyen'], null],
    ['Atlas Capital GmbH', 'COMPANY', ['atlas', 'capital'], 'gmbh'],
    [
      'Atlas Capital Gesellschaft mit beschränkter Haftung',
      'COMPANY',
      ['atlas', 'capital'],
      'gmbh',
    ],
    ['Blue Harbor Logistics Pte. Ltd.', 'COMPANY', ['blue', 'harbor', 'logistics'], 'pte ltd'],
    ['Golden Lotus Payments Co., Ltd.', 'COMPANY', ['golden', 'lotus', 'payments'], 'co ltd'],
    ['OOO "Amur River Finance"', 'COMPANY', ['amur', 'river', 'finance'], 'ooo'],
    ['Общество с ограниченной ответственностью Amur', 'COMPANY', ['amur'], 'ooo'],
    ['Lagoon Services S.r.l.', 'COMPANY', ['lagoon', 'services'], 'srl'],
    ['Saffron & Pepper Imports PLC', 'COMPANY', ['saffron', 'and', 'pepper', 'imports'], 'plc'],
    ['The Limited', 'COMPANY', ['the'], 'ltd'],
  ])('%s (%s)', (input, schema, tokens, legalForm) => {
    expect(normalizeName(input, schema)).toEqual({ tokens, legalForm });
  });
});
