import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../../subgraphs/kit/audit/canonicalJson.js';
import type { JsonValue } from '../../../../subgraphs/kit/audit/canonicalJson.js';

/** IEEE 754 bit patterns and their RFC 8785 serialisation (RFC 8785 Appendix B). */
const NUMBER_VECTORS: [string, string][] = [
  ['0000000000000000', '0'],
  ['8000000000000000', '0'],
  ['0000000000000001', '5e-324'],
  ['8000000000000001', '-5e-324'],
  ['7fefffffffffffff', '1.7976931348623157e+308'],
  ['ffefffffffffffff', '-1.7976931348623157e+308'],
  ['4340000000000000', '9007199254740992'],
  ['c340000000000000', '-9007199254740992'],
  ['4430000000000000', '295147905179352830000'],
  ['44b52d02c7e14af5', '9.999999999999997e+22'],
  ['44b52d02c7e14af6', '1e+23'],
  ['44b52d02c7e14af7', '1.0000000000000001e+23'],
  ['444b1ae4d6e2ef4e', '999999999999999700000'],
  ['444b1ae4d6e2ef4f', '999999999999999900000'],
  ['444b1ae4d6e2ef50', '1e+21'],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
  ['3eb0c6f7a0b5ed8d', '0.000001'],
  ['41b3de4355555553', '333333333.3333332'],
  ['41b3de4355555554', '333333333.33333325'],
  ['41b3de4355555555', '333333333.3333333'],
  ['41b3de4355555556', '333333333.3333334'],
  ['41b3de4355555557', '333333333.33333343'],
  ['becbf647612f3696', '-0.0000033333333333333333'],
  ['43143ff3c1cb0959', '1424953923781206.2'],
];

const fromBits = (hex: string) => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('canonicalJson (RFC 8785)', () => {
  it.each([
    [
      '§3.2.2 sample: whitespace, numbers, string escapes, literals',
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    ],
    [
      '§3.2.3 sample: members sorted by UTF-16 code units (the emoji before U+FB33)',
      '{"\\u20ac": "Euro Sign", "\\r": "Carriage Return", "\\ufb33": "Hebrew Letter Dalet With Dagesh", "1": "One", "\\ud83d\\ude00": "Emoji: Grinning Face", "\\u0080": "Control", "\\u00f6": "Latin Small Letter O With Diaeresis"}',
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
    [
      'nested objects sorted at every level, array order kept',
      '{"b": [{"z": 1, "a": 2}, 3], "a": {"d": true, "c": null}, "": []}',
      '{"":[],"a":{"c":null,"d":true},"b":[{"a":2,"z":1},3]}',
    ],
  ])('%s', (_name, input, expected) => {
    expect(canonicalJson(JSON.parse(input) as JsonValue)).toBe(expected);
  });

  it('gives the §3.2.2 sample the UTF-8 bytes the RFC lists', () => {
    const value = JSON.parse(
      '{"numbers": [1E30, 4.50, 6, 2e-3, 0.000000000000000000000000001], "escaping": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "other": [null, true, false]}',
    );
    expect(Buffer.from(canonicalJson(value), 'utf8').toString('hex')).toBe(
      '7b22657363617069' +
        '6e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f222c226e756d62657273223a5b31652b33302c342e352c362c302e3030322c31652d32375d2c226f74686572223a5b6e756c6c2c747275652c66616c73655d7d',
    );
  });

  it.each(NUMBER_VECTORS)('serialises the double %s as %s (Appendix B)', (bits, expected) => {
    expect(canonicalJson(fromBits(bits))).toBe(expected);
  });

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a lone surrogate', '\ud800x'],
    ['undefined', undefined as unknown as JsonValue],
    ['a Date', new Date(0) as unknown as JsonValue],
  ])('refuses %s', (_name, value) => {
    expect(() => canonicalJson(value as JsonValue)).toThrow(TypeError);
  });

  it('escapes control characters the way JSON.stringify does, in lower-case hex', () => {
    expect(canonicalJson('\u0000\u0008\u0009\u000a\u000c\u000d\u001f\u007f')).toBe(
      '"\\u0000\\b\\t\\n\\f\\r\\u001f\u007f"',
    );
  });

  it('writes every one-character string of the first 256 code units as JSON.stringify does', () => {
    // Printable ASCII takes a path that only quotes; every other character is escaped as before.
    for (let code = 0; code < 256; code++) {
      const text = `a${String.fromCharCode(code)}b`;
      expect(canonicalJson(text)).toBe(JSON.stringify(text));
      expect(canonicalJson({ [text]: text })).toBe(
        `{${JSON.stringify(text)}:${JSON.stringify(text)}}`,
      );
    }
  });

  it('still refuses a lone surrogate after plain ASCII', () => {
    expect(() => canonicalJson('psn_abc\uD800')).toThrow(/lone UTF-16 surrogate/);
    expect(canonicalJson('psn_abc\uD83D\uDE00')).toBe(JSON.stringify('psn_abc\uD83D\uDE00'));
  });
});
