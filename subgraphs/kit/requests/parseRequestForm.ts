import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import { normalizeWalletId, WalletIdError } from '../../../core/identifiers/index.js';
import { isLei } from '../../../core/identifiers/lei.js';
import { PSEUDONYM_PREFIX } from '../../../core/policy/pseudonym.js';
import { REQUEST_TYPES } from '../../../core/policy/RequestPolicy.js';
import type { RequestType } from '../../../core/policy/RequestPolicy.js';
import type {
  CategoryJustification,
  CategoryNecessity,
  DataCategory,
  PropertyItem,
  RequestForm,
} from './CrossBorderRequest.js';
import { readInstant } from './readInstant.js';
import { readText } from './readText.js';
import { RequestRefusal } from './RequestRefusal.js';

/** The key of each type's sub-form in `FileRequestInput`. */
const SUB_FORM_KEYS = {
  PRESERVATION: 'preservation',
  FREEZING: 'freezing',
  CONFISCATION: 'confiscation',
  DISCLOSURE: 'disclosure',
  DE_ANONYMISATION: 'deAnonymisation',
} as const satisfies Record<RequestType, string>;

/** Most items a list on a form holds: a certificate names property, not a ledger. */
const MAX_LIST_ITEMS = 100;

/** What a production order may ask a member for: its registries' records, never identities. */
const DISCLOSURE_CATEGORIES: readonly DataCategory[] = [
  'FREEZING_ORDERS',
  'CONFISCATION_ORDERS',
  'WATCHLIST_ENTRIES',
  'EXCHANGE_DISCLOSURES',
];
/** What a de-anonymisation may reveal about the person behind a pseudonym or wallet. */
const DE_ANONYMISATION_CATEGORIES: readonly DataCategory[] = [
  'IDENTITY',
  'BIRTH_DATE',
  'NATIONALITY',
  'IDENTITY_DOCUMENT',
];

const DECIMAL = /^\d{1,30}(\.\d{1,18})?$/;
const ASSET = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/;
const PSEUDONYM = new RegExp(`^${PSEUDONYM_PREFIX}\\S+$`);

/**
 * The form of a `FileRequestInput`: `type` and exactly its own sub-form, every field checked
 * and normalised (trimmed text, canonical wallet ids, UTC instants). `now` is the member's
 * clock, for the fields that must lie in the past or the future. A RequestRefusal
 * (BAD_USER_INPUT, MISSING_FIELD or INVALID_FIELD) names the first field at fault.
 */
export function parseRequestForm(input: unknown, now: string): RequestForm {
  const root = required(record(input, 'input'), 'input');
  const type = root['type'];
  if (type === undefined || type === null) throw missing('input.type', 'State the request type');
  if (!REQUEST_TYPES.includes(type as RequestType)) {
    throw invalid('input.type', 'Unknown request type');
  }
  for (const [other, key] of Object.entries(SUB_FORM_KEYS)) {
    if (other !== type && root[key] !== undefined && root[key] !== null) {
      throw invalid(`input.${key}`, 'A request carries the form of its own type only');
    }
  }
  const key = SUB_FORM_KEYS[type as RequestType];
  const form = new FormReader(required(record(root[key], `input.${key}`), `input.${key}`), key);
  switch (type as RequestType) {
    case 'PRESERVATION':
      return { type: 'PRESERVATION', preservation: preservation(form) };
    case 'FREEZING':
      return { type: 'FREEZING', freezing: freezing(form) };
    case 'CONFISCATION':
      return { type: 'CONFISCATION', confiscation: confiscation(form, now) };
    case 'DISCLOSURE':
      return { type: 'DISCLOSURE', disclosure: disclosure(form) };
    case 'DE_ANONYMISATION':
      return { type: 'DE_ANONYMISATION', deAnonymisation: deAnonymisation(form, now) };
  }
}

function preservation(form: FormReader) {
  const wallets = form.wallets('wallets');
  const recordIds = form
    .list('recordIds')
    .map((id, i) => readText(id, form.path(`recordIds[${i}]`)));
  if (wallets.length === 0 && recordIds.length === 0) {
    throw missing(form.path('wallets'), 'A preservation order names a wallet or a record to keep');
  }
  return {
    issuingAuthority: form.text('issuingAuthority'),
    offence: form.text('offence'),
    wallets,
    recordIds,
    reason: form.text('reason'),
  };
}

function freezing(form: FormReader) {
  const urgent = form.flag('urgent');
  const urgencyReason = form.optionalText('urgencyReason');
  if (urgent && urgencyReason === null) {
    throw missing(form.path('urgencyReason'), 'An urgent freezing order states why it is urgent');
  }
  return {
    issuingAuthority: form.text('issuingAuthority'),
    validatingJudge: form.optionalText('validatingJudge'),
    offence: form.text('offence'),
    legalQualification: form.text('legalQualification'),
    property: form.property(),
    urgent,
    urgencyReason,
    victimsInterests: form.optionalText('victimsInterests'),
  };
}

