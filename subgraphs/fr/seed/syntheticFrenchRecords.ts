import {
  BITCOIN_MAINNET,
  BSC_MAINNET,
  LITECOIN_MAINNET,
  POLYGON_MAINNET,
  TRON_MAINNET,
} from '../../../core/identifiers/index.js';
import {
  HANDLING_CODES,
  INFORMATION_ACCURACIES,
  SOURCE_RELIABILITIES,
  type ConfiscationOrderRecord,
  type ExchangeDisclosureRecord,
  type FreezingOrderRecord,
  type Ivms101PartyRecord,
  type Ivms101VaspRecord,
  type OrderStatus,
  type PartyRecord,
  type Provenance,
  type WatchlistEntryRecord,
} from '../../../core/records.js';
import type { Rng } from '../../kit/seed/createRng.js';
import {
  CROSS_BORDER_WALLET_COUNT,
  crossBorderWallets,
  reusesPoolWallet,
} from '../../kit/seed/crossBorderWallets.js';
import { leiCheckDigits } from '../../../core/identifiers/lei.js';
import { syntheticAmount } from '../../kit/seed/syntheticAmount.js';
import { syntheticDate } from '../../kit/seed/syntheticDate.js';
import { syntheticOrganization } from '../../kit/seed/syntheticOrganization.js';
import { syntheticPerson } from '../../kit/seed/syntheticPerson.js';
import { syntheticWallet } from '../../kit/seed/syntheticWallet.js';
import { FR_REGISTRY_NAMES } from '../registry/registryNames.js';
import {
  CASE_PREFIXES,
  CONFISCATION_AUTHORITIES,
  CONFISCATION_LEGAL_BASES,
  EU_CONFISCATION_LEGAL_BASIS,
  EU_FREEZING_LEGAL_BASIS,
  EXECUTING_STATES_ABROAD,
  FOREIGN_VASPS,
  FREEZING_AUTHORITIES,
  FREEZING_LEGAL_BASES,
  FRENCH_CITIES,
  FRENCH_STREETS,
  FRENCH_VASPS,
  MLA_LEGAL_BASIS,
  OFFENCES,
  PARTY_COUNTRIES_ABROAD,
  WATCHLIST_AUTHORITIES,
  WATCHLIST_PROGRAMS,
  type VaspProfile,
} from './frenchSeedVocabulary.js';

const FIRST_DAY = '2019-01-01T00:00:00.000Z';
const LAST_DAY = '2026-06-30T23:59:59.999Z';
/** Share of records past the cross-border ones that reuse a pool wallet anyway. */
const POOL_REUSE_SHARE = 0.05;
const DAY_MS = 86_400_000;

export const RECORD_ID_PREFIXES = {
  freezingOrder: 'FR-FO-',
  confiscationOrder: 'FR-CO-',
  watchlistEntry: 'FR-WL-',
  disclosure: 'FR-VD-',
} as const;

