import type {
  ConfiscationOrderRecord,
  ExchangeDisclosureRecord,
  FreezingOrderRecord,
  HandlingCode,
  InformationAccuracy,
  Provenance,
  SourceReliability,
  WatchlistEntryRecord,
} from '../../../core/records.js';
import { FR_JURISDICTION, FR_REGISTRY_NAMES } from './registryNames.js';

/** A stored row as the drivers return it (timestamps as Date, jsonb parsed, numeric cast to text). */
export type Row = Record<string, unknown>;

/**
 * How one record type lives in SQL: its table, its columns, and the mapping both ways.
 * Scalars the registries filter or sort on are columns; nested structures (parties,
 * holdings, IVMS101 persons) are jsonb; money is numeric, read back as text so that no
 * amount ever passes through a float. `wallet_ids` holds every wallet the record names and
 * carries a GIN index, so `…ByWallets` is one index probe per wallet (SqlTable.byWallets).
 */
export interface TableSpec<R extends { id: string }> {
  readonly table: string;
  /** Record type name used in import reports. */
  readonly recordType: string;
  readonly registry: string;
  /** Column definitions, in the order `toRow` keys are loaded by `jsonb_populate_recordset`. */
  readonly columns: string;
  /** Newest-first order for `list*`: this column, then id. */
  readonly sortColumn: string;
  /** The select list (numeric columns cast to text). */
  readonly select: string;
  sortValue(record: R): string;
  toRow(record: R): Row;
  fromRow(row: Row): R;
}

const PROVENANCE_COLUMNS = `
  source_record_id text NOT NULL,
  last_updated timestamptz NOT NULL,
  handling_code text NOT NULL CHECK (handling_code IN ('H0', 'H1', 'H2', 'H3')),
  source_reliability text NOT NULL CHECK (source_reliability IN ('A', 'B', 'C', 'X')),
  information_accuracy smallint NOT NULL CHECK (information_accuracy BETWEEN 1 AND 4),`;
const PROVENANCE_SELECT =
  'source_record_id, last_updated, handling_code, source_reliability, information_accuracy';
const ORDER_STATUS_CHECK = `CHECK (status IN ('ACTIVE', 'EXECUTED', 'LIFTED', 'EXPIRED'))`;

/** Calendar dates are stored as midnight UTC; the session time zone never applies. */
export function toTimestamp(value: string): string;
export function toTimestamp(value: string | null): string | null;
export function toTimestamp(value: string | null): string | null {
  if (value === null) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? `${value}T00:00:00.000Z`
    : new Date(value).toISOString();
}

function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return new Date(String(value)).toISOString();
}

function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}

function provenanceRow(provenance: Provenance): Row {
  return {
    source_record_id: provenance.sourceRecordId,
    last_updated: toTimestamp(provenance.lastUpdated),
    handling_code: provenance.handlingCode,
    source_reliability: provenance.sourceReliability,
    information_accuracy: provenance.informationAccuracy,
  };
}

function provenanceOf(row: Row, registry: string): Provenance {
  return {
    jurisdiction: FR_JURISDICTION,
    registry,
    sourceRecordId: row.source_record_id as string,
    lastUpdated: iso(row.last_updated),
    handlingCode: row.handling_code as HandlingCode,
    sourceReliability: row.source_reliability as SourceReliability,
    informationAccuracy: Number(row.information_accuracy) as InformationAccuracy,
  };
}

function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

export const FREEZING_ORDERS: TableSpec<FreezingOrderRecord> = {
  table: 'freezing_orders',
  recordType: 'FreezingOrder',
  registry: FR_REGISTRY_NAMES.assets,
  columns: `
  id text PRIMARY KEY,${PROVENANCE_COLUMNS}
  case_ref text NOT NULL,
  issuing_authority text NOT NULL,
  issuing_state char(2) NOT NULL,
  executing_state char(2) NOT NULL,
  issued_at timestamptz NOT NULL,
  valid_until timestamptz,
  legal_basis text NOT NULL,
  offence text NOT NULL,
  status text NOT NULL ${ORDER_STATUS_CHECK},
  affected_party jsonb NOT NULL,
  holdings jsonb NOT NULL,
  wallet_ids text[] NOT NULL`,
  sortColumn: 'issued_at',
  select: `id, ${PROVENANCE_SELECT}, case_ref, issuing_authority, issuing_state, executing_state,
    issued_at, valid_until, legal_basis, offence, status, affected_party, holdings, wallet_ids`,
  sortValue: (record) => record.issuedAt,
  toRow: (record) => ({
    id: record.id,
    ...provenanceRow(record.provenance),
    case_ref: record.caseRef,
    issuing_authority: record.issuingAuthority,
    issuing_state: record.issuingState,
    executing_state: record.executingState,
    issued_at: toTimestamp(record.issuedAt),
    valid_until: toTimestamp(record.validUntil),
    legal_basis: record.legalBasis,
    offence: record.offence,
    status: record.status,
    affected_party: record.affectedParty,
    holdings: record.holdings,
    wallet_ids: unique(record.walletIds),
  }),
  fromRow: (row) => ({
    id: row.id as string,
    provenance: provenanceOf(row, FR_REGISTRY_NAMES.assets),
    caseRef: row.case_ref as string,
    issuingAuthority: row.issuing_authority as string,
    issuingState: row.issuing_state as string,
    executingState: row.executing_state as string,
    issuedAt: iso(row.issued_at),
    validUntil: isoOrNull(row.valid_until),
    legalBasis: row.legal_basis as string,
    offence: row.offence as string,
    status: row.status as FreezingOrderRecord['status'],
    affectedParty: row.affected_party as FreezingOrderRecord['affectedParty'],
    walletIds: row.wallet_ids as string[],
    holdings: row.holdings as FreezingOrderRecord['holdings'],
  }),
};

