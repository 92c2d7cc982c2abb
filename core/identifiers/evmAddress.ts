import { keccak_256 } from '@noble/hashes/sha3.js';
import { RecentResults } from './RecentResults.js';
import { WalletIdError, WalletIdReason } from './WalletIdError.js';

const HEX = /^[0-9a-fA-F]*$/;
const textEncoder = new TextEncoder();
/** EIP-55 forms by lower-case hex: an encoded address is normalised right after. */
const checksumByLowerHex = new RecentResults<string>(4_096);

/**
 * EIP-55: upper-case the i-th hex letter when the i-th nibble of keccak-256 of the
 * lower-case hex string is >= 8. Accepts 40 hex digits with or without `0x`.
 */
export function toChecksumAddress(hex40: string): string {
  const hex = hex40.startsWith('0x') || hex40.startsWith('0X') ? hex40.slice(2) : hex40;
  if (!HEX.test(hex)) throw new WalletIdError(WalletIdReason.BAD_CHARACTER);
  if (hex.length !== 40) throw new WalletIdError(WalletIdReason.BAD_LENGTH);
  const lower = hex.toLowerCase();
  const known = checksumByLowerHex.get(lower);
  if (known !== undefined) return known;
  const hash = keccak_256(textEncoder.encode(lower));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const byte = hash[i >> 1] as number;
    const nibble = i % 2 === 0 ? byte >> 4 : byte & 0x0f;
    const ch = lower[i] as string;
    out += nibble >= 8 ? ch.toUpperCase() : ch;
  }
  checksumByLowerHex.set(lower, out);
  return out;
}

/**
 * Validates an EVM address and returns its EIP-55 form. All-lower and all-upper case
 * carry no checksum and are accepted; mixed case is a checksum and must match exactly,
 * which is what catches a mistyped character.
 */
export function normalizeEvmAddress(address: string): string {
  // `0X` too: an all-upper-case address is often pasted with its prefix upper-cased.
  if (!address.startsWith('0x') && !address.startsWith('0X')) {
    throw new WalletIdError(WalletIdReason.BAD_FORMAT);
  }
  const hex = address.slice(2);
  if (!HEX.test(hex)) throw new WalletIdError(WalletIdReason.BAD_CHARACTER);
  if (hex.length !== 40) throw new WalletIdError(WalletIdReason.BAD_LENGTH);
  const checksummed = toChecksumAddress(hex);
  const isSingleCase = hex === hex.toLowerCase() || hex === hex.toUpperCase();
  if (!isSingleCase && checksummed.slice(2) !== hex) {
    throw new WalletIdError(WalletIdReason.CHECKSUM_MISMATCH);
  }
  return checksummed;
}

/** The EIP-55 address of a 20-byte account. */
export function encodeEvmAddress(bytes: Uint8Array): string {
  if (bytes.length !== 20) throw new WalletIdError(WalletIdReason.BAD_LENGTH);
  return toChecksumAddress(Buffer.from(bytes).toString('hex'));
}
