import {
  HANDLING_CODES,
  INFORMATION_ACCURACIES,
  ORDER_STATUSES,
  SOURCE_RELIABILITIES,
  type ConfiscationOrderRecord,
  type ExchangeDisclosureRecord,
  type FreezingOrderRecord,
  type HoldingRecord,
  type Ivms101PartyRecord,
  type Ivms101VaspRecord,
  type PartyRecord,
  type Provenance,
  type WatchlistEntryRecord,
} from '../../../core/records.js';
import { isLei } from '../../../core/identifiers/lei.js';
import {
  FieldError,
  optionalCountry,
  optionalDate,
  optionalString,
  requireArray,
  requireCountry,
  requireDate,
  requireDecimal,
  requireOneOf,
  requireString,
  requireWalletId,
} from '../../kit/registry/checkField.js';
import { FR_JURISDICTION } from './registryNames.js';

/**
 * Checks one line of a French registry export (the record shapes of core/records.ts) and
 * returns it normalised: wallets as CAIP-10, date-times in UTC. Throws FieldError naming
 * the field and what is wrong with it.
 */
export type ExportRecordParser<R> = (raw: unknown, registry: string) => R;

type Json = Record<string, unknown>;

function requireObject(value: unknown, field: string): Json {
  if (value === undefined || value === null) throw new FieldError(`missing field "${field}"`);
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new FieldError(`field "${field}" must be an object`);
  }
  return value as Json;
}

function requireWallets(value: unknown, field: string): string[] {
  const list = requireArray(value, field);
  if (list.length === 0) throw new FieldError(`field "${field}" must name at least one wallet`);
  return list.map((wallet, index) => requireWalletId(wallet, `${field}[${index}]`));
}

function stringList(value: unknown, field: string): string[] {
  return requireArray(value, field).map((item, index) => requireString(item, `${field}[${index}]`));
}

function optionalUrl(value: unknown, field: string): string | null {
  const text = optionalString(value, field);
  if (text === null) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FieldError(`bad URL in "${field}": ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new FieldError(`bad URL in "${field}": only http(s) URLs are accepted`);
  }
  return text;
}

function parseProvenance(raw: Json, registry: string): Provenance {
  const provenance = requireObject(raw.provenance, 'provenance');
  const jurisdiction = requireCountry(provenance.jurisdiction, 'provenance.jurisdiction');
  if (jurisdiction !== FR_JURISDICTION) {
    throw new FieldError(`"provenance.jurisdiction" is ${jurisdiction}, expected FR`);
  }
  const source = requireString(provenance.registry, 'provenance.registry');
  if (source !== registry) {
    throw new FieldError(
      `"provenance.registry" is ${JSON.stringify(source)}, expected ${registry}`,
    );
  }
  return {
    jurisdiction,
    registry,
    sourceRecordId:
      optionalString(provenance.sourceRecordId, 'provenance.sourceRecordId') ??
      requireString(raw.id, 'id'),
    lastUpdated: requireDate(provenance.lastUpdated, 'provenance.lastUpdated'),
    handlingCode: requireOneOf(provenance.handlingCode, HANDLING_CODES, 'provenance.handlingCode'),
    sourceReliability: requireOneOf(
      provenance.sourceReliability,
      SOURCE_RELIABILITIES,
      'provenance.sourceReliability',
    ),
    informationAccuracy: requireOneOf(
      provenance.informationAccuracy,
      INFORMATION_ACCURACIES,
      'provenance.informationAccuracy',
    ),
  };
}

function parseParty(value: unknown, field: string): PartyRecord {
  const party = requireObject(value, field);
  const kind = requireOneOf(party.kind, ['Person', 'Organization'] as const, `${field}.kind`);
  if (kind === 'Person') {
    return {
      kind,
      id: requireString(party.id, `${field}.id`),
      name: requireString(party.name, `${field}.name`),
      firstName: optionalString(party.firstName, `${field}.firstName`),
      lastName: optionalString(party.lastName, `${field}.lastName`),
      birthDate: optionalDate(party.birthDate, `${field}.birthDate`),
      nationality: optionalCountry(party.nationality, `${field}.nationality`),
      idNumber: optionalString(party.idNumber, `${field}.idNumber`),
    };
  }
  return {
    kind,
    id: requireString(party.id, `${field}.id`),
    name: requireString(party.name, `${field}.name`),
    lei: optionalLei(party.lei, `${field}.lei`),
    country: optionalCountry(party.country, `${field}.country`),
    registrationNumber: optionalString(party.registrationNumber, `${field}.registrationNumber`),
  };
}

function optionalLei(value: unknown, field: string): string | null {
  const text = optionalString(value, field);
  if (text !== null && !isLei(text)) {
    throw new FieldError(`bad LEI in "${field}": ${JSON.stringify(text)}`);
  }
  return text;
}

function parseHoldings(value: unknown, walletIds: readonly string[]): HoldingRecord[] {
  return requireArray(value, 'holdings').map((item, index) => {
    const field = `holdings[${index}]`;
    const holding = requireObject(item, field);
    const walletId = requireWalletId(holding.walletId, `${field}.walletId`);
    // A holding is the balance of a wallet the order covers; the wallet index relies on it.
    if (!walletIds.includes(walletId)) {
      throw new FieldError(`"${field}.walletId" ${walletId} is not one of the order's walletIds`);
    }
    return {
      walletId,
      asset: requireString(holding.asset, `${field}.asset`),
      amount: requireDecimal(holding.amount, `${field}.amount`),
      asOf: requireDate(holding.asOf, `${field}.asOf`),
    };
  });
}

