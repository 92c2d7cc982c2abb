import { hash } from 'node:crypto';
import { base58 } from '@scure/base';
import { RecentResults } from './RecentResults.js';
import { WalletIdError, WalletIdReason } from './WalletIdError.js';

export const BASE58_ALPHABET = /^[1-9A-HJ-NP-Za-km-z]+$/;
/** Version byte + 20-byte hash + 4-byte checksum: every address type we accept. */
const ADDRESS_BYTES = 25;

/** Addresses this process encoded or validated, with what decoding them yields. */
const decodedByAddress = new RecentResults<Base58CheckAddress>(4_096);

function checksum(data: Uint8Array): Uint8Array {
  // node:crypto's one-shot hash (Node >= 20.12): cheaper than a pure-JS hash on 21 bytes.
  return hash('sha256', hash('sha256', data, 'buffer'), 'buffer').subarray(0, 4);
}

/** Base58Check (version byte, payload, first 4 bytes of double SHA-256). */
export function encodeBase58Check(version: number, payload: Uint8Array): string {
  if (!Number.isInteger(version) || version < 0 || version > 0xff) {
    throw new RangeError('base58check version must be one byte');
  }
  const body = new Uint8Array(1 + payload.length);
  body[0] = version;
  body.set(payload, 1);
  const full = new Uint8Array(body.length + 4);
  full.set(body);
  full.set(checksum(body), body.length);
  const address = base58.encode(full);
  if (full.length === ADDRESS_BYTES) {
    decodedByAddress.set(address, { version, payload: body.slice(1) });
  }
  return address;
}

export interface Base58CheckAddress {
  version: number;
  /** The 20-byte hash after the version byte. */
  payload: Uint8Array;
}

/**
 * Decodes a 25-byte Base58Check address, telling apart a character outside the alphabet,
 * a wrong length and a wrong checksum.
 */
export function decodeBase58CheckAddress(address: string): Base58CheckAddress {
  const known = decodedByAddress.get(address);
  // A copy: the caller may write into the payload it gets.
  if (known !== undefined) return { version: known.version, payload: known.payload.slice() };
  if (!BASE58_ALPHABET.test(address)) throw new WalletIdError(WalletIdReason.BAD_CHARACTER);
  // 25 bytes encode to at most 35 characters; refuse longer input before decoding it.
  if (address.length > 35) throw new WalletIdError(WalletIdReason.BAD_LENGTH);
  const bytes = base58.decode(address);
  if (bytes.length !== ADDRESS_BYTES) throw new WalletIdError(WalletIdReason.BAD_LENGTH);
  const body = bytes.subarray(0, 21);
  const expected = checksum(body);
  const actual = bytes.subarray(21);
  for (let i = 0; i < 4; i++) {
    if (expected[i] !== actual[i]) throw new WalletIdError(WalletIdReason.CHECKSUM_MISMATCH);
  }
  const decoded = { version: bytes[0] as number, payload: body.slice(1) };
  decodedByAddress.set(address, { version: decoded.version, payload: decoded.payload.slice() });
  return decoded;
}
