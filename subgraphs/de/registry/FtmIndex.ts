/**
 * Germany publishes its registries the way sanctions lists are published: one bulk
 * FollowTheMoney (FtM) JSON-lines file, one entity per line, every property value a list
 * of strings. This file parses and validates that file into compact in-memory indexes and
 * maps FtM entities onto the common records (core/records.ts).
 *
 * Schemata read: Person, Company, Organization, CryptoWallet, Sanction. Anything else is
 * an import problem ("unknown schema"). Country values are accepted in FtM's lower case and
 * returned upper case.
 *
 * Which registry a Sanction belongs to is decided by its `program` alone:
 *   - `DE-STPO-111E` Vermögensarrest, §§ 111b ff. StPO (judicial freezing) → FreezingOrderRecord
 *   - `DE-STGB-73`   Einziehung, §§ 73 ff. StGB (judicial confiscation)   → ConfiscationOrderRecord
 *   - any other program (EU 2014/269, EU 2016/1686, national lists …)    → WatchlistEntryRecord
 *
 * Sanction → WatchlistEntryRecord (registry `de-bundesbank-sanctions`)
 *   id ← id; authority ← authority; program ← program; provisions ← provisions (all);
 *   reason ← reason; listingDate ← listingDate (required); startDate, endDate, sourceUrl;
 *   subject ← the one Person/Company/Organization among `entity`;
 *   walletIds ← CryptoWallets named in `entity`, else every CryptoWallet whose `holder` is
 *   the subject.
 *
 * Sanction → FreezingOrderRecord / ConfiscationOrderRecord (registry `de-justiz-vermoegensarrest`),
 * EU 2018/1805 certificate fields:
 *   caseRef ← authorityId (the Aktenzeichen, "authority-issued identifier", required);
 *   issuingAuthority ← authority; issuingState ← country[0] (default DE);
 *   executingState ← country[1] (default: the issuing state) — FtM `country` lists the
 *     states concerned, issuing state first;
 *   issuedAt / decidedAt ← startDate (required);
 *   validUntil (freezing) ← endDate; finalAt (confiscation, Rechtskraft) ← date;
 *   legalBasis ← the programme's statute, then provisions: "§§ 111b ff. StPO: § 111e Abs. 1 StPO";
 *   offence ← reason; status ← status (ACTIVE | EXECUTED | LIFTED | EXPIRED, required);
 *   affectedParty ← the one Person/Company/Organization among `entity`;
 *   walletIds ← the CryptoWallets named in `entity` (else the party's held wallets);
 *   holdings (freezing) ← each wallet's balance + currency, asOf balanceDate (else the
 *     wallet's modifiedAt, else issuedAt);
 *   asset / amount (confiscation) ← the wallets' Value.currency / Value.amount (the amount
 *     confiscated from each wallet, summed; one asset per order);
 *   restitutedAmount ← Σ (amount − balance): `balance` is what the state still holds of the
 *     confiscated amount, the difference went back to victims;
 *   freezingOrderId ← null: FtM has no property linking one Sanction to another.
 *
 * Provenance: jurisdiction DE; registry as above; sourceRecordId ← recordId (else id);
 *   lastUpdated ← modifiedAt (else listingDate/startDate); handling code, source reliability
 *   and information accuracy ← `summary` when it is a marking "H2 B1" (handling code, then
 *   the admiralty code as police write it), else the registry's defaults (a published
 *   sanctions list is H3 A1; judicial orders are H2 A1).
 *
 * No property outside the FtM schemata is used.
 *
 * Memory: only compact entries are kept (no raw JSON), repeated strings (authorities,
 * programs, reasons, dates, currencies) are interned, and records are materialised on lookup.
 */
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import {
  HANDLING_CODES,
  ORDER_STATUSES,
  type ConfiscationOrderRecord,
  type FreezingOrderRecord,
  type HandlingCode,
  type HoldingRecord,
  type InformationAccuracy,
  type OrderStatus,
  type PartyRecord,
  type Provenance,
  type SourceReliability,
  type WatchlistEntryRecord,
} from '../../../core/records.js';
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
import {
  ImportRejectedError,
  type ImportProblem,
  type ImportReport,
} from '../../kit/registry/ImportRejectedError.js';
import type { Page, PageRequest } from '../../kit/registry/types.js';
import { HashPositionIndex } from '../../kit/registry/HashPositionIndex.js';

