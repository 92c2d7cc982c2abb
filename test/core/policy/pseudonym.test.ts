import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  createPseudonymizer,
  derivePseudonymKey,
  normalizeForPseudonym,
  pseudonym,
} from '../../../core/policy/pseudonym.js';

const SECRET = Uint8Array.from({ length: 32 }, (_, i) => i);
const OTHER_SECRET = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const CASE = 'EU-JIT-2024-0042';

/** RFC 5869 HKDF-SHA256 for one 32-byte block, written from the RFC with HMAC alone. */
function hkdfSha256Block(ikm: Uint8Array, info: string): Buffer {
  const prk = createHmac('sha256', Buffer.alloc(32)).update(ikm).digest();
  return createHmac('sha256', prk)
    .update(Buffer.concat([Buffer.from(info, 'utf8'), Buffer.from([1])]))
    .digest();
}

/** RFC 4648 base32, lower case, unpadded. */
function base32(bytes: Uint8Array): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const bits = Array.from(bytes, (byte) => byte.toString(2).padStart(8, '0')).join('');
  return (bits.match(/.{1,5}/g) ?? [])
    .map((chunk) => alphabet[parseInt(chunk.padEnd(5, '0'), 2)])
    .join('');
}

describe('derivePseudonymKey', () => {
  it('is HKDF-SHA256 with info comity-pseudonym-v1|<caseRef>, 32 bytes', () => {
    const key = derivePseudonymKey(SECRET, CASE);
    expect(key).toHaveLength(32);
    expect(Buffer.from(key).equals(hkdfSha256Block(SECRET, `comity-pseudonym-v1|${CASE}`))).toBe(
      true,
    );
  });

  it('differs across cases and across secrets', () => {
    const key = Buffer.from(derivePseudonymKey(SECRET, CASE));
    expect(key.equals(derivePseudonymKey(SECRET, 'EU-JIT-2024-0043'))).toBe(false);
    expect(key.equals(derivePseudonymKey(OTHER_SECRET, CASE))).toBe(false);
  });

  it.each<[string, Uint8Array, string]>([
    ['a short secret', new Uint8Array(16), CASE],
    ['an empty case reference', SECRET, ''],
    ['a blank case reference', SECRET, '  '],
  ])('refuses %s', (_name, secret, caseRef) => {
    expect(() => derivePseudonymKey(secret, caseRef)).toThrow(RangeError);
  });
});

describe('pseudonym', () => {
  const key = derivePseudonymKey(SECRET, CASE);

  it('matches an HMAC-SHA256 computed independently (known answer)', () => {
    const fixedKey = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
    const mac = createHmac('sha256', fixedKey).update('jean dupont', 'utf8').digest();
    const expected = `psn_${base32(mac.subarray(0, 16))}`;
    expect(pseudonym('Jean Dupont', fixedKey)).toBe(expected);
    // Pinned: pseudonyms must not change between releases or across jurisdictions.
    expect(expected).toBe('psn_5jasbqdb4gqnepbhnbuzjo4p2m');
  });

  it('has the shape psn_ + 26 lower-case base32 characters', () => {
    expect(pseudonym('Jean Dupont', key)).toMatch(/^psn_[a-z2-7]{26}$/);
  });

  it('is stable within a case, whoever derives the key', () => {
    const inFrance = pseudonym('Jean Dupont', derivePseudonymKey(SECRET, CASE));
    const inGermany = pseudonym('Jean Dupont', derivePseudonymKey(Uint8Array.from(SECRET), CASE));
    expect(inFrance).toBe(inGermany);
  });

  it('differs across cases and across secrets', () => {
    const here = pseudonym('Jean Dupont', key);
    expect(pseudonym('Jean Dupont', derivePseudonymKey(SECRET, 'EU-JIT-2024-0043'))).not.toBe(here);
    expect(pseudonym('Jean Dupont', derivePseudonymKey(OTHER_SECRET, CASE))).not.toBe(here);
  });

  it('differs for different values', () => {
    expect(pseudonym('Jean Dupont', key)).not.toBe(pseudonym('Jeanne Dupont', key));
  });

  it.each<[string, string]>([
    ['DUPONT  Jean', 'dupont jean'],
    ['  Dupont\tJean\n', 'dupont jean'],
    ['Dupont\u00a0Jean', 'dupont jean'],
    // Full-width forms (NFKC).
    ['ＤＵＰＯＮＴ Ｊｅａｎ', 'dupont jean'],
    // Decomposed vs precomposed accents.
    ['Ame\u0301lie', 'Am\u00e9lie'],
    // Full case folding: ß and SS.
    ['STRASSE', 'Straße'],
    ['0xAbC0000000000000000000000000000000000001', '0xabc0000000000000000000000000000000000001'],
  ])('treats %j and %j as the same value', (a, b) => {
    expect(pseudonym(a, key)).toBe(pseudonym(b, key));
  });

  it.each<[string, string]>([
    // Spelling, word order and transliteration are kept: merging them would join different people.
    ['Müller', 'Mueller'],
    ['Dupont Jean', 'Jean Dupont'],
    ['Jean-Dupont', 'Jean Dupont'],
  ])('keeps %j and %j apart', (a, b) => {
    expect(pseudonym(a, key)).not.toBe(pseudonym(b, key));
  });

  it('normalises as documented', () => {
    expect(normalizeForPseudonym('  ＤＵＰＯＮＴ \t Jean-Pierre\u00a0Straße ')).toBe(
      'dupont jean-pierre strasse',
    );
  });

  it('refuses a short key', () => {
    expect(() => pseudonym('Jean Dupont', new Uint8Array(16))).toThrow(RangeError);
  });
});

describe('createPseudonymizer', () => {
  const key = derivePseudonymKey(SECRET, CASE);
  const values = [
    'Jean Dupont',
    'DUPONT  Jean',
    'ﬁnance Müller',
    '0x4932F051e3e38675D54fB0CA874fB6C75831143c',
    'FR-FO-0000001',
    ...Array.from({ length: 40 }, (_, i) => `FR-FO-${String(i).padStart(7, '0')}`),
  ];

  it('gives what pseudonym gives, on first sight and from its cache', () => {
    const cached = createPseudonymizer(key);
    for (const value of [...values, ...values]) expect(cached(value)).toBe(pseudonym(value, key));
  });

  it('stays right when full: a cache of 3 over 45 values, twice over', () => {
    const small = createPseudonymizer(key, 3);
    for (const value of [...values, ...values.reverse()]) {
      expect(small(value)).toBe(pseudonym(value, key));
    }
  });

  it('keeps keys apart: another case, another pseudonym for the same value', () => {
    const other = createPseudonymizer(derivePseudonymKey(SECRET, 'EU-JIT-2024-0043'));
    expect(other('Jean Dupont')).not.toBe(createPseudonymizer(key)('Jean Dupont'));
  });

  it('refuses a short key and a bad cache size', () => {
    expect(() => createPseudonymizer(new Uint8Array(16))).toThrow(RangeError);
    expect(() => createPseudonymizer(key, 0)).toThrow(RangeError);
    expect(() => createPseudonymizer(key, -1)).toThrow(RangeError);
    expect(() => createPseudonymizer(key, 1.5)).toThrow(RangeError);
  });
});
