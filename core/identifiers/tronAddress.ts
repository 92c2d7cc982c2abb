import { BASE58_ALPHABET, decodeBase58CheckAddress, encodeBase58Check } from './base58check.js';
import { WalletIdError, WalletIdReason } from './WalletIdError.js';

/** Tron mainnet address prefix: the reason every address starts with `T`. */
export const TRON_ADDRESS_VERSION = 0x41;

/** The `T…` address of a 20-byte account (the same 20 bytes an EVM address would hold). */
export function encodeTronAddress(bytes20: Uint8Array): string {
  if (bytes20.length !== 20) throw new WalletIdError(WalletIdReason.BAD_LENGTH);
  return encodeBase58Check(TRON_ADDRESS_VERSION, bytes20);
}

/** Validates a Tron base58check address; returns it unchanged (base58 is case-significant). */
export function normalizeTronAddress(address: string): string {
  if (!BASE58_ALPHABET.test(address)) throw new WalletIdError(WalletIdReason.BAD_CHARACTER);
  // 0x41 followed by 24 bytes always encodes to 34 characters; a truncated address could
  // otherwise still decode to 25 bytes and be reported as a checksum error.
  if (address.length !== 34) throw new WalletIdError(WalletIdReason.BAD_LENGTH);
  const { version } = decodeBase58CheckAddress(address);
  if (version !== TRON_ADDRESS_VERSION) {
    throw new WalletIdError(WalletIdReason.UNSUPPORTED_ADDRESS_TYPE);
  }
  return address;
}