export const DE_WATCHLIST_REGISTRY = 'de-bundesbank-sanctions';
export const DE_ASSET_REGISTRY = 'de-justiz-vermoegensarrest';
/** The bulk file's name inside the jurisdiction's data folder. */
export const FTM_FILE_NAME = 'entities.ftm.jsonl';

/** Vermögensarrest, §§ 111b ff. StPO: the judicial freezing of assets. */
export const PROGRAM_VERMOEGENSARREST = 'DE-STPO-111E';
/** Einziehung, §§ 73 ff. StGB: the judicial confiscation of proceeds and instruments. */
export const PROGRAM_EINZIEHUNG = 'DE-STGB-73';

const STATUTE: Record<string, string> = {
  [PROGRAM_VERMOEGENSARREST]: '§§ 111b ff. StPO (Vermögensarrest)',
  [PROGRAM_EINZIEHUNG]: '§§ 73 ff. StGB (Einziehung)',
};

const SCHEMATA = ['Person', 'Company', 'Organization', 'CryptoWallet', 'Sanction'] as const;
type FtmSchema = (typeof SCHEMATA)[number];

type SanctionKind = 'WatchlistEntry' | 'FreezingOrder' | 'ConfiscationOrder';

interface Marking {
  handlingCode: HandlingCode;
  sourceReliability: SourceReliability;
  informationAccuracy: InformationAccuracy;
}

const DEFAULT_MARKING: Record<SanctionKind, Marking> = {
  WatchlistEntry: { handlingCode: 'H3', sourceReliability: 'A', informationAccuracy: 1 },
  FreezingOrder: { handlingCode: 'H2', sourceReliability: 'A', informationAccuracy: 1 },
  ConfiscationOrder: { handlingCode: 'H2', sourceReliability: 'A', informationAccuracy: 1 },
};
const MARKING = /^(H[0-3]) ([ABCX])([1-4])$/;

/** A Sanction as read from the file, before its references are resolved. */
interface SanctionFields {
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
interface SanctionEntry extends SanctionFields {
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
 * numbers into the index's StringTable. A few hundred bytes a Sanction, where the object
 * graph it replaces took over a kilobyte with its party and wallets.
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

type PackedResolution = [
  partyPosition: number,
  walletIds: string[],
  /** [index into walletIds, currency, balance, asOf] per wallet with a balance. */
  holdings: [number, number, string, string][],
  /** [asset, amount, restituted] for a confiscation order. */
  confiscation: [number, string, string] | null,
];

/** A party kept between lookups: the record's values in a JSON array, keys implied. */
type PackedParty =
  | [
      kind: 'Person',
      id: string,
      name: string,
      firstName: string | null,
      lastName: string | null,
      birthDate: string | null,
      nationality: string | null,
      idNumber: string | null,
    ]
  | [
      kind: 'Organization',
      id: string,
      name: string,
      lei: string | null,
      country: string | null,
      registrationNumber: string | null,
    ];

type PartySchema = 'Person' | 'Company' | 'Organization';

/** What a CryptoWallet's balance says, kept only for wallets that have one. */
type PackedBalance = [
  balance: string | null,
  balanceDate: string | null,
  amount: string | null,
  modifiedAt: string | null,
];

/** Strings that repeat across a bulk file, stored once and referred to by number. */
class StringTable {
  private readonly numbers = new Map<string, number>();
  private readonly strings: string[] = [];

  ref(value: string): number {
    let number = this.numbers.get(value);
    if (number === undefined) {
      number = this.strings.push(value) - 1;
      this.numbers.set(value, number);
    }
    return number;
  }

  at(number: number): string {
    return this.strings[number]!;
  }
}

type Properties = Record<string, unknown>;

/** Bulk files repeat a few thousand dates millions of times: check each distinct one once. */
class DateChecker {
  private readonly checked = new Map<string, string>();
  constructor(private readonly limit = 100_000) {}
  optional(value: string | undefined, field: string): string | null {
    if (value === undefined || value === '') return null;
    const known = this.checked.get(value);
    if (known !== undefined) return known;
    const date = requireDate(value, field);
    if (this.checked.size < this.limit) this.checked.set(value, date);
    return date;
  }
}

function values(props: Properties, name: string): string[] {
  const raw = props[name];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw) || raw.some((value) => typeof value !== 'string')) {
    throw new FieldError(`property "${name}" must be a list of strings`);
  }
  return raw as string[];
}

function first(props: Properties, name: string): string | undefined {
  return values(props, name)[0];
}

