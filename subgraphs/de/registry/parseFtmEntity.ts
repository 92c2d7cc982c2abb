import { ORDER_STATUSES } from '../../../core/records.js';
import {
  FieldError,
  optionalCountry,
  optionalString,
  requireCountry,
  requireDate,
  requireDecimal,
  requireOneOf,
  requireString,
  requireWalletId,
} from '../../kit/registry/checkField.js';
import type { DateChecker } from './DateChecker.js';
import type { PackedParty, PartySchema } from './PackedParty.js';
import { parseProvenanceMarking } from './provenanceMarking.js';
import type { SanctionFields } from './SanctionEntry.js';
import { sanctionKindOf, type SanctionKind } from './sanctionPrograms.js';

/** The FtM schemata Germany's file uses; any other is an import problem. */
export const FTM_SCHEMATA = [
  'Person',
  'Company',
  'Organization',
  'CryptoWallet',
  'Sanction',
] as const;
export type FtmSchema = (typeof FTM_SCHEMATA)[number];

/** An FtM entity's `properties`: every value a list of strings. */
export type FtmProperties = Record<string, unknown>;

/** What a CryptoWallet's balance says, kept only for wallets that have one. */
export type PackedBalance = [
  balance: string | null,
  balanceDate: string | null,
  amount: string | null,
  modifiedAt: string | null,
];

export interface ParsedParty {
  schema: PartySchema;
  party: PackedParty;
}

export interface ParsedWallet {
  schema: 'CryptoWallet';
  walletId: string;
  /** The entity id of the party holding it, resolved later. */
  holder: string | null;
  currency: string | null;
  balance: PackedBalance | null;
}

export interface ParsedSanction {
  schema: 'Sanction';
  kind: SanctionKind;
  sortDate: string;
  fields: SanctionFields;
  /** The ids its `entity` names: one party and any wallets, resolved later. */
  entityIds: string[];
}

export type ParsedEntity = ParsedParty | ParsedWallet | ParsedSanction;

/**
 * One entity's properties, checked and read into what the index keeps. References to other
 * entities are returned as ids: they can point forward in the file. Throws a FieldError
 * whose message is the problem's reason. Country values are accepted in FtM's lower case
 * and returned upper case.
 */
export function parseFtmEntity(
  id: string,
  schema: FtmSchema,
  props: FtmProperties,
  dates: DateChecker,
): ParsedEntity {
  switch (schema) {
    case 'Person':
      return { schema, party: readPerson(id, props, dates) };
    case 'Company':
    case 'Organization':
      return { schema, party: readOrganization(id, props) };
    case 'CryptoWallet':
      return readWallet(props, dates);
    case 'Sanction':
      return readSanction(props, dates);
  }
}

function values(props: FtmProperties, name: string): string[] {
  const raw = props[name];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((value) => typeof value !== 'string')) {
    throw new FieldError(`property "${name}" must be a list of strings`);
  }
  return raw as string[];
}

function first(props: FtmProperties, name: string): string | undefined {
  return values(props, name)[0];
}

function lowerCountry(value: string | undefined, field: string): string | null {
  return optionalCountry(value?.toUpperCase(), field);
}

function readPerson(id: string, props: FtmProperties, dates: DateChecker): PackedParty {
  return [
    'Person',
    id,
    requireString(first(props, 'name'), 'name'),
    optionalString(first(props, 'firstName'), 'firstName'),
    optionalString(first(props, 'lastName'), 'lastName'),
    dates.optional(first(props, 'birthDate'), 'birthDate'),
    lowerCountry(first(props, 'nationality'), 'nationality'),
    optionalString(first(props, 'idNumber'), 'idNumber'),
  ];
}

function readOrganization(id: string, props: FtmProperties): PackedParty {
  const country =
    lowerCountry(first(props, 'jurisdiction'), 'jurisdiction') ??
    lowerCountry(first(props, 'country'), 'country');
  return [
    'Organization',
    id,
    requireString(first(props, 'name'), 'name'),
    optionalString(first(props, 'leiCode'), 'leiCode'),
    country,
    optionalString(first(props, 'registrationNumber'), 'registrationNumber'),
  ];
}

function readWallet(props: FtmProperties, dates: DateChecker): ParsedWallet {
  const walletId = requireWalletId(
    requireString(first(props, 'publicKey'), 'publicKey'),
    'publicKey',
  );
  const balance = first(props, 'balance');
  const amount = first(props, 'amount');
  const currency = optionalString(
    first(props, 'currency') ?? first(props, 'currencySymbol'),
    'currency',
  );
  if ((balance !== undefined || amount !== undefined) && currency === null) {
    throw new FieldError('missing property "currency" for "balance"/"amount"');
  }
  const packed: PackedBalance = [
    balance === undefined ? null : requireDecimal(balance, 'balance'),
    dates.optional(first(props, 'balanceDate'), 'balanceDate'),
    amount === undefined ? null : requireDecimal(amount, 'amount'),
    dates.optional(first(props, 'modifiedAt'), 'modifiedAt'),
  ];
  return {
    schema: 'CryptoWallet',
    walletId,
    holder: first(props, 'holder') ?? null,
    currency,
    balance: packed[0] === null && packed[2] === null ? null : packed,
  };
}

function readSanction(props: FtmProperties, dates: DateChecker): ParsedSanction {
  const entityIds = values(props, 'entity');
  if (entityIds.length === 0) throw new FieldError('missing property "entity"');
  const program = requireString(first(props, 'program'), 'program');
  const kind = sanctionKindOf(program);
  const listingDate = dates.optional(first(props, 'listingDate'), 'listingDate');
  const startDate = dates.optional(first(props, 'startDate'), 'startDate');
  const summary = first(props, 'summary');
  if (summary !== undefined && parseProvenanceMarking(summary) === null) {
    throw new FieldError(
      `bad provenance marking in "summary": ${JSON.stringify(summary)} (expected e.g. "H2 B1")`,
    );
  }
  const countries = values(props, 'country').map((country) =>
    requireCountry(country.toUpperCase(), 'country'),
  );
  const fields: SanctionFields = {
    authority: requireString(first(props, 'authority'), 'authority'),
    authorityId: optionalString(first(props, 'authorityId'), 'authorityId'),
    program,
    provisions: values(props, 'provisions'),
    reason: requireString(first(props, 'reason'), 'reason'),
    status: null,
    countries,
    listingDate,
    startDate,
    endDate: dates.optional(first(props, 'endDate'), 'endDate'),
    date: dates.optional(first(props, 'date'), 'date'),
    sourceUrl: optionalString(first(props, 'sourceUrl'), 'sourceUrl'),
    recordId: optionalString(first(props, 'recordId'), 'recordId'),
    summary: summary ?? null,
    modifiedAt: dates.optional(first(props, 'modifiedAt'), 'modifiedAt'),
  };
  let sortDate: string;
  if (kind === 'WatchlistEntry') {
    sortDate = requireDate(listingDate, 'listingDate');
  } else {
    // Orders are listed by the day they were issued or decided, and need their case reference.
    sortDate = requireDate(startDate, 'startDate');
    fields.authorityId = requireString(fields.authorityId, 'authorityId');
    fields.status = requireOneOf(first(props, 'status'), ORDER_STATUSES, 'status');
  }
  return { schema: 'Sanction', kind, sortDate, fields, entityIds };
}
