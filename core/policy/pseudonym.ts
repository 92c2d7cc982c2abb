import { createHmac, createSecretKey, hkdfSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { base32nopad } from '@scure/base';
import { RecentResults } from '../identifiers/RecentResults.js';

/** Length of a pseudonym key, and the minimum length of the federation secret it comes from. */
export const PSEUDONYM_KEY_BYTES = 32;

/** Every pseudonym starts with this, so it is never mistaken for a real value. */
export const PSEUDONYM_PREFIX = 'psn_';

/**
 * Versioned so that a future change of derivation or normalisation yields unrelated
 * pseudonyms instead of silently different ones under the same name.
 */
const KEY_INFO_PREFIX = 'comity-pseudonym-v1|';

/** 16 bytes (128 bits) of HMAC output: collisions stay negligible across any registry size. */
const PSEUDONYM_BYTES = 16;

/**
 * The key for one case: HKDF-SHA256 (RFC 5869) of the federation-wide secret, empty salt,
 * info `comity-pseudonym-v1|<caseRef>`. Every jurisdiction holds the same secret and receives
 * the same caseRef, verbatim, in its signed context token, so all of them derive the same key
 * and their pseudonyms join within that case. Another case gets an unrelated key, so
 * pseudonyms cannot be linked across cases. caseRef is used exactly as given (UTF-8): it is an
 * identifier issued by one authority, and merging look-alike references would merge cases.
 */
export function derivePseudonymKey(federationSecret: Uint8Array, caseRef: string): Uint8Array {
  if (federationSecret.byteLength < PSEUDONYM_KEY_BYTES) {
    throw new RangeError(
      `The federation pseudonym secret must be at least ${PSEUDONYM_KEY_BYTES} bytes`,
    );
  }
  // A pseudonym without a case would be one linkage key for the whole federation.
  if (caseRef.trim() === '') throw new RangeError('A pseudonym key needs a case reference');
  const info = Buffer.from(KEY_INFO_PREFIX + caseRef, 'utf8');
  return new Uint8Array(
    hkdfSync('sha256', federationSecret, new Uint8Array(0), info, PSEUDONYM_KEY_BYTES),
  );
}

/**
 * The form of a value that pseudonyms are computed over. Registries write the same value
 * differently: `DUPONT  Jean` in a French register, `Dupont Jean` from an exchange,
 * full-width or ligature characters from scanned documents, an EIP-55 mixed-case address in
 * one place and lower case in another. The join must survive that, so presentation goes:
 * NFKC (compatibility and width forms, `ﬁ` → `fi`), whitespace collapsed and trimmed, and case
 * folded (upper- then lower-casing, which also folds `ß` to `ss` as Unicode full case folding
 * does). Case-folding can only merge values that differ by case alone; for names that is the
 * same name, and for case-sensitive identifiers (base58 addresses) two valid ones differing
 * only by case are ruled out by their checksums. Spelling is kept: `Müller` and `Mueller`
 * stay apart, because merging transliterations would join different people.
 */
export function normalizeForPseudonym(value: string): string {
  return value.normalize('NFKC').replace(/\s+/gu, ' ').trim().toUpperCase().toLowerCase();
}

/**
 * `psn_` + the first 16 bytes of HMAC-SHA256(key, normalised value), base32 (RFC 4648, lower
 * case, unpadded: 26 characters that survive case-insensitive systems and copy-paste). Keyed,
 * so nobody without the key can compute or test guesses of a pseudonym; not reversible.
 */
export function pseudonym(value: string, key: Uint8Array): string {
  checkKeyLength(key);
  return pseudonymWith(value, key);
}

/** Most results one pseudonymizer keeps before it starts afresh. */
export const DEFAULT_PSEUDONYM_CACHE_SIZE = 65_536;

/**
 * `pseudonym(·, key)` for one key that is used again and again: the audit log's entity key,
 * or one case's key. The key is imported once, and recent results are kept (RecentResults), so
 * an entity seen in every request costs a lookup, not a normalisation and an HMAC. What it
 * keeps is what the process already holds in clear (the values) beside their pseudonyms, and
 * it never outlives the process.
 */
export function createPseudonymizer(
  key: Uint8Array,
  cacheSize = DEFAULT_PSEUDONYM_CACHE_SIZE,
): (value: string) => string {
  checkKeyLength(key);
  if (!Number.isInteger(cacheSize) || cacheSize < 1) {
    throw new RangeError(`cacheSize must be a positive integer, got ${cacheSize}`);
  }
  const keyObject = createSecretKey(key);
  const recent = new RecentResults<string>(cacheSize);
  return (value) => {
    let result = recent.get(value);
    if (result === undefined) {
      result = pseudonymWith(value, keyObject);
      recent.set(value, result);
    }
    return result;
  };
}

function checkKeyLength(key: Uint8Array): void {
  if (key.byteLength < PSEUDONYM_KEY_BYTES) {
    throw new RangeError(`A pseudonym key must be at least ${PSEUDONYM_KEY_BYTES} bytes`);
  }
}

function pseudonymWith(value: string, key: Uint8Array | KeyObject): string {
  const mac = createHmac('sha256', key).update(normalizeForPseudonym(value), 'utf8').digest();
  return PSEUDONYM_PREFIX + base32nopad.encode(mac.subarray(0, PSEUDONYM_BYTES)).toLowerCase();
}
