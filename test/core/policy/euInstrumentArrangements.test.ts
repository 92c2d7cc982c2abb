import { describe, expect, it } from 'vitest';
import { EU_MEMBER_STATES } from '../../../core/policy/countries.js';
import { EU_INSTRUMENT_ARRANGEMENTS } from '../../../core/policy/euInstrumentArrangements.js';

describe('EU_INSTRUMENT_ARRANGEMENTS', () => {
  it.each<[string, string[]]>([
    // Denmark and Ireland take no part in 2018/1805 or the EIO; Ireland takes part in 2023/1543.
    ['EU_2018_1805', ['DK', 'IE']],
    ['EU_EIO', ['DK', 'IE']],
    ['EU_2023_1543', ['DK']],
  ])('%s binds every member state but %j', (name, outside) => {
    const { countries } = EU_INSTRUMENT_ARRANGEMENTS[name]!;
    expect(EU_MEMBER_STATES.filter((code) => !countries.includes(code))).toEqual(outside);
    expect(countries.every((code) => EU_MEMBER_STATES.includes(code))).toBe(true);
  });
});