export function recordId(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(7, '0')}`;
}

/**
 * The wallet record `index` (1-based) is about: the first CROSS_BORDER_WALLET_COUNT records
 * each take one pool wallet, so every pool wallet is in every French registry; after that,
 * up to POOL_REUSE_LAST_RECORD, a few percent reuse one at random; the rest are fresh.
 */
export function walletForRecord(rng: Rng, index: number): string {
  const pool = crossBorderWallets();
  if (index <= CROSS_BORDER_WALLET_COUNT) return pool[index - 1] as string;
  return reusesPoolWallet(rng, index, POOL_REUSE_SHARE) ? rng.pick(pool) : syntheticWallet(rng);
}

function chainOf(walletId: string): string {
  return walletId.slice(0, walletId.lastIndexOf(':'));
}

/** An asset that actually lives on the wallet's chain. */
function assetFor(rng: Rng, walletId: string): string {
  switch (chainOf(walletId)) {
    case BITCOIN_MAINNET.chainId:
      return 'BTC';
    case LITECOIN_MAINNET.chainId:
      return 'LTC';
    case TRON_MAINNET.chainId:
      return rng.chance(0.7) ? 'USDT' : 'TRX';
    case POLYGON_MAINNET.chainId:
      return rng.chance(0.6) ? 'USDT' : 'POL';
    case BSC_MAINNET.chainId:
      return rng.chance(0.6) ? 'USDT' : 'BNB';
    default:
      return rng.chance(0.45) ? 'USDT' : 'ETH';
  }
}

/** A fresh wallet on the same chain, so that a transaction's two ends are consistent. */
function counterpartyWallet(rng: Rng, walletId: string): string {
  const chain = chainOf(walletId);
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = syntheticWallet(rng);
    if (chainOf(candidate) === chain && candidate !== walletId) return candidate;
  }
  return syntheticWallet(rng);
}

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString();
}

function minIso(a: string, b: string): string {
  return a < b ? a : b;
}

function weighted<T>(rng: Rng, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = rng.next() * total;
  for (const [value, weight] of choices) {
    if (roll < weight) return value;
    roll -= weight;
  }
  return choices[choices.length - 1]![0];
}

function provenance(
  rng: Rng,
  registry: string,
  sourceRecordId: string,
  recordedAt: string,
): Provenance {
  return {
    jurisdiction: 'FR',
    registry,
    sourceRecordId,
    lastUpdated: syntheticDate(rng, recordedAt, minIso(addDays(recordedAt, 400), LAST_DAY)),
    handlingCode: weighted(rng, [
      [HANDLING_CODES[0], 25],
      [HANDLING_CODES[1], 40],
      [HANDLING_CODES[2], 25],
      [HANDLING_CODES[3], 10],
    ]),
    sourceReliability: weighted(rng, [
      [SOURCE_RELIABILITIES[0], 55],
      [SOURCE_RELIABILITIES[1], 30],
      [SOURCE_RELIABILITIES[2], 10],
      [SOURCE_RELIABILITIES[3], 5],
    ]),
    informationAccuracy: weighted(rng, [
      [INFORMATION_ACCURACIES[0], 45],
      [INFORMATION_ACCURACIES[1], 35],
      [INFORMATION_ACCURACIES[2], 15],
      [INFORMATION_ACCURACIES[3], 5],
    ]),
  };
}

/** Mostly French residents, some foreign ones, and companies (shells, exchangers). */
function affectedParty(rng: Rng): PartyRecord {
  if (rng.chance(0.8)) {
    return syntheticPerson(rng, rng.chance(0.85) ? 'FR' : rng.pick(PARTY_COUNTRIES_ABROAD));
  }
  return syntheticOrganization(rng, rng.chance(0.6) ? 'FR' : rng.pick(PARTY_COUNTRIES_ABROAD));
}

function caseRef(rng: Rng, issuedAt: string): string {
  return `${rng.pick(CASE_PREFIXES)}/${issuedAt.slice(0, 4)}/${String(rng.int(1, 99_999)).padStart(5, '0')}`;
}

function executingState(rng: Rng): string {
  return rng.chance(0.8) ? 'FR' : rng.pick(EXECUTING_STATES_ABROAD);
}

function walletsOf(rng: Rng, index: number, max: number): string[] {
  const wallets = [walletForRecord(rng, index)];
  const extra = rng.int(0, max - 1);
  for (let n = 0; n < extra; n++) wallets.push(syntheticWallet(rng));
  return [...new Set(wallets)];
}

export function syntheticFreezingOrder(rng: Rng, index: number): FreezingOrderRecord {
  const issuedAt = syntheticDate(rng, FIRST_DAY, '2026-03-31T23:59:59.999Z');
  const state = executingState(rng);
  const walletIds = walletsOf(rng, index, 3);
  const status = weighted<OrderStatus>(rng, [
    ['ACTIVE', 60],
    ['EXECUTED', 20],
    ['LIFTED', 12],
    ['EXPIRED', 8],
  ]);
  return {
    id: recordId(RECORD_ID_PREFIXES.freezingOrder, index),
    provenance: provenance(
      rng,
      FR_REGISTRY_NAMES.assets,
      `AGRASC-SAI-${issuedAt.slice(0, 4)}-${String(index).padStart(7, '0')}`,
      issuedAt,
    ),
    caseRef: caseRef(rng, issuedAt),
    issuingAuthority: rng.pick(FREEZING_AUTHORITIES),
    issuingState: 'FR',
    executingState: state,
    issuedAt,
    validUntil: rng.chance(0.7) ? addDays(issuedAt, rng.int(180, 1_095)) : null,
    legalBasis:
      state === 'FR'
        ? rng.pick(FREEZING_LEGAL_BASES)
        : state === 'SG'
          ? MLA_LEGAL_BASIS
          : EU_FREEZING_LEGAL_BASIS,
    offence: rng.pick(OFFENCES),
    status,
    affectedParty: affectedParty(rng),
    walletIds,
    holdings: walletIds.map((walletId) => {
      const asset = assetFor(rng, walletId);
      return { walletId, asset, amount: syntheticAmount(rng, asset), asOf: issuedAt };
    }),
  };
}

/** `amount × percent / 100`, exactly, at the amount's own precision. */
function share(amount: string, percent: number): string {
  const [whole, fraction = ''] = amount.split('.');
  const units = (BigInt(`${whole}${fraction}`) * BigInt(percent)) / 100n;
  if (fraction.length === 0) return units.toString();
  const text = units.toString().padStart(fraction.length + 1, '0');
  return `${text.slice(0, -fraction.length)}.${text.slice(-fraction.length)}`;
}

export function syntheticConfiscationOrder(rng: Rng, index: number): ConfiscationOrderRecord {
  const decidedAt = syntheticDate(rng, '2019-06-01T00:00:00.000Z', '2026-04-30T23:59:59.999Z');
  const state = executingState(rng);
  const walletIds = walletsOf(rng, index, 2);
  const asset = assetFor(rng, walletIds[0] as string);
  const amount = syntheticAmount(rng, asset);
  const finalAt = rng.chance(0.75) ? minIso(addDays(decidedAt, rng.int(10, 540)), LAST_DAY) : null;
  const restituted = finalAt !== null && rng.chance(0.35);
  // The first orders confiscate what the freezing order of the same number froze (same
  // pool wallet); later ones point back to an earlier freezing order half of the time.
  const freezingOrderNumber =
    index <= CROSS_BORDER_WALLET_COUNT ? index : rng.chance(0.5) ? rng.int(1, index) : null;
  return {
    id: recordId(RECORD_ID_PREFIXES.confiscationOrder, index),
    provenance: provenance(
      rng,
      FR_REGISTRY_NAMES.assets,
      `AGRASC-CONF-${decidedAt.slice(0, 4)}-${String(index).padStart(7, '0')}`,
      decidedAt,
    ),
    caseRef: caseRef(rng, decidedAt),
    issuingAuthority: rng.pick(CONFISCATION_AUTHORITIES),
    issuingState: 'FR',
    executingState: state,
    decidedAt,
    finalAt,
    legalBasis:
      state === 'FR'
        ? rng.pick(CONFISCATION_LEGAL_BASES)
        : state === 'SG'
          ? MLA_LEGAL_BASIS
          : EU_CONFISCATION_LEGAL_BASIS,
    offence: rng.pick(OFFENCES),
    status: finalAt === null ? 'ACTIVE' : rng.chance(0.9) ? 'EXECUTED' : 'LIFTED',
    asset,
    amount,
    restitutedAmount: restituted ? share(amount, rng.int(5, 100)) : share(amount, 0),
    affectedParty: affectedParty(rng),
    walletIds,
    freezingOrderId:
      freezingOrderNumber === null
        ? null
        : recordId(RECORD_ID_PREFIXES.freezingOrder, freezingOrderNumber),
  };
}

export function syntheticWatchlistEntry(rng: Rng, index: number): WatchlistEntryRecord {
  const regime = rng.pick(WATCHLIST_PROGRAMS);
  const listingDate = syntheticDate(rng, FIRST_DAY, '2026-04-30T23:59:59.999Z');
  const national = regime.program.startsWith('Gel national');
  const country = rng.pick(regime.subjectCountries);
  return {
    id: recordId(RECORD_ID_PREFIXES.watchlistEntry, index),
    provenance: provenance(
      rng,
      FR_REGISTRY_NAMES.watchlist,
      `GELS-${String(index).padStart(6, '0')}`,
      listingDate,
    ),
    authority: rng.pick(WATCHLIST_AUTHORITIES),
    program: regime.program,
    provisions: [...regime.provisions],
    reason: rng.pick(regime.reasons),
    listingDate,
    startDate: listingDate,
    // National freezes last six months and are renewed by a new decree (CMF art. L562-2).
    endDate: national ? addDays(listingDate, 182) : null,
    sourceUrl: `https://gels-avoirs.dgtresor.gouv.fr/Gels/RegistreDetail?idRegistre=${rng.int(1_000, 99_999)}`,
    subject: rng.chance(0.7) ? syntheticPerson(rng, country) : syntheticOrganization(rng, country),
    walletIds: walletsOf(rng, index, 4),
  };
}

