/** What `canonicalJson` accepts: plain JSON data, no `undefined`, functions or class instances. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Printable ASCII but for the quote and the backslash: JSON.stringify only quotes such a string. */
const PLAIN_ASCII = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): object members sorted by their names compared
 * as UTF-16 code units (JavaScript's default string order), no whitespace, strings escaped as
 * ECMAScript `JSON.stringify` does, numbers in ECMAScript `Number.prototype.toString` form.
 * The result is what gets hashed and signed, so the same value gives the same bytes on every
 * platform that implements JCS. Throws on what I-JSON (RFC 7493) forbids: non-finite numbers
 * and lone surrogates.
 */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new TypeError(`canonicalJson: ${value} is not a JSON number`);
    // JSON.stringify prints finite numbers exactly as RFC 8785 §3.2.2.3 requires, -0 as 0.
    return JSON.stringify(value);
  }
  if (typeof value === 'string') return canonicalString(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const members = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${canonicalString(key)}:${canonicalJson(value[key] as JsonValue)}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: ${typeof value} is not JSON data`);
}

function canonicalString(value: string): string {
  // Pseudonyms, field names and codes, most of an audit event: nothing to escape or refuse.
  if (PLAIN_ASCII.test(value)) return `"${value}"`;
  if (LONE_SURROGATE.test(value)) {
    throw new TypeError('canonicalJson: string holds a lone UTF-16 surrogate');
  }
  return JSON.stringify(value);
}
