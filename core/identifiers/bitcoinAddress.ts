import { bech32, bech32m } from '@scure/base';
import { decodeBase58CheckAddress, encodeBase58Check } from './base58check.js';
import { RecentResults } from './RecentResults.js';
import { WalletIdError, WalletIdReason } from './WalletIdError.js';

/** Address parameters of a Bitcoin-derived mainnet. */
export interface BitcoinNetwork {
  readonly name: string;
  /** bech32 human-readable part of segwit addresses. */
  readonly hrp: string;
  readonly p2pkhVersion: number;
  /** The first is the one issued today. */
  readonly p2shVersions: readonly number[];
}

export const BITCOIN_NETWORK: BitcoinNetwork = {
  name: 'bitcoin',
  hrp: 'bc',
  p2pkhVersion: 0x00,
  p2shVersions: [0x05],
};

/**
 * Litecoin moved P2SH from version 0x05 (`3…`, shared with Bitcoin) to 0x32 (`M…`) in
 * 2017; wallets and exchanges still show old `3…` addresses, so both are accepted.
 */
export const LITECOIN_NETWORK: BitcoinNetwork = {
  name: 'litecoin',
  hrp: 'ltc',
  p2pkhVersion: 0x30,
  p2shVersions: [0x32, 0x05],
};

/** Versions and prefixes of other networks, to say "wrong network" rather than "bad". */
const KNOWN_BASE58_VERSIONS: ReadonlySet<number> = new Set([
  0x00, 0x05, 0x30, 0x32, 0x6f, 0xc4, 0x3a,
]);
const KNOWN_SEGWIT_HRPS: ReadonlySet<string> = new Set(['bc', 'tb', 'bcrt', 'ltc', 'tltc', 'rltc']);

const BECH32_CHARSET = /^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]+$/;
const BECH32_MAX_LENGTH = 90;

/** Types of segwit addresses (lower case) this process encoded or validated. */
const segwitTypeByAddress = new RecentResults<BitcoinAddressType>(4_096);

export type BitcoinAddressType = 'P2PKH' | 'P2SH' | 'P2WPKH' | 'P2WSH' | 'P2TR';

export interface BitcoinAddress {
  /** The canonical form: base58 as given, bech32 in lower case. */
  address: string;
  type: BitcoinAddressType;
}

/** The address type of a witness program with consensus meaning, else null. */
function segwitType(version: number, programLength: number): BitcoinAddressType | null {
  if (version === 0 && programLength === 20) return 'P2WPKH';
  if (version === 0 && programLength === 32) return 'P2WSH';
  if (version === 1 && programLength === 32) return 'P2TR';
  return null;
}

/** A segwit address: bech32 for witness v0 (BIP-173), bech32m for v1+ (BIP-350). */
export function encodeSegwitAddress(hrp: string, version: number, program: Uint8Array): string {
  if (!Number.isInteger(version) || version < 0 || version > 16) {
    throw new RangeError('witness version must be 0..16');
  }
  const words = [version, ...bech32.toWords(program)];
  const address = version === 0 ? bech32.encode(hrp, words) : bech32m.encode(hrp, words);
  const type = segwitType(version, program.length);
  if (type !== null) segwitTypeByAddress.set(address, type);
  return address;
}

function parseSegwit(address: string, network: BitcoinNetwork): BitcoinAddress {
  // BIP-173: a string is all lower or all upper case; mixing is invalid, not a checksum.
  const lower = address.toLowerCase();
  if (address !== lower && address !== address.toUpperCase()) {
    throw new WalletIdError(WalletIdReason.MIXED_CASE);
  }
  if (lower.length > BECH32_MAX_LENGTH) throw new WalletIdError(WalletIdReason.BAD_LENGTH);
  // The key holds the hrp, and callers only come here for `<network.hrp>1…`.
  const known = segwitTypeByAddress.get(lower);
  if (known !== undefined && lower.startsWith(`${network.hrp}1`)) {
    return { address: lower, type: known };
  }
  const separator = lower.lastIndexOf('1');
  const hrp = lower.slice(0, separator);
  const data = lower.slice(separator + 1);
  // Only called once the input starts with `<hrp>1`, so another separator later on is a
  // '1' inside the data part, which the bech32 alphabet excludes.
  if (hrp !== network.hrp) throw new WalletIdError(WalletIdReason.BAD_CHARACTER);
  if (!BECH32_CHARSET.test(data)) throw new WalletIdError(WalletIdReason.BAD_CHARACTER);
  // At least the witness version and the 6-character checksum.
  if (data.length < 7) throw new WalletIdError(WalletIdReason.BAD_LENGTH);

  // No string carries a valid checksum under both constants, so trying the encoding its
  // witness version calls for first ('q' is v0: bech32) only saves the second attempt.
  let asBech32m: ReturnType<typeof bech32m.decodeUnsafe>;
  let asBech32: ReturnType<typeof bech32.decodeUnsafe>;
  if (data[0] === 'q') {
    asBech32 = bech32.decodeUnsafe(lower, BECH32_MAX_LENGTH);
    asBech32m = asBech32 ? undefined : bech32m.decodeUnsafe(lower, BECH32_MAX_LENGTH);
  } else {
    asBech32m = bech32m.decodeUnsafe(lower, BECH32_MAX_LENGTH);
    asBech32 = asBech32m ? undefined : bech32.decodeUnsafe(lower, BECH32_MAX_LENGTH);
  }
  const decoded = asBech32m ?? asBech32;
  if (!decoded) throw new WalletIdError(WalletIdReason.CHECKSUM_MISMATCH);

  const [version, ...programWords] = decoded.words as [number, ...number[]];
  if (version > 16) throw new WalletIdError(WalletIdReason.BAD_FORMAT);
  // BIP-350: v0 must carry a bech32 checksum and v1+ a bech32m one. The checksum constant is
  // part of the checksum, so the other encoding's checksum is simply the wrong checksum for
  // this version; the rule exists because bech32's insertion weakness (BIP-350 §Motivation)
  // would otherwise let a mistyped v1+ address validate.
  const usesBech32m = asBech32m !== undefined;
  if ((version === 0) === usesBech32m) throw new WalletIdError(WalletIdReason.CHECKSUM_MISMATCH);

  const program = bech32.fromWordsUnsafe(programWords);
  // Non-zero or more than 4 bits of padding: not a byte string (BIP-173 decoding rules).
  if (!program) throw new WalletIdError(WalletIdReason.BAD_FORMAT);
  if (program.length < 2 || program.length > 40) throw new WalletIdError(WalletIdReason.BAD_LENGTH);

  const type = segwitType(version, program.length);
  if (type !== null) {
    segwitTypeByAddress.set(lower, type);
    return { address: lower, type };
  }
  if (version === 0) throw new WalletIdError(WalletIdReason.BAD_LENGTH);
  // Checksum-valid under BIP-350 but without consensus meaning (other v1 lengths, v2..v16):
  // anyone can spend from them, so no registry holds a wallet there.
  throw new WalletIdError(WalletIdReason.UNSUPPORTED_ADDRESS_TYPE);
}