export const CONFISCATION_ORDERS: TableSpec<ConfiscationOrderRecord> = {
  table: 'confiscation_orders',
  recordType: 'ConfiscationOrder',
  registry: FR_REGISTRY_NAMES.assets,
  columns: `
  id text PRIMARY KEY,${PROVENANCE_COLUMNS}
  case_ref text NOT NULL,
  issuing_authority text NOT NULL,
  issuing_state char(2) NOT NULL,
  executing_state char(2) NOT NULL,
  decided_at timestamptz NOT NULL,
  final_at timestamptz,
  legal_basis text NOT NULL,
  offence text NOT NULL,
  status text NOT NULL ${ORDER_STATUS_CHECK},
  asset text NOT NULL,
  amount numeric NOT NULL,
  restituted_amount numeric NOT NULL,
  affected_party jsonb NOT NULL,
  freezing_order_id text,
  wallet_ids text[] NOT NULL`,
  sortColumn: 'decided_at',
  select: `id, ${PROVENANCE_SELECT}, case_ref, issuing_authority, issuing_state, executing_state,
    decided_at, final_at, legal_basis, offence, status, asset, amount::text AS amount,
    restituted_amount::text AS restituted_amount, affected_party, freezing_order_id, wallet_ids`,
  sortValue: (record) => record.decidedAt,
  toRow: (record) => ({
    id: record.id,
    ...provenanceRow(record.provenance),
    case_ref: record.caseRef,
    issuing_authority: record.issuingAuthority,
    issuing_state: record.issuingState,
    executing_state: record.executingState,
    decided_at: toTimestamp(record.decidedAt),
    final_at: toTimestamp(record.finalAt),
    legal_basis: record.legalBasis,
    offence: record.offence,
    status: record.status,
    asset: record.asset,
    amount: record.amount,
    restituted_amount: record.restitutedAmount,
    affected_party: record.affectedParty,
    freezing_order_id: record.freezingOrderId,
    wallet_ids: unique(record.walletIds),
  }),
  fromRow: (row) => ({
    id: row.id as string,
    provenance: provenanceOf(row, FR_REGISTRY_NAMES.assets),
    caseRef: row.case_ref as string,
    issuingAuthority: row.issuing_authority as string,
    issuingState: row.issuing_state as string,
    executingState: row.executing_state as string,
    decidedAt: iso(row.decided_at),
    finalAt: isoOrNull(row.final_at),
    legalBasis: row.legal_basis as string,
    offence: row.offence as string,
    status: row.status as ConfiscationOrderRecord['status'],
    asset: row.asset as string,
    amount: row.amount as string,
    restitutedAmount: row.restituted_amount as string,
    affectedParty: row.affected_party as ConfiscationOrderRecord['affectedParty'],
    walletIds: row.wallet_ids as string[],
    freezingOrderId: (row.freezing_order_id as string | null) ?? null,
  }),
};