export const parseFreezingOrder: ExportRecordParser<FreezingOrderRecord> = (value, registry) => {
  const raw = requireObject(value, 'record');
  const walletIds = requireWallets(raw.walletIds, 'walletIds');
  return {
    id: requireString(raw.id, 'id'),
    provenance: parseProvenance(raw, registry),
    caseRef: requireString(raw.caseRef, 'caseRef'),
    issuingAuthority: requireString(raw.issuingAuthority, 'issuingAuthority'),
    issuingState: requireCountry(raw.issuingState, 'issuingState'),
    executingState: requireCountry(raw.executingState, 'executingState'),
    issuedAt: requireDate(raw.issuedAt, 'issuedAt'),
    validUntil: optionalDate(raw.validUntil, 'validUntil'),
    legalBasis: requireString(raw.legalBasis, 'legalBasis'),
    offence: requireString(raw.offence, 'offence'),
    status: requireOneOf(raw.status, ORDER_STATUSES, 'status'),
    affectedParty: parseParty(raw.affectedParty, 'affectedParty'),
    walletIds,
    holdings: parseHoldings(raw.holdings, walletIds),
  };
};

export const parseConfiscationOrder: ExportRecordParser<ConfiscationOrderRecord> = (
  value,
  registry,
) => {
  const raw = requireObject(value, 'record');
  return {
    id: requireString(raw.id, 'id'),
    provenance: parseProvenance(raw, registry),
    caseRef: requireString(raw.caseRef, 'caseRef'),
    issuingAuthority: requireString(raw.issuingAuthority, 'issuingAuthority'),
    issuingState: requireCountry(raw.issuingState, 'issuingState'),
    executingState: requireCountry(raw.executingState, 'executingState'),
    decidedAt: requireDate(raw.decidedAt, 'decidedAt'),
    finalAt: optionalDate(raw.finalAt, 'finalAt'),
    legalBasis: requireString(raw.legalBasis, 'legalBasis'),
    offence: requireString(raw.offence, 'offence'),
    status: requireOneOf(raw.status, ORDER_STATUSES, 'status'),
    asset: requireString(raw.asset, 'asset'),
    amount: requireDecimal(raw.amount, 'amount'),
    restitutedAmount: requireDecimal(raw.restitutedAmount, 'restitutedAmount'),
    affectedParty: parseParty(raw.affectedParty, 'affectedParty'),
    walletIds: requireWallets(raw.walletIds, 'walletIds'),
    freezingOrderId: optionalString(raw.freezingOrderId, 'freezingOrderId'),
  };
};

