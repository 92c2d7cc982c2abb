import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { normalizeWalletId, WalletIdError } from '../../../core/identifiers/index.js';
import { ISO_COUNTRY_CODES } from '../../../core/policy/countries.js';
import type { PartyRecord, WatchlistEntryRecord } from '../../../core/records.js';
import type { ImportNote } from '../../kit/MemberDefinition.js';
import { WATCHLIST_REGISTRY } from './registryNames.js';

// The Specially Designated Nationals list as OFAC publishes it in `sdn.xml`
// (`sdnList` > `publshInformation`, `sdnEntry`: uid, firstName, lastName, sdnType, remarks,
// programList/program, idList/id, akaList/aka, addressList/address, nationalityList,
// dateOfBirthList), mapped to Comity's watchlist entries. Digital-currency addresses arrive as
// ids of type `Digital Currency Address - <ticker>`; each becomes a CAIP-10 wallet id through
// core/identifiers or is refused with the reason.

export const SDN_AUTHORITY = 'U.S. Department of the Treasury, Office of Foreign Assets Control';
const DIGITAL_CURRENCY = /^Digital Currency Address - (.+)$/;

/**
 * OFAC's tickers for the chains Comity accepts wallet ids on, as core/identifiers aliases.
 * USDT and USDC are tokens, listed with the address of the chain that carries them: the
 * address form tells which (an EVM address is read on Ethereum, where OFAC's are).
 */
const TICKER_CHAINS: Readonly<Record<string, string | ((address: string) => string)>> = {
  XBT: 'btc',
  BTC: 'btc',
  ETH: 'eth',
  LTC: 'ltc',
  TRX: 'trx',
  ARB: 'arb',
  BSC: 'bsc',
  USDT: (address) => (address.startsWith('0x') ? 'eth' : 'trx'),
  USDC: (address) => (address.startsWith('0x') ? 'eth' : 'trx'),
};

const LIST_ELEMENTS = new Set([
  'sdnEntry',
  'program',
  'id',
  'aka',
  'address',
  'nationality',
  'citizenship',
  'dateOfBirthItem',
  'placeOfBirthItem',
]);

type XmlNode = Record<string, unknown>;

export interface SdnFile {
  /** `publshInformation/Publish_Date` as `YYYY-MM-DD`, when the file states one. */
  publishDate: string | null;
  /** `publshInformation/Record_Count`, when stated. */
  recordCount: number | null;
  entries: WatchlistEntryRecord[];
  /** Entries left out, and entries loaded without an address they listed. */
  notes: ImportNote[];
}

/** A file that is not an SDN list at all: nothing of it can be read. */
export class SdnFileError extends Error {
  override name = 'SdnFileError';
}

