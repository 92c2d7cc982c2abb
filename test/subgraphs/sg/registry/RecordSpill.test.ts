import { describe, expect, it } from 'vitest';
import { RecordSpill } from '../../../../subgraphs/sg/registry/RecordSpill.js';

describe('RecordSpill', () => {
  it('reads texts back in the sealed order, multi-byte and oversized ones included', () => {
    const spill = new RecordSpill();
    try {
      const texts = ['{"a":1}', '{"town":"München"}', `{"big":"${'x'.repeat(5_000_000)}"}`, '[]'];
      const numbers = texts.map((text) => spill.append(text));
      expect(numbers).toEqual([0, 1, 2, 3]);
      spill.seal([3, 1, 2, 0]);
      expect(spill.size).toBe(4);
      expect([0, 1, 2, 3].map((position) => spill.read(position))).toEqual([
        texts[3],
        texts[1],
        texts[2],
        texts[0],
      ]);
    } finally {
      spill.close();
    }
  });

  it('refuses reads once closed', () => {
    const spill = new RecordSpill();
    spill.append('{}');
    spill.seal([0]);
    spill.close();
    spill.close();
    expect(() => spill.read(0)).toThrow(/closed/);
  });
});