function lowerCountry(value: string | undefined, field: string): string | null {
  return optionalCountry(value?.toUpperCase(), field);
}

const SCALE = 18;
function toUnits(decimal: string): bigint {
  const negative = decimal.startsWith('-');
  const [whole, fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const units = BigInt(whole!) * 10n ** BigInt(SCALE) + BigInt(fraction.padEnd(SCALE, '0'));
  return negative ? -units : units;
}
function fromUnits(units: bigint): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(SCALE + 1, '0');
  const whole = digits.slice(0, -SCALE);
  const fraction = digits.slice(-SCALE).replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

function compareNewestFirst(aDate: string, aId: string, bDate: string, bId: string): number {
  if (aDate !== bDate) return aDate < bDate ? 1 : -1;
  return aId < bId ? 1 : aId > bId ? -1 : 0;
}

export const MAX_PAGE_SIZE = 500;

function encodeCursor(sortDate: string, id: string): string {
  return Buffer.from(JSON.stringify([sortDate, id])).toString('base64url');
}

function decodeCursor(cursor: string): { sortDate: string; id: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      typeof decoded[0] === 'string' &&
      typeof decoded[1] === 'string'
    ) {
      return { sortDate: decoded[0], id: decoded[1] };
    }
  } catch {
    // reported below
  }
  throw new RangeError('invalid cursor: pass the nextCursor of a previous page unchanged');
}

async function endsWithNewline(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const buffer = Buffer.alloc(1);
    await handle.read(buffer, 0, 1, size - 1);
    return buffer[0] === 0x0a;
  } finally {
    await handle.close();
  }
}

/** The validated, indexed content of one FtM bulk file. Immutable once loaded. */
/** The validated, indexed content of one FtM bulk file. Immutable once loaded. */
export class FtmIndex {
  private readonly strings = new StringTable();

  // Sanctions, by position in file order.
  private readonly sanctionIds: string[] = [];
  private readonly sanctionKinds: SanctionKind[] = [];
  private readonly sanctionSortDates: string[] = [];
  /** PackedSanctionFields JSON, written as the file is read. */
  private readonly sanctionPacked: string[] = [];
  /** PackedResolution JSON, written by resolve(). */
  private readonly sanctionResolved: string[] = [];
  private readonly sanctionById = new Map<string, number>();
  private readonly sanctionsByWallet = new HashPositionIndex();
  private readonly newestFirst: Record<SanctionKind, number[]> = {
    WatchlistEntry: [],
    FreezingOrder: [],
    ConfiscationOrder: [],
  };

  // Parties, by position in file order.
  private readonly partyPacked: string[] = [];
  private readonly partyCounts: Record<PartySchema, number> = {
    Person: 0,
    Company: 0,
    Organization: 0,
  };
  private walletCount = 0;

  // Only needed while loading; emptied once the file is resolved.
  private sanctionLines: number[] = [];
  private sanctionEntityIds: string[][] = [];
  private partyById = new Map<string, number>();
  private partyLines: number[] = [];
  private walletById = new Map<string, number>();
  private walletLines: number[] = [];
  private walletEntityIds: string[] = [];
  private walletIds: string[] = [];
  private walletHolders: (string | null)[] = [];
  private walletCurrencies: (number | null)[] = [];
  private walletBalances: (string | null)[] = [];

  private readonly dates = new DateChecker();
  private readonly problems: ImportProblem[] = [];
  private readonly fileLabel: string;

  private constructor(readonly file: string) {
    this.fileLabel = basename(file);
  }

  /**
   * Reads, validates and indexes the file. Throws ImportRejectedError naming every bad
   * entity (file, line, id, reason) if anything is wrong: nothing is half loaded.
   */
  static async load(file: string): Promise<FtmIndex> {
    const index = new FtmIndex(file);
    await index.read();
    if (index.problems.length === 0) index.resolve();
    if (index.problems.length > 0) throw new ImportRejectedError(index.problems);
    index.sort();
    return index;
  }

  /** Entities loaded, by FtM schema and by record type. */
  counts(): Record<string, number> {
    return {
      WatchlistEntry: this.newestFirst.WatchlistEntry.length,
      FreezingOrder: this.newestFirst.FreezingOrder.length,
      ConfiscationOrder: this.newestFirst.ConfiscationOrder.length,
      Sanction: this.sanctionIds.length,
      CryptoWallet: this.walletCount,
      Person: this.partyCounts.Person,
      Company: this.partyCounts.Company,
      Organization: this.partyCounts.Organization,
    };
  }