export const WATCHLIST_ENTRIES: TableSpec<WatchlistEntryRecord> = {
  table: 'watchlist_entries',
  recordType: 'Sanction',
  registry: FR_REGISTRY_NAMES.watchlist,
  columns: `
  id text PRIMARY KEY,${PROVENANCE_COLUMNS}
  authority text NOT NULL,
  program text NOT NULL,
  provisions text[] NOT NULL,
  reason text NOT NULL,
  listing_date timestamptz NOT NULL,
  start_date timestamptz,
  end_date timestamptz,
  source_url text,
  subject jsonb NOT NULL,
  wallet_ids text[] NOT NULL`,
  sortColumn: 'listing_date',
  select: `id, ${PROVENANCE_SELECT}, authority, program, provisions, reason, listing_date,
    start_date, end_date, source_url, subject, wallet_ids`,
  sortValue: (record) => record.listingDate,
  toRow: (record) => ({
    id: record.id,
    ...provenanceRow(record.provenance),
    authority: record.authority,
    program: record.program,
    provisions: record.provisions,
    reason: record.reason,
    listing_date: toTimestamp(record.listingDate),
    start_date: toTimestamp(record.startDate),
    end_date: toTimestamp(record.endDate),
    source_url: record.sourceUrl,
    subject: record.subject,
    wallet_ids: unique(record.walletIds),
  }),
  fromRow: (row) => ({
    id: row.id as string,
    provenance: provenanceOf(row, FR_REGISTRY_NAMES.watchlist),
    authority: row.authority as string,
    program: row.program as string,
    provisions: row.provisions as string[],
    reason: row.reason as string,
    listingDate: iso(row.listing_date),
    startDate: isoOrNull(row.start_date),
    endDate: isoOrNull(row.end_date),
    sourceUrl: (row.source_url as string | null) ?? null,
    subject: row.subject as WatchlistEntryRecord['subject'],
    walletIds: row.wallet_ids as string[],
  }),
};

export const EXCHANGE_DISCLOSURES: TableSpec<ExchangeDisclosureRecord> = {
  table: 'exchange_disclosures',
  recordType: 'ExchangeDisclosure',
  registry: FR_REGISTRY_NAMES.disclosures,
  columns: `
  id text PRIMARY KEY,${PROVENANCE_COLUMNS}
  disclosed_at timestamptz NOT NULL,
  originator jsonb NOT NULL,
  beneficiary jsonb NOT NULL,
  originating_vasp jsonb NOT NULL,
  beneficiary_vasp jsonb NOT NULL,
  tx_hash text NOT NULL,
  tx_asset text NOT NULL,
  tx_amount numeric NOT NULL,
  tx_occurred_at timestamptz NOT NULL,
  tx_originator_wallet_id text NOT NULL,
  tx_beneficiary_wallet_id text NOT NULL,
  wallet_ids text[] NOT NULL`,
  sortColumn: 'disclosed_at',
  select: `id, ${PROVENANCE_SELECT}, disclosed_at, originator, beneficiary, originating_vasp,
    beneficiary_vasp, tx_hash, tx_asset, tx_amount::text AS tx_amount, tx_occurred_at,
    tx_originator_wallet_id, tx_beneficiary_wallet_id, wallet_ids`,
  sortValue: (record) => record.disclosedAt,
  toRow: (record) => ({
    id: record.id,
    ...provenanceRow(record.provenance),
    disclosed_at: toTimestamp(record.disclosedAt),
    originator: record.originator,
    beneficiary: record.beneficiary,
    originating_vasp: record.originatingVasp,
    beneficiary_vasp: record.beneficiaryVasp,
    tx_hash: record.transaction.txHash,
    tx_asset: record.transaction.asset,
    tx_amount: record.transaction.amount,
    tx_occurred_at: toTimestamp(record.transaction.occurredAt),
    tx_originator_wallet_id: record.transaction.originatorWalletId,
    tx_beneficiary_wallet_id: record.transaction.beneficiaryWalletId,
    // Every account the disclosure names, on either side, so that a wallet finds it.
    wallet_ids: unique([
      ...record.originator.accountNumbers,
      ...record.beneficiary.accountNumbers,
      record.transaction.originatorWalletId,
      record.transaction.beneficiaryWalletId,
    ]),
  }),
  fromRow: (row) => ({
    id: row.id as string,
    provenance: provenanceOf(row, FR_REGISTRY_NAMES.disclosures),
    disclosedAt: iso(row.disclosed_at),
    originator: row.originator as ExchangeDisclosureRecord['originator'],
    beneficiary: row.beneficiary as ExchangeDisclosureRecord['beneficiary'],
    originatingVasp: row.originating_vasp as ExchangeDisclosureRecord['originatingVasp'],
    beneficiaryVasp: row.beneficiary_vasp as ExchangeDisclosureRecord['beneficiaryVasp'],
    transaction: {
      txHash: row.tx_hash as string,
      asset: row.tx_asset as string,
      amount: row.tx_amount as string,
      occurredAt: iso(row.tx_occurred_at),
      originatorWalletId: row.tx_originator_wallet_id as string,
      beneficiaryWalletId: row.tx_beneficiary_wallet_id as string,
    },
  }),
};

export const ALL_TABLES = [
  FREEZING_ORDERS,
  CONFISCATION_ORDERS,
  WATCHLIST_ENTRIES,
  EXCHANGE_DISCLOSURES,
] as const;
