/**
 * The records every registry adapter returns, whatever its storage. These are the
 * in-memory shape behind the common GraphQL schema (schema/common/): adapters map
 * their native format (SQL rows, FollowTheMoney entities, IVMS101 documents) into them, and
 * the resolvers in subgraphs/kit never look at a native format.
 *
 * Conventions (docs/architecture.md §3): wallet ids are normalised CAIP-10 strings, countries ISO 3166-1
 * alpha-2, money a decimal string with an ISO 4217 or asset code beside it, times ISO 8601 UTC.
 */

/** ISO 3166-1 alpha-2, upper case. */
export type CountryCode = string;
/** Normalised CAIP-10 account id (see core/identifiers). */
export type WalletId = string;
/** Decimal number as a string, never a float: `"12.5"`. */
export type Decimal = string;
/** ISO 8601 UTC timestamp (`2024-03-01T00:00:00.000Z`) or calendar date (`2024-03-01`). */
export type DateTime = string;

/** Handling codes: restrictions on onward use that travel with every record. */
export const HANDLING_CODES = ['H0', 'H1', 'H2', 'H3'] as const;
export type HandlingCode = (typeof HANDLING_CODES)[number];
/** Source reliability, admiralty scale as used by European police cooperation (A/B/C/X). */
export const SOURCE_RELIABILITIES = ['A', 'B', 'C', 'X'] as const;
export type SourceReliability = (typeof SOURCE_RELIABILITIES)[number];
/** Information accuracy (1 known true ... 4 not known). */
export const INFORMATION_ACCURACIES = [1, 2, 3, 4] as const;
export type InformationAccuracy = (typeof INFORMATION_ACCURACIES)[number];

export interface Provenance {
  jurisdiction: CountryCode;
  /** Registry name within the jurisdiction, e.g. `fr-agrasc-assets`. */
  registry: string;
  /** The id of the record in its source system. */
  sourceRecordId: string;
  lastUpdated: DateTime;
  handlingCode: HandlingCode;
  sourceReliability: SourceReliability;
  informationAccuracy: InformationAccuracy;
}

export interface PersonRecord {
  kind: 'Person';
  id: string;
  /** Full name as the source holds it. */
  name: string;
  firstName: string | null;
  lastName: string | null;
  birthDate: DateTime | null;
  nationality: CountryCode | null;
  /** National identification document number. */
  idNumber: string | null;
}

export interface OrganizationRecord {
  kind: 'Organization';
  id: string;
  name: string;
  /** ISO 17442 Legal Entity Identifier, where known. */
  lei: string | null;
  country: CountryCode | null;
  registrationNumber: string | null;
}

export type PartyRecord = PersonRecord | OrganizationRecord;

export interface HoldingRecord {
  walletId: WalletId;
  /** ISO 4217 code or asset ticker (`BTC`, `ETH`, `USDT`). */
  asset: string;
  amount: Decimal;
  asOf: DateTime;
}

export const ORDER_STATUSES = ['ACTIVE', 'EXECUTED', 'LIFTED', 'EXPIRED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Fields of the certificate in Annex I of Regulation (EU) 2018/1805 (freezing). */
export interface FreezingOrderRecord {
  id: string;
  provenance: Provenance;
  caseRef: string;
  issuingAuthority: string;
  issuingState: CountryCode;
  executingState: CountryCode;
  issuedAt: DateTime;
  validUntil: DateTime | null;
  legalBasis: string;
  /** Criminal offence(s) behind the order, as the certificate names them. */
  offence: string;
  status: OrderStatus;
  /** Null where the source names no one: an order recognised from abroad carries no party. */
  affectedParty: PartyRecord | null;
  walletIds: WalletId[];
  holdings: HoldingRecord[];
  /** The cross-border request this member executed to record the order; absent for its own. */
  crossBorderRequestId?: string | null;
}

/** Fields of the certificate in Annex II of Regulation (EU) 2018/1805 (confiscation). */
export interface ConfiscationOrderRecord {
  id: string;
  provenance: Provenance;
  caseRef: string;
  issuingAuthority: string;
  issuingState: CountryCode;
  executingState: CountryCode;
  decidedAt: DateTime;
  finalAt: DateTime | null;
  legalBasis: string;
  offence: string;
  status: OrderStatus;
  asset: string;
  amount: Decimal;
  /** Amount already returned to victims. */
  restitutedAmount: Decimal;
  /** Null where the source names no one: an order recognised from abroad carries no party. */
  affectedParty: PartyRecord | null;
  walletIds: WalletId[];
  freezingOrderId: string | null;
  /** The cross-border request this member executed to record the order; absent for its own. */
  crossBorderRequestId?: string | null;
}

/** A watchlist entry, FollowTheMoney `Sanction` with its subject and `CryptoWallet`s. */
export interface WatchlistEntryRecord {
  id: string;
  provenance: Provenance;
  authority: string;
  program: string;
  provisions: string[];
  reason: string;
  listingDate: DateTime;
  startDate: DateTime | null;
  endDate: DateTime | null;
  sourceUrl: string | null;
  subject: PartyRecord;
  walletIds: WalletId[];
}

/** IVMS101 `NaturalPerson` / `LegalPerson`, flattened to what the schema exposes. */
export interface Ivms101PartyRecord {
  kind: 'NaturalPerson' | 'LegalPerson';
  /** NaturalPerson: primaryIdentifier (family name); LegalPerson: legalPersonName. */
  primaryIdentifier: string;
  /** NaturalPerson: secondaryIdentifier (given names). */
  secondaryIdentifier: string | null;
  /** IVMS101 geographicAddress rendered as one line, plus its country. */
  addressLine: string | null;
  country: CountryCode | null;
  dateOfBirth: DateTime | null;
  /** nationalIdentification.nationalIdentifier (an LEI for legal persons, type LEIX). */
  nationalIdentifier: string | null;
  nationalIdentifierType: string | null;
  customerIdentification: string | null;
}

export interface Ivms101VaspRecord {
  name: string;
  lei: string | null;
  country: CountryCode | null;
}

export interface TransactionRecord {
  /** On-chain transaction hash. */
  txHash: string;
  asset: string;
  amount: Decimal;
  occurredAt: DateTime;
  originatorWalletId: WalletId;
  beneficiaryWalletId: WalletId;
}

/** A travel-rule disclosure, IVMS101 originator / beneficiary / VASPs / accounts. */
export interface ExchangeDisclosureRecord {
  id: string;
  provenance: Provenance;
  disclosedAt: DateTime;
  originator: { persons: Ivms101PartyRecord[]; accountNumbers: WalletId[] };
  beneficiary: { persons: Ivms101PartyRecord[]; accountNumbers: WalletId[] };
  originatingVasp: Ivms101VaspRecord;
  beneficiaryVasp: Ivms101VaspRecord;
  transaction: TransactionRecord;
}