const text = (value: unknown): string | null => {
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  return null;
};
const list = (node: unknown, child: string): XmlNode[] => {
  if (!node || typeof node !== 'object') return [];
  const items = (node as XmlNode)[child];
  return Array.isArray(items)
    ? (items.filter((item) => item && typeof item === 'object') as XmlNode[])
    : [];
};

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** `17 Dec 1983` → `1983-12-17`; a year alone or `circa …` is not a date of birth to keep. */
function sdnDate(value: string | null): string | null {
  const match = value ? /^(\d{1,2}) ([A-Za-z]{3}) (\d{4})$/.exec(value) : null;
  if (!match) return null;
  const month = MONTHS.indexOf(match[2]!.toLowerCase()) + 1;
  if (month === 0) return null;
  const iso = `${match[3]}-${String(month).padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** `MM/DD/YYYY`, as OFAC dates its publication. */
function publishDate(value: string | null): string | null {
  const match = value ? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value) : null;
  if (!match) return null;
  const iso = `${match[3]}-${match[1]!.padStart(2, '0')}-${match[2]!.padStart(2, '0')}`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

let countryCodes: Map<string, string> | undefined;

/** OFAC names countries in English (`Russia`, `Korea, North`); ISO 3166-1 code or null. */
function countryCode(name: string | null): string | null {
  if (!name) return null;
  if (!countryCodes) {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    countryCodes = new Map(
      [...ISO_COUNTRY_CODES].map((code) => [names.of(code)!.toLowerCase(), code]),
    );
    countryCodes.set('korea, north', 'KP');
    countryCodes.set('korea, south', 'KR');
    countryCodes.set('russia', 'RU');
    countryCodes.set('iran', 'IR');
    countryCodes.set('syria', 'SY');
    countryCodes.set('burma', 'MM');
  }
  return countryCodes.get(name.toLowerCase()) ?? null;
}

/** The CAIP-10 id of one listed address, or the reason it cannot be one. */
export function sdnWalletId(
  idType: string,
  idNumber: string,
): { walletId: string } | { reason: string } {
  const ticker = DIGITAL_CURRENCY.exec(idType)![1]!.trim();
  const chain = TICKER_CHAINS[ticker];
  if (!chain) {
    return {
      reason: `${idType} ${JSON.stringify(idNumber)}: ${ticker} is not a chain Comity accepts wallet ids on`,
    };
  }
  const alias = typeof chain === 'function' ? chain(idNumber) : chain;
  try {
    return { walletId: normalizeWalletId(`${alias}:${idNumber}`) };
  } catch (error) {
    if (!(error instanceof WalletIdError)) throw error;
    return { reason: `${idType} ${JSON.stringify(idNumber)} rejected: ${error.message}` };
  }
}

function subjectOf(entry: XmlNode, id: string, sdnType: string, lastName: string): PartyRecord {
  const firstName = text(entry.firstName);
  const nationality =
    list(entry.nationalityList, 'nationality').find((item) => text(item.mainEntry) === 'true') ??
    list(entry.nationalityList, 'nationality')[0];
  const documents = list(entry.idList, 'id').filter(
    (item) => !DIGITAL_CURRENCY.test(text(item.idType) ?? ''),
  );
  const addressCountry = countryCode(text(list(entry.addressList, 'address')[0]?.country));
  if (sdnType === 'Individual') {
    const births = list(entry.dateOfBirthList, 'dateOfBirthItem');
    const birth = births.find((item) => text(item.mainEntry) === 'true') ?? births[0];
    const document =
      documents.find((item) => /passport|national id/i.test(text(item.idType) ?? '')) ?? null;
    return {
      kind: 'Person',
      id,
      name: firstName ? `${firstName} ${lastName}` : lastName,
      firstName,
      lastName,
      birthDate: sdnDate(text(birth?.dateOfBirth)),
      nationality: countryCode(text(nationality?.country)) ?? addressCountry,
      idNumber: document ? text(document.idNumber) : null,
    };
  }
  // Entities, vessels and aircraft: what a watchlist names besides people.
  const registration = documents.find((item) => /registration/i.test(text(item.idType) ?? ''));
  return {
    kind: 'Organization',
    id,
    name: lastName,
    lei: null,
    country: addressCountry,
    registrationNumber: registration ? text(registration.idNumber) : null,
  };
}

/**
 * Reads an SDN XML document. Entries without a uid, a name, a known type or a program are
 * left out with the reason; an address that is not a valid wallet of the chain it is filed
 * under is left out of its entry with the reason (the entry is kept: its name still screens).
 * Throws SdnFileError when the text is not well-formed XML or not an SDN list.
 */
export function readSdnXml(xml: string, options: { fallbackDate: string }): SdnFile {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new SdnFileError(`not well-formed XML (line ${valid.err.line}): ${valid.err.msg}`);
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    processEntities: false,
    isArray: (name) => LIST_ELEMENTS.has(name),
  });
  const document = parser.parse(xml) as XmlNode;
  const root = document.sdnList as XmlNode | undefined;
  if (!root || typeof root !== 'object')
    throw new SdnFileError('no sdnList element: not an SDN list');
  const info = (root.publshInformation ?? {}) as XmlNode;
  const published = publishDate(text(info.Publish_Date));
  const listed = published ?? options.fallbackDate;
  const recordCount = text(info.Record_Count);

  const entries: WatchlistEntryRecord[] = [];
  const notes: ImportNote[] = [];
  const seen = new Set<string>();
  list(root, 'sdnEntry').forEach((entry, index) => {
    const uid = text(entry.uid);
    const record = uid ? `uid ${uid}` : `sdnEntry #${index + 1}`;
    const lastName = text(entry.lastName);
    const sdnType = text(entry.sdnType);
    const programList = entry.programList as XmlNode | undefined;
    const programNames = ((programList?.program as unknown[] | undefined) ?? [])
      .map(text)
      .filter((program): program is string => program !== null);
    const problems: string[] = [];
    if (!uid || !/^\d+$/.test(uid)) problems.push('no numeric uid');
    else if (seen.has(uid)) problems.push(`uid ${uid} listed twice`);
    if (!lastName) problems.push('no lastName (the name of the person or entity)');
    if (!sdnType || !['Individual', 'Entity', 'Vessel', 'Aircraft'].includes(sdnType)) {
      problems.push(
        `sdnType ${JSON.stringify(sdnType)} is not Individual, Entity, Vessel or Aircraft`,
      );
    }
    if (programNames.length === 0)
      problems.push('no program (the sanctions programme it is listed under)');
    if (problems.length > 0) {
      notes.push({ record, outcome: 'SKIPPED', reasons: problems });
      return;
    }
    seen.add(uid!);
    const walletIds: string[] = [];
    const rejected: string[] = [];
    for (const id of list(entry.idList, 'id')) {
      const idType = text(id.idType) ?? '';
      if (!DIGITAL_CURRENCY.test(idType)) continue;
      const idNumber = text(id.idNumber);
      if (!idNumber) {
        rejected.push(`${idType} without an idNumber`);
        continue;
      }
      const wallet = sdnWalletId(idType, idNumber);
      if ('walletId' in wallet) walletIds.push(wallet.walletId);
      else rejected.push(wallet.reason);
    }
    if (rejected.length > 0) notes.push({ record, outcome: 'PARTIAL', reasons: rejected });
    const id = `us-sdn-${uid}`;
    entries.push({
      id,
      provenance: {
        jurisdiction: 'US',
        registry: WATCHLIST_REGISTRY,
        sourceRecordId: uid!,
        lastUpdated: listed,
        handlingCode: 'H0',
        sourceReliability: 'A',
        informationAccuracy: 1,
      },
      authority: SDN_AUTHORITY,
      program: programNames.join(', '),
      provisions: programNames,
      reason: text(entry.remarks) ?? `Specially Designated National (${programNames.join(', ')})`,
      listingDate: listed,
      startDate: null,
      endDate: null,
      sourceUrl: `https://sanctionssearch.ofac.treas.gov/Details.aspx?id=${uid}`,
      subject: subjectOf(entry, `${id}-subject`, sdnType!, lastName!),
      walletIds: [...new Set(walletIds)],
    });
  });
  return {
    publishDate: published,
    recordCount: recordCount && /^\d+$/.test(recordCount) ? Number(recordCount) : null,
    entries,
    notes,
  };
}