function confiscation(form: FormReader, now: string) {
  const decidedAt = readInstant(form.value('decidedAt'), form.path('decidedAt'));
  const finalAt = readInstant(form.value('finalAt'), form.path('finalAt'));
  if (Date.parse(finalAt) < Date.parse(decidedAt)) {
    throw invalid(form.path('finalAt'), 'An order becomes final after it is made');
  }
  // 2018/1805 Art. 2(2): a confiscation order is a final penalty or measure imposed by a court.
  if (Date.parse(finalAt) > Date.parse(now)) {
    throw invalid(form.path('finalAt'), 'A confiscation order is recognised once it is final');
  }
  return {
    issuingAuthority: form.text('issuingAuthority'),
    offence: form.text('offence'),
    legalQualification: form.text('legalQualification'),
    decidedAt,
    finalAt,
    property: form.property(),
    freezingRequestId: form.optionalText('freezingRequestId'),
    victimsInterests: form.optionalText('victimsInterests'),
  };
}

function disclosure(form: FormReader) {
  const wallets = form.wallets('wallets');
  if (wallets.length === 0) {
    throw missing(form.path('wallets'), 'A production order names the wallets it is about');
  }
  const emergency = form.flag('emergency');
  const emergencyReason = form.optionalText('emergencyReason');
  if (emergency && emergencyReason === null) {
    throw missing(
      form.path('emergencyReason'),
      'An emergency production order states the emergency',
    );
  }
  const categories: CategoryJustification[] = form.categories(
    DISCLOSURE_CATEGORIES,
    (item, path) => ({ justification: readText(item['justification'], `${path}.justification`) }),
  );
  return {
    issuingAuthority: form.text('issuingAuthority'),
    offence: form.text('offence'),
    wallets,
    categories,
    emergency,
    emergencyReason,
  };
}

function deAnonymisation(form: FormReader, now: string) {
  const pseudonym = form.optionalText('pseudonym');
  const walletValue = form.value('wallet');
  const wallet =
    walletValue === undefined || walletValue === null
      ? null
      : readWallet(walletValue, form.path('wallet'));
  if ((pseudonym === null) === (wallet === null)) {
    const field = form.path('pseudonym');
    throw pseudonym === null
      ? missing(field, 'Name the pseudonym or the wallet whose holder is sought')
      : invalid(field, 'Name either a pseudonym or a wallet, not both');
  }
  if (pseudonym !== null && !PSEUDONYM.test(pseudonym)) {
    throw invalid(form.path('pseudonym'), 'A pseudonym is the psn_… value an answer gave the case');
  }
  const categories: CategoryNecessity[] = form.categories(
    DE_ANONYMISATION_CATEGORIES,
    (item, path) => ({
      necessity: readText(item['necessity'], `${path}.necessity`),
      proportionality: readText(item['proportionality'], `${path}.proportionality`),
    }),
  );
  const noticeDeferredUntil = readInstant(
    form.value('noticeDeferredUntil'),
    form.path('noticeDeferredUntil'),
  );
  if (Date.parse(noticeDeferredUntil) <= Date.parse(now)) {
    throw invalid(form.path('noticeDeferredUntil'), 'Notice is deferred until a future date');
  }
  return {
    issuingAuthority: form.text('issuingAuthority'),
    offence: form.text('offence'),
    maxPenaltyYears: form.integer('maxPenaltyYears', 0, 100),
    judicialAuthorisation: form.text('judicialAuthorisation'),
    pseudonym,
    wallet,
    categories,
    lessIntrusiveMeans: form.text('lessIntrusiveMeans'),
    retentionDays: form.integer('retentionDays', 1, 3650),
    noticeDeferredUntil,
  };
}

/** Reads one sub-form's fields, naming each by its input path. */
class FormReader {
  constructor(
    private readonly fields: Readonly<Record<string, unknown>>,
    private readonly key: string,
  ) {}

  path(name: string): string {
    return `input.${this.key}.${name}`;
  }

  value(name: string): unknown {
    return this.fields[name];
  }

  text(name: string): string {
    return readText(this.fields[name], this.path(name));
  }

  optionalText(name: string): string | null {
    return readText(this.fields[name], this.path(name), 'optional');
  }

  flag(name: string): boolean {
    const value = this.fields[name];
    if (value === undefined || value === null) return false;
    if (typeof value !== 'boolean')
      throw invalid(this.path(name), `${this.path(name)} is true or false`);
    return value;
  }