function vasp(profile: VaspProfile): Ivms101VaspRecord {
  return {
    name: profile.name,
    lei: profile.leiBase === null ? null : `${profile.leiBase}${leiCheckDigits(profile.leiBase)}`,
    country: profile.country,
  };
}

function ivmsParty(rng: Rng, country: string): Ivms101PartyRecord {
  const address =
    country === 'FR'
      ? (() => {
          const place = rng.pick(FRENCH_CITIES);
          return `${rng.int(1, 180)} ${rng.pick(FRENCH_STREETS)}, ${place.postcode} ${place.city}`;
        })()
      : null;
  const customerIdentification = `CLI-${String(rng.int(1, 9_999_999)).padStart(7, '0')}`;
  if (rng.chance(0.85)) {
    const person = syntheticPerson(rng, country);
    return {
      kind: 'NaturalPerson',
      primaryIdentifier: person.lastName ?? person.name,
      secondaryIdentifier: person.firstName,
      addressLine: address,
      country,
      dateOfBirth: person.birthDate,
      nationalIdentifier: person.idNumber,
      nationalIdentifierType: person.idNumber === null ? null : rng.pick(['IDCD', 'CCPT']),
      customerIdentification,
    };
  }
  const company = syntheticOrganization(rng, country);
  return {
    kind: 'LegalPerson',
    primaryIdentifier: company.name,
    secondaryIdentifier: null,
    addressLine: address,
    country,
    dateOfBirth: null,
    nationalIdentifier: company.lei ?? company.registrationNumber,
    nationalIdentifierType: company.lei ? 'LEIX' : company.registrationNumber ? 'RAID' : null,
    customerIdentification,
  };
}