export const parseWatchlistEntry: ExportRecordParser<WatchlistEntryRecord> = (value, registry) => {
  const raw = requireObject(value, 'record');
  return {
    id: requireString(raw.id, 'id'),
    provenance: parseProvenance(raw, registry),
    authority: requireString(raw.authority, 'authority'),
    program: requireString(raw.program, 'program'),
    provisions: stringList(raw.provisions, 'provisions'),
    reason: requireString(raw.reason, 'reason'),
    listingDate: requireDate(raw.listingDate, 'listingDate'),
    startDate: optionalDate(raw.startDate, 'startDate'),
    endDate: optionalDate(raw.endDate, 'endDate'),
    sourceUrl: optionalUrl(raw.sourceUrl, 'sourceUrl'),
    subject: parseParty(raw.subject, 'subject'),
    walletIds: requireWallets(raw.walletIds, 'walletIds'),
  };
};

function parseIvmsParty(value: unknown, field: string): Ivms101PartyRecord {
  const party = requireObject(value, field);
  return {
    kind: requireOneOf(party.kind, ['NaturalPerson', 'LegalPerson'] as const, `${field}.kind`),
    primaryIdentifier: requireString(party.primaryIdentifier, `${field}.primaryIdentifier`),
    secondaryIdentifier: optionalString(party.secondaryIdentifier, `${field}.secondaryIdentifier`),
    addressLine: optionalString(party.addressLine, `${field}.addressLine`),
    country: optionalCountry(party.country, `${field}.country`),
    dateOfBirth: optionalDate(party.dateOfBirth, `${field}.dateOfBirth`),
    nationalIdentifier: optionalString(party.nationalIdentifier, `${field}.nationalIdentifier`),
    nationalIdentifierType: optionalString(
      party.nationalIdentifierType,
      `${field}.nationalIdentifierType`,
    ),
    customerIdentification: optionalString(
      party.customerIdentification,
      `${field}.customerIdentification`,
    ),
  };
}

function parseIvmsSide(value: unknown, field: string): ExchangeDisclosureRecord['originator'] {
  const side = requireObject(value, field);
  return {
    persons: requireArray(side.persons, `${field}.persons`).map((person, index) =>
      parseIvmsParty(person, `${field}.persons[${index}]`),
    ),
    accountNumbers: requireWallets(side.accountNumbers, `${field}.accountNumbers`),
  };
}

function parseVasp(value: unknown, field: string): Ivms101VaspRecord {
  const vasp = requireObject(value, field);
  return {
    name: requireString(vasp.name, `${field}.name`),
    lei: optionalLei(vasp.lei, `${field}.lei`),
    country: optionalCountry(vasp.country, `${field}.country`),
  };
}

export const parseExchangeDisclosure: ExportRecordParser<ExchangeDisclosureRecord> = (
  value,
  registry,
) => {
  const raw = requireObject(value, 'record');
  const transaction = requireObject(raw.transaction, 'transaction');
  return {
    id: requireString(raw.id, 'id'),
    provenance: parseProvenance(raw, registry),
    disclosedAt: requireDate(raw.disclosedAt, 'disclosedAt'),
    originator: parseIvmsSide(raw.originator, 'originator'),
    beneficiary: parseIvmsSide(raw.beneficiary, 'beneficiary'),
    originatingVasp: parseVasp(raw.originatingVasp, 'originatingVasp'),
    beneficiaryVasp: parseVasp(raw.beneficiaryVasp, 'beneficiaryVasp'),
    transaction: {
      txHash: requireString(transaction.txHash, 'transaction.txHash'),
      asset: requireString(transaction.asset, 'transaction.asset'),
      amount: requireDecimal(transaction.amount, 'transaction.amount'),
      occurredAt: requireDate(transaction.occurredAt, 'transaction.occurredAt'),
      originatorWalletId: requireWalletId(
        transaction.originatorWalletId,
        'transaction.originatorWalletId',
      ),
      beneficiaryWalletId: requireWalletId(
        transaction.beneficiaryWalletId,
        'transaction.beneficiaryWalletId',
      ),
    },
  };
};