  /** One report per registry the file feeds. */
  reports(): ImportReport[] {
    const counts = this.counts();
    const shared = {
      Person: counts.Person!,
      Company: counts.Company!,
      Organization: counts.Organization!,
      CryptoWallet: counts.CryptoWallet!,
    };
    return [
      {
        registry: DE_WATCHLIST_REGISTRY,
        source: this.file,
        counts: { WatchlistEntry: counts.WatchlistEntry!, ...shared },
      },
      {
        registry: DE_ASSET_REGISTRY,
        source: this.file,
        counts: {
          FreezingOrder: counts.FreezingOrder!,
          ConfiscationOrder: counts.ConfiscationOrder!,
          ...shared,
        },
      },
    ];
  }

  watchlistEntry(id: string): WatchlistEntryRecord | null {
    const entry = this.sanctionOf(id, 'WatchlistEntry');
    return entry ? this.toWatchlistEntry(entry) : null;
  }

  freezingOrder(id: string): FreezingOrderRecord | null {
    const entry = this.sanctionOf(id, 'FreezingOrder');
    return entry ? this.toFreezingOrder(entry) : null;
  }

  confiscationOrder(id: string): ConfiscationOrderRecord | null {
    const entry = this.sanctionOf(id, 'ConfiscationOrder');
    return entry ? this.toConfiscationOrder(entry) : null;
  }

  watchlistEntriesByWallet(walletId: string): WatchlistEntryRecord[] {
    return this.byWallet(walletId, 'WatchlistEntry').map((entry) => this.toWatchlistEntry(entry));
  }

  freezingOrdersByWallet(walletId: string): FreezingOrderRecord[] {
    return this.byWallet(walletId, 'FreezingOrder').map((entry) => this.toFreezingOrder(entry));
  }

  confiscationOrdersByWallet(walletId: string): ConfiscationOrderRecord[] {
    return this.byWallet(walletId, 'ConfiscationOrder').map((entry) =>
      this.toConfiscationOrder(entry),
    );
  }

  listWatchlistEntries(page: PageRequest): Page<WatchlistEntryRecord> {
    return this.list('WatchlistEntry', page, (entry) => this.toWatchlistEntry(entry));
  }

  listFreezingOrders(page: PageRequest): Page<FreezingOrderRecord> {
    return this.list('FreezingOrder', page, (entry) => this.toFreezingOrder(entry));
  }

  listConfiscationOrders(page: PageRequest): Page<ConfiscationOrderRecord> {
    return this.list('ConfiscationOrder', page, (entry) => this.toConfiscationOrder(entry));
  }

  // --- reading -------------------------------------------------------------------------

  private async read(): Promise<void> {
    const input = createReadStream(this.file, { encoding: 'utf8' });
    const lines = createInterface({ input, crlfDelay: Infinity });
    let lineNumber = 0;
    let lastBadJsonLine = 0;
    for await (const text of lines) {
      lineNumber += 1;
      if (text.trim() === '') continue;
      let entity: unknown;
      try {
        entity = JSON.parse(text);
      } catch (error) {
        lastBadJsonLine = lineNumber;
        this.problem(lineNumber, null, `invalid JSON: ${(error as Error).message}`);
        continue;
      }
      this.readEntity(entity, lineNumber);
    }
    await once(input, 'close').catch(() => undefined);
    if (lastBadJsonLine === lineNumber && lineNumber > 0 && !(await endsWithNewline(this.file))) {
      const last = this.problems[this.problems.length - 1]!;
      last.reason = `truncated last line (no newline, ${last.reason})`;
    }
  }

  private problem(line: number | null, recordId: string | null, reason: string): void {
    this.problems.push({ file: this.fileLabel, line, recordId, reason });
  }