  integer(name: string, min: number, max: number): number {
    const value = this.fields[name];
    if (value === undefined || value === null)
      throw missing(this.path(name), `${this.path(name)} is required`);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw invalid(this.path(name), `${this.path(name)} is a whole number from ${min} to ${max}`);
    }
    return value;
  }

  list(name: string): unknown[] {
    return readList(this.fields[name], this.path(name));
  }

  wallets(name: string): string[] {
    return this.list(name).map((wallet, i) => readWallet(wallet, this.path(`${name}[${i}]`)));
  }

  property(): PropertyItem[] {
    const items = this.list('property');
    if (items.length === 0) throw missing(this.path('property'), 'Name the property concerned');
    return items.map((item, i) => readPropertyItem(item, this.path(`property[${i}]`)));
  }

  /** A non-empty list of distinct categories among `allowed`, each with its own fields. */
  categories<T extends object>(
    allowed: readonly DataCategory[],
    details: (item: Readonly<Record<string, unknown>>, path: string) => T,
  ): ({ category: DataCategory } & T)[] {
    const items = this.list('categories');
    if (items.length === 0) {
      throw missing(this.path('categories'), 'Name at least one category of data sought');
    }
    const seen = new Set<DataCategory>();
    return items.map((value, i) => {
      const path = this.path(`categories[${i}]`);
      const item = required(record(value, path), path);
      const category = item['category'];
      if (!allowed.includes(category as DataCategory) || seen.has(category as DataCategory)) {
        throw invalid(
          `${path}.category`,
          `Each category is named once, among ${allowed.join(', ')}`,
        );
      }
      seen.add(category as DataCategory);
      return { category: category as DataCategory, ...details(item, path) };
    });
  }
}

function readPropertyItem(value: unknown, path: string): PropertyItem {
  const item = required(record(value, path), path);
  const wallet =
    item['wallet'] === undefined || item['wallet'] === null
      ? null
      : readWallet(item['wallet'], `${path}.wallet`);
  const account = record(item['vaspAccount'], `${path}.vaspAccount`);
  if (wallet === null && account === null) {
    throw missing(`${path}.wallet`, 'Each item of property is a wallet or an account at a VASP');
  }
  const asset = readText(item['asset'], `${path}.asset`, 'optional');
  if (asset !== null && !ASSET.test(asset)) {
    throw invalid(`${path}.asset`, 'An asset is its ticker code (BTC, ETH, USDT)');
  }
  const amount = readText(item['amount'], `${path}.amount`, 'optional');
  if (amount !== null && (!DECIMAL.test(amount) || !/[1-9]/.test(amount))) {
    throw invalid(`${path}.amount`, 'An amount is a positive decimal number');
  }
  if (amount !== null && asset === null) {
    throw missing(`${path}.asset`, 'An amount is stated with its asset');
  }
  return {
    wallet,
    vaspAccount: account === null ? null : readVaspAccount(account, `${path}.vaspAccount`),
    asset,
    amount,
  };
}

function readVaspAccount(account: Readonly<Record<string, unknown>>, path: string) {
  const lei = readText(account['lei'], `${path}.lei`, 'optional')?.toUpperCase() ?? null;
  if (lei !== null && !isLei(lei)) {
    throw invalid(`${path}.lei`, 'Not a valid LEI (ISO 17442)');
  }
  return {
    vasp: readText(account['vasp'], `${path}.vasp`),
    lei,
    accountId: readText(account['accountId'], `${path}.accountId`),
  };
}

function readWallet(value: unknown, field: string): string {
  try {
    return normalizeWalletId(value);
  } catch (error) {
    if (!(error instanceof WalletIdError)) throw error;
    // WalletIdError messages never repeat the input (a wallet id may be personal data).
    throw new RequestRefusal(
      ErrorCode.BAD_USER_INPUT,
      error.reason,
      `Invalid wallet: ${error.message}`,
      field,
    );
  }
}

function readList(value: unknown, field: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid(field, `${field} is a list`);
  if (value.length > MAX_LIST_ITEMS) {
    throw invalid(field, `${field} holds at most ${MAX_LIST_ITEMS} items`);
  }
  return value;
}

function record(value: unknown, field: string): Readonly<Record<string, unknown>> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value))
    throw invalid(field, `${field} is an object`);
  return value as Readonly<Record<string, unknown>>;
}

function required<T>(value: T | null, field: string): T {
  if (value === null) throw missing(field, `${field} is required`);
  return value;
}

function missing(field: string, message: string): RequestRefusal {
  return new RequestRefusal(ErrorCode.BAD_USER_INPUT, 'MISSING_FIELD', message, field);
}

function invalid(field: string, message: string): RequestRefusal {
  return new RequestRefusal(ErrorCode.BAD_USER_INPUT, 'INVALID_FIELD', message, field);
}