/**
 * Whether the input is shaped like a segwit address of some other network (`tb1…`, `ltc1…`
 * under `btc:`): a known hrp, or any letters-only hrp followed by a single-case data part in
 * the bech32 alphabet. Base58 addresses never fit the second shape in practice: they start
 * with a digit or mix cases.
 */
function looksLikeForeignSegwit(address: string): boolean {
  const lower = address.toLowerCase();
  const separator = lower.lastIndexOf('1');
  if (separator < 1) return false;
  const hrp = lower.slice(0, separator);
  if (KNOWN_SEGWIT_HRPS.has(hrp)) return true;
  const singleCase = address === lower || address === address.toUpperCase();
  return (
    singleCase &&
    /^[a-z]{1,83}$/.test(hrp) &&
    /^[qpzry9x8gf2tvdw0s3jn54khce6mua7l]{6,}$/.test(lower.slice(separator + 1))
  );
}

/** Validates a Bitcoin or Litecoin mainnet address and returns its canonical form and type. */
export function parseBitcoinAddress(address: string, network: BitcoinNetwork): BitcoinAddress {
  const lower = address.toLowerCase();
  if (lower.startsWith(`${network.hrp}1`)) {
    try {
      return parseSegwit(address, network);
    } catch (segwitError) {
      // A base58 address can begin with the letters of the bech32 prefix (about one Litecoin
      // P2PKH address in 200,000 starts `Ltc1`, `LTc1`, …): it is a legacy address when its
      // base58check checksum and version hold, and the bech32 error stands otherwise.
      const legacy = parseLegacy(address, network);
      if (legacy !== null) return legacy;
      throw segwitError;
    }
  }
  if (looksLikeForeignSegwit(address)) throw new WalletIdError(WalletIdReason.WRONG_NETWORK);

  const { version } = decodeBase58CheckAddress(address);
  if (version === network.p2pkhVersion) return { address, type: 'P2PKH' };
  if (network.p2shVersions.includes(version)) return { address, type: 'P2SH' };
  if (KNOWN_BASE58_VERSIONS.has(version)) throw new WalletIdError(WalletIdReason.WRONG_NETWORK);
  throw new WalletIdError(WalletIdReason.UNSUPPORTED_ADDRESS_TYPE);
}

/** The address as a legacy (base58check) address of the network, or null if it is not one. */
function parseLegacy(address: string, network: BitcoinNetwork): BitcoinAddress | null {
  let version: number;
  try {
    ({ version } = decodeBase58CheckAddress(address));
  } catch {
    return null;
  }
  if (version === network.p2pkhVersion) return { address, type: 'P2PKH' };
  if (network.p2shVersions.includes(version)) return { address, type: 'P2SH' };
  return null;
}

/** The canonical form of a Bitcoin or Litecoin mainnet address, or a WalletIdError. */
export function normalizeBitcoinAddress(address: string, network: BitcoinNetwork): string {
  return parseBitcoinAddress(address, network).address;
}

/** Re-encodes a P2PKH/P2SH hash; here so encoders for both script families sit together. */
export function encodeLegacyAddress(
  network: BitcoinNetwork,
  type: 'P2PKH' | 'P2SH',
  hash20: Uint8Array,
): string {
  if (hash20.length !== 20) throw new WalletIdError(WalletIdReason.BAD_LENGTH);
  const version = type === 'P2PKH' ? network.p2pkhVersion : (network.p2shVersions[0] as number);
  return encodeBase58Check(version, hash20);
}
