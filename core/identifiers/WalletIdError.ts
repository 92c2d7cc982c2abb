/**
 * Why a wallet id was refused. Values equal their keys (STYLE: one string enum per error
 * family) so they can travel as `extensions.reason` on a `BAD_USER_INPUT` GraphQL error.
 */
export const WalletIdReason = {
  EMPTY: 'EMPTY',
  TOO_LONG: 'TOO_LONG',
  BAD_FORMAT: 'BAD_FORMAT',
  UNKNOWN_CHAIN: 'UNKNOWN_CHAIN',
  BAD_LENGTH: 'BAD_LENGTH',
  BAD_CHARACTER: 'BAD_CHARACTER',
  CHECKSUM_MISMATCH: 'CHECKSUM_MISMATCH',
  MIXED_CASE: 'MIXED_CASE',
  UNSUPPORTED_ADDRESS_TYPE: 'UNSUPPORTED_ADDRESS_TYPE',
  /** A well-formed address of a known network other than the one named (`btc:ltc1…`). */
  WRONG_NETWORK: 'WRONG_NETWORK',
  /** Well-formed as an id, but the address is not of the chain's kind (`eth:bc1…`). */
  NOT_CHAIN_ADDRESS: 'NOT_CHAIN_ADDRESS',
} as const;
export type WalletIdReason = (typeof WalletIdReason)[keyof typeof WalletIdReason];

/** Longest wallet id accepted at the edge, checked before any parsing. */
export const MAX_WALLET_ID_LENGTH = 256;

/** The message shown to the analyst for each reason: short, lower case, no input echoed. */
export const WALLET_ID_REASON_MESSAGES: Readonly<Record<WalletIdReason, string>> = {
  EMPTY: 'empty',
  TOO_LONG: `too long (max ${MAX_WALLET_ID_LENGTH} characters)`,
  BAD_FORMAT: 'bad format (expected namespace:reference:address or alias:address)',
  UNKNOWN_CHAIN: 'unknown chain',
  BAD_LENGTH: 'bad length',
  BAD_CHARACTER: 'bad character',
  CHECKSUM_MISMATCH: 'checksum mismatch',
  MIXED_CASE: 'mixed-case bech32',
  UNSUPPORTED_ADDRESS_TYPE: 'unsupported address type',
  WRONG_NETWORK: 'address belongs to a different network',
  NOT_CHAIN_ADDRESS: 'not an address of the named chain',
};

export interface WalletIdErrorDetail {
  /** WRONG_NETWORK: the network the address belongs to, where it can be told (`Tron`). */
  network?: string;
  /** NOT_CHAIN_ADDRESS: the kind of address the named chain takes (`EVM`). */
  expected?: string;
}

function reasonMessage(reason: WalletIdReason, detail: WalletIdErrorDetail): string {
  if (reason === 'WRONG_NETWORK' && detail.network) {
    return `address belongs to a different network (${detail.network})`;
  }
  if (reason === 'NOT_CHAIN_ADDRESS' && detail.expected) return `not an ${detail.expected} address`;
  return WALLET_ID_REASON_MESSAGES[reason];
}

/**
 * A wallet id that cannot be normalised. The message never contains the input: ids may be
 * personal data and error messages end up in logs.
 */
export class WalletIdError extends Error {
  readonly reason: WalletIdReason;
  /** WRONG_NETWORK: the network the address belongs to, when known. */
  readonly network: string | null;

  constructor(reason: WalletIdReason, detail: WalletIdErrorDetail = {}) {
    super(reasonMessage(reason, detail));
    this.name = 'WalletIdError';
    this.reason = reason;
    this.network = detail.network ?? null;
  }
}
