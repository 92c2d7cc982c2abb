import type { HoldingRecord, OrderStatus } from '../../../core/records.js';
import type { SanctionKind } from './sanctionPrograms.js';
import type { StringTable } from './StringTable.js';

/** A Sanction as read from the file, before its references are resolved. */
export interface SanctionFields {
  authority: string;
  authorityId: string | null;
  program: string;
  provisions: string[];
  reason: string;
  status: OrderStatus | null;
  countries: string[];
  listingDate: string | null;
  startDate: string | null;
  endDate: string | null;
  date: string | null;
  sourceUrl: string | null;
  recordId: string | null;
  /** The `summary` marking as given ("H2 B1"), checked on read. */
  summary: string | null;
  modifiedAt: string | null;
}

/** A Sanction with its references resolved: what the records are built from. */
export interface SanctionEntry extends SanctionFields {
  id: string;
  kind: SanctionKind;
  /** The date the registry lists newest first by. */
  sortDate: string;
  partyPosition: number;
  walletIds: string[];
  /** Holdings of a freezing order, from its wallets' balances. */
  holdings: HoldingRecord[];
  /** Asset, amount and restituted amount of a confiscation order. */
  confiscation: { asset: string; amount: string; restitutedAmount: string } | null;
}

/**
 * How a Sanction is kept between lookups: two JSON arrays, what the file says (packed as
 * it is read) and what resolving its references found, with repeated strings
 * (authorities, programmes, provisions, reasons, countries, statuses, currencies) as
 * numbers into the index's StringTable. Far smaller than the object graph of the record
 * with its party and wallets, which is built only when the record is asked for.
 */
type PackedSanctionFields = [
  authority: number,
  authorityId: string | null,
  program: number,
  provisions: number[],
  reason: number,
  status: number | null,
  countries: number[],
  listingDate: string | null,
  startDate: string | null,
  endDate: string | null,
  date: string | null,
  sourceUrl: string | null,
  recordId: string | null,
  summary: string | null,
  modifiedAt: string | null,
];

/** What resolving a Sanction's references found, written by resolveSanctions. */
export type PackedResolution = [
  partyPosition: number,
  walletIds: string[],
  /** [index into walletIds, currency, balance, asOf] per wallet with a balance. */
  holdings: [number, number, string, string][],
  /** [asset, amount, restituted] for a confiscation order. */
  confiscation: [number, string, string] | null,
];

/** The Sanction's fields as JSON, repeated strings replaced by their numbers in `strings`. */
export function packSanctionFields(fields: SanctionFields, strings: StringTable): string {
  const packed: PackedSanctionFields = [
    strings.ref(fields.authority),
    fields.authorityId,
    strings.ref(fields.program),
    fields.provisions.map((provision) => strings.ref(provision)),
    strings.ref(fields.reason),
    fields.status === null ? null : strings.ref(fields.status),
    fields.countries.map((country) => strings.ref(country)),
    fields.listingDate,
    fields.startDate,
    fields.endDate,
    fields.date,
    fields.sourceUrl,
    fields.recordId,
    fields.summary,
    fields.modifiedAt,
  ];
  return JSON.stringify(packed);
}

/** The entry a Sanction's two packed arrays stand for. */
export function unpackSanction(
  head: Pick<SanctionEntry, 'id' | 'kind' | 'sortDate'>,
  packedFields: string,
  packedResolution: string,
  strings: StringTable,
): SanctionEntry {
  const s = strings;
  const packed = JSON.parse(packedFields) as PackedSanctionFields;
  const [partyPosition, walletIds, holdings, confiscation] = JSON.parse(
    packedResolution,
  ) as PackedResolution;
  return {
    ...head,
    authority: s.at(packed[0]),
    authorityId: packed[1],
    program: s.at(packed[2]),
    provisions: packed[3].map((provision) => s.at(provision)),
    reason: s.at(packed[4]),
    status: packed[5] === null ? null : (s.at(packed[5]) as OrderStatus),
    countries: packed[6].map((country) => s.at(country)),
    listingDate: packed[7],
    startDate: packed[8],
    endDate: packed[9],
    date: packed[10],
    sourceUrl: packed[11],
    recordId: packed[12],
    summary: packed[13],
    modifiedAt: packed[14],
    partyPosition,
    walletIds,
    holdings: holdings.map(([wallet, asset, amount, asOf]) => ({
      walletId: walletIds[wallet]!,
      asset: s.at(asset),
      amount,
      asOf,
    })),
    confiscation:
      confiscation === null
        ? null
        : {
            asset: s.at(confiscation[0]),
            amount: confiscation[1],
            restitutedAmount: confiscation[2],
          },
  };
}