  private readEntity(entity: unknown, line: number): void {
    if (typeof entity !== 'object' || entity === null || Array.isArray(entity)) {
      this.problem(line, null, 'not an FtM entity: expected a JSON object');
      return;
    }
    const { id, schema, properties } = entity as Record<string, unknown>;
    if (typeof id !== 'string' || id.trim() === '') {
      this.problem(line, null, 'missing entity "id"');
      return;
    }
    if (!SCHEMATA.includes(schema as FtmSchema)) {
      this.problem(
        line,
        id,
        `unknown schema ${JSON.stringify(schema)} (expected one of ${SCHEMATA.join(', ')})`,
      );
      return;
    }
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
      this.problem(line, id, 'missing "properties" object');
      return;
    }
    if (this.sanctionById.has(id) || this.walletById.has(id) || this.partyById.has(id)) {
      this.problem(
        line,
        id,
        `duplicate id ${JSON.stringify(id)} (first on line ${this.lineOf(id)})`,
      );
      return;
    }
    const props = properties as Properties;
    try {
      switch (schema as FtmSchema) {
        case 'Person':
          this.addParty(id, line, 'Person', this.readPerson(id, props));
          break;
        case 'Company':
        case 'Organization':
          this.addParty(id, line, schema as PartySchema, this.readOrganization(id, props));
          break;
        case 'CryptoWallet':
          this.readWallet(id, line, props);
          break;
        case 'Sanction':
          this.readSanction(id, line, props);
          break;
      }
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      this.problem(line, id, `${schema as string}: ${error.message}`);
    }
  }

  private lineOf(id: string): number | null {
    const sanction = this.sanctionById.get(id);
    if (sanction !== undefined) return this.sanctionLines[sanction]!;
    const wallet = this.walletById.get(id);
    if (wallet !== undefined) return this.walletLines[wallet]!;
    const party = this.partyById.get(id);
    return party === undefined ? null : this.partyLines[party]!;
  }

  private addParty(id: string, line: number, schema: PartySchema, packed: PackedParty): void {
    this.partyById.set(id, this.partyPacked.push(JSON.stringify(packed)) - 1);
    this.partyLines.push(line);
    this.partyCounts[schema] += 1;
  }

  private readPerson(id: string, props: Properties): PackedParty {
    return [
      'Person',
      id,
      requireString(first(props, 'name'), 'name'),
      optionalString(first(props, 'firstName'), 'firstName'),
      optionalString(first(props, 'lastName'), 'lastName'),
      this.dates.optional(first(props, 'birthDate'), 'birthDate'),
      lowerCountry(first(props, 'nationality'), 'nationality'),
      optionalString(first(props, 'idNumber'), 'idNumber'),
    ];
  }

  private readOrganization(id: string, props: Properties): PackedParty {
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

  private readWallet(id: string, line: number, props: Properties): void {
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
      this.dates.optional(first(props, 'balanceDate'), 'balanceDate'),
      amount === undefined ? null : requireDecimal(amount, 'amount'),
      this.dates.optional(first(props, 'modifiedAt'), 'modifiedAt'),
    ];
    this.walletById.set(id, this.walletIds.push(walletId) - 1);
    this.walletLines.push(line);
    this.walletEntityIds.push(id);
    this.walletHolders.push(first(props, 'holder') ?? null);
    this.walletCurrencies.push(currency === null ? null : this.strings.ref(currency));
    this.walletBalances.push(
      packed[0] === null && packed[2] === null ? null : JSON.stringify(packed),
    );
  }

  private readSanction(id: string, line: number, props: Properties): void {
    const entityIds = values(props, 'entity');
    if (entityIds.length === 0) throw new FieldError('missing property "entity"');
    const program = requireString(first(props, 'program'), 'program');
    const kind: SanctionKind =
      program === PROGRAM_VERMOEGENSARREST
        ? 'FreezingOrder'
        : program === PROGRAM_EINZIEHUNG
          ? 'ConfiscationOrder'
          : 'WatchlistEntry';
    const listingDate = this.dates.optional(first(props, 'listingDate'), 'listingDate');
    const startDate = this.dates.optional(first(props, 'startDate'), 'startDate');
    const summary = first(props, 'summary');
    const marking = summary === undefined ? null : MARKING.exec(summary);
    if (summary !== undefined && marking === null) {
      throw new FieldError(
        `bad provenance marking in "summary": ${JSON.stringify(summary)} (expected e.g. "H2 B1")`,
      );
    }
    if (marking) requireOneOf(marking[1], HANDLING_CODES, 'summary');
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
      endDate: this.dates.optional(first(props, 'endDate'), 'endDate'),
      date: this.dates.optional(first(props, 'date'), 'date'),
      sourceUrl: optionalString(first(props, 'sourceUrl'), 'sourceUrl'),
      recordId: optionalString(first(props, 'recordId'), 'recordId'),
      summary: summary ?? null,
      modifiedAt: this.dates.optional(first(props, 'modifiedAt'), 'modifiedAt'),
    };
    let sortDate: string;
    if (kind === 'WatchlistEntry') {
      sortDate = requireDate(listingDate, 'listingDate');
    } else {
      sortDate = requireDate(startDate, 'startDate');
      fields.authorityId = requireString(fields.authorityId, 'authorityId');
      fields.status = requireOneOf(first(props, 'status'), ORDER_STATUSES, 'status');
    }
    this.sanctionById.set(id, this.sanctionIds.push(id) - 1);
    this.sanctionKinds.push(kind);
    this.sanctionSortDates.push(sortDate);
    this.sanctionLines.push(line);
    this.sanctionEntityIds.push(entityIds);
    this.sanctionPacked.push(JSON.stringify(this.packFields(fields)));
  }

  // --- cross references ----------------------------------------------------------------

  private resolve(): void {
    const walletsByHolder = new Map<string, number[]>();
    this.walletHolders.forEach((holderId, position) => {
      if (holderId === null) return;
      if (!this.partyById.has(holderId)) {
        const what = this.describeId(holderId);
        this.problem(
          this.walletLines[position]!,
          this.walletEntityIds[position]!,
          `dangling reference: holder ${JSON.stringify(holderId)} ${what}`,
        );
        return;
      }
      const held = walletsByHolder.get(holderId);
      if (held) held.push(position);
      else walletsByHolder.set(holderId, [position]);
    });

    this.sanctionIds.forEach((sanctionId, position) => {
      const line = this.sanctionLines[position]!;
      const partyPositions: number[] = [];
      const listedWallets: number[] = [];
      for (const entityId of this.sanctionEntityIds[position]!) {
        const wallet = this.walletById.get(entityId);
        if (wallet !== undefined) listedWallets.push(wallet);
        else {
          const party = this.partyById.get(entityId);
          if (party !== undefined) partyPositions.push(party);
          else {
            const what = this.describeId(entityId);
            this.problem(
              line,
              sanctionId,
              `dangling reference: entity ${JSON.stringify(entityId)} ${what}`,
            );
            return;
          }
        }
      }
      if (partyPositions.length !== 1) {
        this.problem(
          line,
          sanctionId,
          `Sanction: "entity" must name exactly one Person, Company or Organization (found ${partyPositions.length})`,
        );
        return;
      }
      const partyId = this.sanctionEntityIds[position]!.find((entityId) =>
        this.partyById.has(entityId),
      )!;
      const walletPositions =
        listedWallets.length > 0 ? listedWallets : (walletsByHolder.get(partyId) ?? []);
      const kind = this.sanctionKinds[position]!;
      if (kind === 'ConfiscationOrder' && !this.checkConfiscation(position, walletPositions)) {
        return;
      }
      if (this.problems.length > 0) return;
      const walletIds = [...new Set(walletPositions.map((wallet) => this.walletIds[wallet]!))];
      this.sanctionResolved[position] = this.packResolution(
        position,
        partyPositions[0]!,
        walletIds,
        walletPositions,
      );
      for (const walletId of walletIds) this.sanctionsByWallet.add(walletId, position);
    });

    this.walletCount = this.walletIds.length;
    this.sanctionLines = [];
    this.sanctionEntityIds = [];
    this.partyById = new Map();
    this.partyLines = [];
    this.walletById = new Map();
    this.walletLines = [];
    this.walletEntityIds = [];
    this.walletIds = [];
    this.walletHolders = [];
    this.walletCurrencies = [];
    this.walletBalances = [];
  }

  private describeId(id: string): string {
    if (this.sanctionById.has(id)) return 'is a Sanction, not a legal entity or wallet';
    if (this.walletById.has(id)) return 'is a CryptoWallet, not a legal entity';
    return 'names no entity in the file';
  }

  private checkConfiscation(position: number, walletPositions: readonly number[]): boolean {
    const assets = new Set<string>();
    for (const wallet of walletPositions) {
      if (this.balanceOf(wallet)?.[2] != null) {
        assets.add(this.strings.at(this.walletCurrencies[wallet]!));
      }
    }
    if (assets.size === 1) return true;
    this.problem(
      this.sanctionLines[position]!,
      this.sanctionIds[position]!,
      assets.size === 0
        ? 'Sanction (Einziehung): no wallet of the order carries "amount" and "currency"'
        : `Sanction (Einziehung): confiscated wallets hold more than one asset (${[...assets].join(', ')})`,
    );
    return false;
  }

  private balanceOf(wallet: number): PackedBalance | null {
    const packed = this.walletBalances[wallet];
    return packed == null ? null : (JSON.parse(packed) as PackedBalance);
  }

  private packFields(fields: SanctionFields): PackedSanctionFields {
    const s = this.strings;
    return [
      s.ref(fields.authority),
      fields.authorityId,
      s.ref(fields.program),
      fields.provisions.map((provision) => s.ref(provision)),
      s.ref(fields.reason),
      fields.status === null ? null : s.ref(fields.status),
      fields.countries.map((country) => s.ref(country)),
      fields.listingDate,
      fields.startDate,
      fields.endDate,
      fields.date,
      fields.sourceUrl,
      fields.recordId,
      fields.summary,
      fields.modifiedAt,
    ];
  }

  /** The Sanction's party, wallets and what the wallets hold, as one JSON array. */
  private packResolution(
    position: number,
    partyPosition: number,
    walletIds: string[],
    walletPositions: readonly number[],
  ): string {
    const kind = this.sanctionKinds[position]!;
    const sortDate = this.sanctionSortDates[position]!;
    const holdings: PackedResolution[2] = [];
    let confiscation: PackedResolution[3] = null;
    if (kind === 'FreezingOrder') {
      for (const wallet of walletPositions) {
        const balance = this.balanceOf(wallet);
        if (balance === null || balance[0] === null) continue;
        holdings.push([
          walletIds.indexOf(this.walletIds[wallet]!),
          this.walletCurrencies[wallet]!,
          balance[0],
          balance[1] ?? balance[3] ?? sortDate,
        ]);
      }
    } else if (kind === 'ConfiscationOrder') {
      let asset = 0;
      let amount = 0n;
      let restituted = 0n;
      for (const wallet of walletPositions) {
        const balance = this.balanceOf(wallet);
        if (balance === null || balance[2] === null) continue;
        asset = this.walletCurrencies[wallet]!;
        const confiscated = toUnits(balance[2]);
        amount += confiscated;
        if (balance[0] !== null) {
          const returned = confiscated - toUnits(balance[0]);
          if (returned > 0n) restituted += returned;
        }
      }
      confiscation = [asset, fromUnits(amount), fromUnits(restituted)];
    }
    const resolution: PackedResolution = [partyPosition, walletIds, holdings, confiscation];
    return JSON.stringify(resolution);
  }

  private sort(): void {
    this.sanctionKinds.forEach((kind, position) => this.newestFirst[kind].push(position));
    for (const kind of Object.keys(this.newestFirst) as SanctionKind[]) {
      this.newestFirst[kind].sort((a, b) => this.compare(a, b));
    }
  }

  private compare(a: number, b: number): number {
    return compareNewestFirst(
      this.sanctionSortDates[a]!,
      this.sanctionIds[a]!,
      this.sanctionSortDates[b]!,
      this.sanctionIds[b]!,
    );
  }

  // --- lookups and mapping -------------------------------------------------------------

  private sanctionOf(id: string, kind: SanctionKind): SanctionEntry | null {
    const position = this.sanctionById.get(id);
    if (position === undefined || this.sanctionKinds[position] !== kind) return null;
    return this.unpack(position);
  }

  private byWallet(walletId: string, kind: SanctionKind): SanctionEntry[] {
    const entries: SanctionEntry[] = [];
    const positions = this.sanctionsByWallet
      .candidates(walletId)
      .filter((position) => this.sanctionKinds[position] === kind)
      .sort((a, b) => this.compare(a, b));
    for (const position of positions) {
      const entry = this.unpack(position);
      // A hash match is only a candidate: keep the Sanctions that really name the wallet.
      if (entry.walletIds.includes(walletId)) entries.push(entry);
    }
    return entries;
  }

  private unpack(position: number): SanctionEntry {
    const s = this.strings;
    const packed = JSON.parse(this.sanctionPacked[position]!) as PackedSanctionFields;
    const [partyPosition, walletIds, holdings, confiscation] = JSON.parse(
      this.sanctionResolved[position]!,
    ) as PackedResolution;
    return {
      id: this.sanctionIds[position]!,
      kind: this.sanctionKinds[position]!,
      sortDate: this.sanctionSortDates[position]!,
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

  private list<T>(
    kind: SanctionKind,
    page: PageRequest,
    toRecord: (entry: SanctionEntry) => T,
  ): Page<T> {
    if (!Number.isInteger(page.first) || page.first < 1 || page.first > MAX_PAGE_SIZE) {
      throw new RangeError(`page size "first" must be between 1 and ${MAX_PAGE_SIZE}`);
    }
    const order = this.newestFirst[kind];
    let start = 0;
    if (page.after !== null) {
      const cursor = decodeCursor(page.after);
      // First position strictly after the cursor: stable across reloads that add records.
      let low = 0;
      let high = order.length;
      while (low < high) {
        const middle = (low + high) >>> 1;
        const position = order[middle]!;
        const comparison = compareNewestFirst(
          this.sanctionSortDates[position]!,
          this.sanctionIds[position]!,
          cursor.sortDate,
          cursor.id,
        );
        if (comparison <= 0) low = middle + 1;
        else high = middle;
      }
      start = low;
    }
    const slice = order.slice(start, start + page.first);
    const hasMore = start + page.first < order.length;
    const last = slice[slice.length - 1];
    return {
      records: slice.map((position) => toRecord(this.unpack(position))),
      nextCursor:
        hasMore && last !== undefined
          ? encodeCursor(this.sanctionSortDates[last]!, this.sanctionIds[last]!)
          : null,
      totalCount: order.length,
    };
  }

  private provenance(entry: SanctionEntry, registry: string): Provenance {
    const marking = entry.summary === null ? null : MARKING.exec(entry.summary);
    const { handlingCode, sourceReliability, informationAccuracy } = marking
      ? {
          handlingCode: marking[1] as HandlingCode,
          sourceReliability: marking[2] as SourceReliability,
          informationAccuracy: Number(marking[3]) as InformationAccuracy,
        }
      : DEFAULT_MARKING[entry.kind];
    return {
      jurisdiction: 'DE',
      registry,
      sourceRecordId: entry.recordId ?? entry.id,
      lastUpdated: entry.modifiedAt ?? entry.listingDate ?? entry.sortDate,
      handlingCode,
      sourceReliability,
      informationAccuracy,
    };
  }

  private party(entry: SanctionEntry): PartyRecord {
    const packed = JSON.parse(this.partyPacked[entry.partyPosition]!) as PackedParty;
    if (packed[0] === 'Person') {
      const [kind, id, name, firstName, lastName, birthDate, nationality, idNumber] = packed;
      return { kind, id, name, firstName, lastName, birthDate, nationality, idNumber };
    }
    const [kind, id, name, lei, country, registrationNumber] = packed;
    return { kind, id, name, lei, country, registrationNumber };
  }

  private legalBasis(entry: SanctionEntry): string {
    const statute = STATUTE[entry.program] ?? entry.program;
    return entry.provisions.length > 0 ? `${statute}: ${entry.provisions.join('; ')}` : statute;
  }

  private toWatchlistEntry(entry: SanctionEntry): WatchlistEntryRecord {
    return {
      id: entry.id,
      provenance: this.provenance(entry, DE_WATCHLIST_REGISTRY),
      authority: entry.authority,
      program: entry.program,
      provisions: entry.provisions,
      reason: entry.reason,
      listingDate: entry.sortDate,
      startDate: entry.startDate,
      endDate: entry.endDate,
      sourceUrl: entry.sourceUrl,
      subject: this.party(entry),
      walletIds: entry.walletIds,
    };
  }

  private orderFields(entry: SanctionEntry) {
    const issuingState = entry.countries[0] ?? 'DE';
    return {
      id: entry.id,
      provenance: this.provenance(entry, DE_ASSET_REGISTRY),
      caseRef: entry.authorityId!,
      issuingAuthority: entry.authority,
      issuingState,
      executingState: entry.countries[1] ?? issuingState,
      legalBasis: this.legalBasis(entry),
      offence: entry.reason,
      status: entry.status!,
      affectedParty: this.party(entry),
      walletIds: entry.walletIds,
    };
  }

  private toFreezingOrder(entry: SanctionEntry): FreezingOrderRecord {
    return {
      ...this.orderFields(entry),
      issuedAt: entry.sortDate,
      validUntil: entry.endDate,
      holdings: entry.holdings,
    };
  }

  private toConfiscationOrder(entry: SanctionEntry): ConfiscationOrderRecord {
    return {
      ...this.orderFields(entry),
      decidedAt: entry.sortDate,
      finalAt: entry.date,
      asset: entry.confiscation!.asset,
      amount: entry.confiscation!.amount,
      restitutedAmount: entry.confiscation!.restitutedAmount,
      freezingOrderId: null,
    };
  }
}