export function syntheticDisclosure(rng: Rng, index: number): ExchangeDisclosureRecord {
  const disclosedAt = syntheticDate(rng, FIRST_DAY, LAST_DAY);
  const occurredAt = new Date(
    Date.parse(disclosedAt) - rng.int(60, 72 * 60) * 60_000,
  ).toISOString();
  const subjectWallet = walletForRecord(rng, index);
  const otherWallet = counterpartyWallet(rng, subjectWallet);
  // Pool wallets alternate sides so that each one is seen sending and receiving.
  const subjectIsOriginator =
    index <= CROSS_BORDER_WALLET_COUNT ? index % 2 === 1 : rng.chance(0.5);
  const originatorWallet = subjectIsOriginator ? subjectWallet : otherWallet;
  const beneficiaryWallet = subjectIsOriginator ? otherWallet : subjectWallet;
  const outbound = rng.chance(0.6);
  const frenchVasp = rng.pick(FRENCH_VASPS);
  const counterpartVasp = rng.chance(0.3) ? rng.pick(FRENCH_VASPS) : rng.pick(FOREIGN_VASPS);
  const originatingVasp = outbound ? frenchVasp : counterpartVasp;
  const beneficiaryVasp = outbound ? counterpartVasp : frenchVasp;
  const asset = assetFor(rng, subjectWallet);
  const hash = Buffer.from(rng.bytes(32)).toString('hex');
  const chain = chainOf(subjectWallet);
  return {
    id: recordId(RECORD_ID_PREFIXES.disclosure, index),
    provenance: provenance(
      rng,
      FR_REGISTRY_NAMES.disclosures,
      `TRACFIN-DS-${disclosedAt.slice(0, 4)}-${String(index).padStart(7, '0')}`,
      disclosedAt,
    ),
    disclosedAt,
    originator: {
      persons: [ivmsParty(rng, originatingVasp.country)],
      accountNumbers: [originatorWallet],
    },
    beneficiary: {
      persons: [ivmsParty(rng, beneficiaryVasp.country)],
      accountNumbers: [beneficiaryWallet],
    },
    originatingVasp: vasp(originatingVasp),
    beneficiaryVasp: vasp(beneficiaryVasp),
    transaction: {
      // EVM hashes are 0x-prefixed; Bitcoin, Litecoin and Tron ids are bare hex.
      txHash: chain.startsWith('eip155:') ? `0x${hash}` : hash,
      asset,
      amount: syntheticAmount(rng, asset),
      occurredAt,
      originatorWalletId: originatorWallet,
      beneficiaryWalletId: beneficiaryWallet,
    },
  };
}
