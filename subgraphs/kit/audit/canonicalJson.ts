import canonicalize from 'canonicalize';

/** What `canonicalJson` accepts: plain JSON data, no `undefined`, functions or class instances. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Printable ASCII but for the quote and the backslash: no surrogate can be in it. */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS), written by the `canonicalize` package (by the
 * RFC's author): object members sorted by UTF-16 code units, no whitespace, ECMAScript string
 * escapes and number form. The result is what gets hashed and signed, so the same value gives
 * the same bytes on every platform that implements JCS. Throws a TypeError on anything but
 * plain I-JSON (RFC 7493) data: non-finite numbers, lone surrogates, `undefined` outside an
 * object member, class instances (a Date is refused, not written through its `toJSON`).
 */
export function canonicalJson(value: JsonValue): string {
  assertJsonData(value);
  return canonicalize(value) as string;
}

/**
 * The library writes whatever `JSON.stringify` would (`toJSON`, `undefined` as null in an
 * array) and throws plain Errors; a hashed value must be JSON data as it is, refused alike.
 */
function assertJsonData(value: unknown): void {
  if (value === null || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
    }
    return;
  }
  if (typeof value === 'string') return assertWellFormed(value);
  if (Array.isArray(value)) return value.forEach(assertJsonData);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, member] of Object.entries(value)) {
      assertWellFormed(key);
      // An undefined member is left out, as JSON.stringify leaves it out.
      if (member !== undefined) assertJsonData(member);
    }
    return;
  }
  throw new TypeError(`canonicalJson: ${typeof value} is not JSON data`);
}

function assertWellFormed(text: string): void {
  if (!PLAIN_ASCII.test(text) && LONE_SURROGATE.test(text)) {
    throw new TypeError('canonicalJson: string holds a lone UTF-16 surrogate');
  }
}
