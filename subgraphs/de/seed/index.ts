import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { OrganizationRecord, PersonRecord } from '../../../core/records.js';
import type { ImportReport } from '../../kit/registry/ImportRejectedError.js';
import { createProgress } from '../../kit/seed/createProgress.js';
import { createRng, type Rng } from '../../kit/seed/createRng.js';
import {
  CROSS_BORDER_WALLET_COUNT,
  crossBorderWallets,
  reusesPoolWallet,
} from '../../kit/seed/crossBorderWallets.js';
import { syntheticAmount } from '../../kit/seed/syntheticAmount.js';
import { syntheticDate } from '../../kit/seed/syntheticDate.js';
import { syntheticOrganization } from '../../kit/seed/syntheticOrganization.js';
import { syntheticPerson } from '../../kit/seed/syntheticPerson.js';
import { matchingPartiesOf } from '../../kit/seed/matchingParties.js';
import { syntheticWallet } from '../../kit/seed/syntheticWallet.js';
import { FtmIndex } from '../registry/FtmIndex.js';
import { FTM_FILE_NAME } from '../registry/registryNames.js';
import { PROGRAM_EINZIEHUNG, PROGRAM_VERMOEGENSARREST } from '../registry/sanctionPrograms.js';

export interface SeedOptions {
  dataDir: string;
  /**
   * Records per registry (watchlist entries; freezing + confiscation orders). The watchlist
   * also lists Germany's share of the matching parties (matchingPartiesOf('DE')), unscaled.
   */
  scale: number;
  /** Unused: Germany's registries are a file, not a database. */
  databaseUrl: string | null;
  progress?: boolean;
}

const FROM = '2018-01-01';
const TO = '2026-06-30';
const OTHER_COUNTRIES = ['AT', 'NL', 'PL', 'CH', 'FR', 'RU', 'UA', 'TR', 'AE', 'CY'];
/** Share of records beyond the cross-border pool that reuse a pool wallet anyway. */
const POOL_REUSE = 0.05;
/** Lines buffered before a write, to keep syscalls few and memory flat. */
const CHUNK_LINES = 2_000;

const WATCHLIST_AUTHORITIES = [
  'Deutsche Bundesbank – Servicezentrum Finanzsanktionen',
  'Bundesministerium der Finanzen',
  'Rat der Europäischen Union',
  'Bundesamt für Wirtschaft und Ausfuhrkontrolle',
];
const WATCHLIST_PROGRAMS: readonly { program: string; provisions: string[]; reasons: string[] }[] =
  [
    {
      program: 'EU 2014/269',
      provisions: ['Einfrieren von Geldern (Art. 2 VO (EU) Nr. 269/2014)', 'Bereitstellungsverbot'],
      reasons: [
        'Untergrabung der territorialen Unversehrtheit der Ukraine',
        'Finanzierung russischer Streitkräfte über Krypto-Dienstleister',
        'Umgehung restriktiver Maßnahmen mittels Kryptowerten',
      ],
    },
    {
      program: 'EU 2016/1686',
      provisions: ['Einfrieren von Geldern (Art. 3 VO (EU) 2016/1686)', 'Bereitstellungsverbot'],
      reasons: [
        'Unterstützung von ISIL (Da’esh) und Al-Qaida durch Spendensammlung in Kryptowerten',
        'Terrorismusfinanzierung über Mixer-Dienste',
      ],
    },
    {
      program: 'EU 2019/796',
      provisions: ['Einfrieren von Geldern (Art. 3 VO (EU) 2019/796)'],
      reasons: [
        'Cyberangriffe auf Einrichtungen der Union (Ransomware)',
        'Erpressung mittels Schadsoftware',
      ],
    },
    {
      program: 'DE-AWG-NATIONAL',
      provisions: ['Verfügungsverbot (§ 6 AWG)', 'Meldepflicht (§ 23a AWG)'],
      reasons: [
        'Verstoß gegen Embargovorschriften',
        'Beteiligung an proliferationsrelevanten Beschaffungen',
      ],
    },
  ];

const COURTS = [
  'Amtsgericht Frankfurt am Main',
  'Amtsgericht München',
  'Amtsgericht Köln',
  'Amtsgericht Tiergarten',
  'Landgericht Berlin I',
  'Landgericht Hamburg',
  'Landgericht Düsseldorf',
];
const PROSECUTORS = [
  'Generalstaatsanwaltschaft Berlin',
  'Generalstaatsanwaltschaft Frankfurt am Main – ZIT',
  'Generalstaatsanwaltschaft Bamberg – ZCB',
  'Staatsanwaltschaft Köln',
];
const OFFENCES = [
  'Betrug (§ 263 StGB) – Anlagebetrug mit Kryptowerten',
  'Computerbetrug (§ 263a StGB)',
  'Geldwäsche (§ 261 StGB)',
  'Erpressung (§ 253 StGB) – Ransomware',
  'Handeltreiben mit Betäubungsmitteln (§ 29 BtMG) über Darknet-Marktplätze',
  'Gewerbsmäßiger Bandenbetrug (§ 263 Abs. 5 StGB)',
  'Ausspähen von Daten (§ 202a StGB)',
];
const EXECUTING_STATES = ['FR', 'NL', 'AT', 'ES', 'IT', 'LU'];

/** The native asset (or the stablecoin it mostly carries) for a CAIP-10 wallet id. */
function assetOf(rng: Rng, walletId: string): string {
  if (walletId.startsWith('bip122:000000000019d6689c085ae165831e93:')) return 'BTC';
  if (walletId.startsWith('bip122:')) return 'LTC';
  if (walletId.startsWith('tron:')) return rng.chance(0.7) ? 'USDT' : 'TRX';
  if (walletId.startsWith('eip155:1:')) return rng.chance(0.6) ? 'ETH' : 'USDT';
  return 'USDT';
}

const pad = (n: number) => String(n).padStart(7, '0');
const day = (rng: Rng, from = FROM, to = TO) => syntheticDate(rng, from, to).slice(0, 10);
const lower = (country: string | null) => (country === null ? [] : [country.toLowerCase()]);
const list = (value: string | null) => (value === null ? [] : [value]);

function personEntity(id: string, person: PersonRecord) {
  return {
    id,
    schema: 'Person',
    properties: {
      name: [person.name],
      firstName: list(person.firstName),
      lastName: list(person.lastName),
      birthDate: list(person.birthDate),
      nationality: lower(person.nationality),
      idNumber: list(person.idNumber),
    },
  };
}

function companyEntity(id: string, organization: OrganizationRecord) {
  return {
    id,
    schema: 'Company',
    properties: {
      name: [organization.name],
      leiCode: list(organization.lei),
      jurisdiction: lower(organization.country),
      registrationNumber: list(organization.registrationNumber),
    },
  };
}

/**
 * Writes `<dataDir>/entities.ftm.jsonl`, Germany's synthetic FtM bulk file: `scale`
 * watchlist Sanctions and `scale` judicial orders, each with its subject and wallets, then
 * one Sanction per matching party Germany holds (`de-sanction-m000001` …).
 * Deterministic (`createRng('de')`), streamed with flat memory, written to a temp file and
 * renamed into place so a watching subgraph never reads half a file. Record i <= 100 of
 * each registry carries cross-border pool wallet i.
 */
export async function seedJurisdiction(options: SeedOptions): Promise<ImportReport[]> {
  await mkdir(options.dataDir, { recursive: true });
  const file = join(options.dataDir, FTM_FILE_NAME);
  const temp = `${file}.${process.pid}.tmp`;
  const out = createWriteStream(temp, { encoding: 'utf8' });
  const root = createRng('de');
  const pool = crossBorderWallets();
  const progress = options.progress ? createProgress('de', options.scale * 2) : null;

  let buffer: string[] = [];
  const emit = async (entity: object) => {
    buffer.push(JSON.stringify(entity));
    if (buffer.length >= CHUNK_LINES) await flush();
  };
  const flush = async () => {
    if (buffer.length === 0) return;
    const chunk = `${buffer.join('\n')}\n`;
    buffer = [];
    if (!out.write(chunk)) await once(out, 'drain');
  };

  let partyCount = 0;
  let walletCount = 0;
  const emitParty = async (rng: Rng): Promise<string> => {
    partyCount += 1;
    const roll = rng.next();
    if (roll < 0.8) {
      const country = roll < 0.65 ? 'DE' : rng.pick(OTHER_COUNTRIES);
      const id = `de-person-${pad(partyCount)}`;
      await emit(personEntity(id, syntheticPerson(rng, country)));
      return id;
    }
    const id = `de-company-${pad(partyCount)}`;
    const country = rng.chance(0.6) ? 'DE' : rng.pick(OTHER_COUNTRIES);
    await emit(companyEntity(id, syntheticOrganization(rng, country)));
    return id;
  };
  const walletsFor = (rng: Rng, recordNumber: number): string[] => {
    const count = rng.int(1, 3);
    const walletIds: string[] = [];
    if (recordNumber <= CROSS_BORDER_WALLET_COUNT) walletIds.push(pool[recordNumber - 1]!);
    else if (reusesPoolWallet(rng, recordNumber, POOL_REUSE)) walletIds.push(rng.pick(pool));
    while (walletIds.length < count) walletIds.push(syntheticWallet(rng));
    return walletIds;
  };

  try {
    const rng = root.fork('watchlist');
    for (let i = 1; i <= options.scale; i += 1) {
      const subjectId = await emitParty(rng);
      for (const walletId of walletsFor(rng, i)) {
        walletCount += 1;
        const asset = assetOf(rng, walletId);
        await emit({
          id: `de-wallet-${pad(walletCount)}`,
          schema: 'CryptoWallet',
          properties: {
            publicKey: [walletId],
            currency: [asset],
            holder: [subjectId],
            ...(rng.chance(0.4)
              ? { managingExchange: [rng.pick(['Binance', 'Garantex', 'Kraken', 'Bitpanda'])] }
              : {}),
          },
        });
      }
      const regime = rng.pick(WATCHLIST_PROGRAMS);
      const listingDate = day(rng);
      const delisted = rng.chance(0.08);
      await emit({
        id: `de-sanction-${pad(i)}`,
        schema: 'Sanction',
        properties: {
          entity: [subjectId],
          authority: [rng.pick(WATCHLIST_AUTHORITIES)],
          program: [regime.program],
          provisions: regime.provisions,
          reason: [rng.pick(regime.reasons)],
          listingDate: [listingDate],
          startDate: [listingDate],
          ...(delisted ? { endDate: [day(rng, listingDate)], status: ['delisted'] } : {}),
          country: ['de'],
          sourceUrl: [`https://www.finanz-sanktionsliste.de/fisalis/eintrag/${pad(i)}`],
          modifiedAt: [listingDate],
        },
      });
      progress?.tick();
    }

    const assetRng = root.fork('assets');
    for (let i = 1; i <= options.scale; i += 1) {
      const confiscation = assetRng.chance(0.3);
      const partyId = await emitParty(assetRng);
      const startDate = day(assetRng);
      const walletEntityIds: string[] = [];
      // An Einziehung order confiscates from one wallet, so that it has one asset.
      const walletIds = walletsFor(assetRng, i).slice(0, confiscation ? 1 : undefined);
      for (const walletId of walletIds) {
        walletCount += 1;
        const id = `de-wallet-${pad(walletCount)}`;
        walletEntityIds.push(id);
        const asset = assetOf(assetRng, walletId);
        const balance = syntheticAmount(assetRng, asset);
        await emit({
          id,
          schema: 'CryptoWallet',
          properties: {
            publicKey: [walletId],
            currency: [asset],
            holder: [partyId],
            balance: [balance],
            balanceDate: [day(assetRng, startDate)],
            // Einziehung: the confiscated amount; the balance is what the state still holds.
            ...(confiscation ? { amount: [balance] } : {}),
          },
        });
      }
      const countries = assetRng.chance(0.1)
        ? ['de', assetRng.pick(EXECUTING_STATES).toLowerCase()]
        : ['de'];
      const caseRef = `${assetRng.int(1, 980)} Js ${assetRng.int(100, 99999)}/${startDate.slice(2, 4)}`;
      const status = confiscation
        ? assetRng.pick(['ACTIVE', 'EXECUTED', 'EXECUTED'])
        : assetRng.pick(['ACTIVE', 'ACTIVE', 'ACTIVE', 'EXECUTED', 'LIFTED']);
      await emit({
        id: confiscation ? `de-einziehung-${pad(i)}` : `de-arrest-${pad(i)}`,
        schema: 'Sanction',
        properties: {
          entity: [partyId, ...walletEntityIds],
          authority: [assetRng.chance(0.85) ? assetRng.pick(COURTS) : assetRng.pick(PROSECUTORS)],
          authorityId: [caseRef],
          program: [confiscation ? PROGRAM_EINZIEHUNG : PROGRAM_VERMOEGENSARREST],
          provisions: confiscation
            ? [assetRng.pick(['§ 73 Abs. 1 StGB', '§ 73c StGB', '§ 74 StGB']), '§ 459h StPO']
            : [assetRng.pick(['§ 111e Abs. 1 StPO', '§ 111e Abs. 2 StPO', '§ 111j Abs. 1 StPO'])],
          reason: [assetRng.pick(OFFENCES)],
          status: [status],
          startDate: [startDate],
          ...(confiscation
            ? status === 'EXECUTED'
              ? { date: [day(assetRng, startDate)] }
              : {}
            : assetRng.chance(0.5)
              ? { endDate: [day(assetRng, startDate, '2027-12-31')] }
              : {}),
          country: countries,
          recordId: [`VA-${startDate.slice(0, 4)}-${pad(i)}`],
          ...(assetRng.chance(0.15)
            ? { summary: [assetRng.pick(['H1 A1', 'H0 B2', 'H2 B1'])] }
            : {}),
          modifiedAt: [day(assetRng, startDate)],
        },
      });
      progress?.tick();
    }
    // Germany's share of the parties other members hold too, and of their look-alikes: after
    // every other entity, listed in 2018 (before them all), so the records above stay put.
    for (const [i, seeded] of matchingPartiesOf('DE').entries()) {
      const number = String(i + 1).padStart(6, '0');
      const subjectId = `de-${seeded.party.kind === 'Person' ? 'person' : 'company'}-m${number}`;
      await emit(
        seeded.party.kind === 'Person'
          ? personEntity(subjectId, seeded.party)
          : companyEntity(subjectId, seeded.party),
      );
      await emit({
        id: `de-wallet-m${number}`,
        schema: 'CryptoWallet',
        properties: { publicKey: [seeded.walletId], currency: ['USDT'], holder: [subjectId] },
      });
      const listingDate = `2018-${String((i % 12) + 1).padStart(2, '0')}-15`;
      await emit({
        id: `de-sanction-m${number}`,
        schema: 'Sanction',
        properties: {
          entity: [subjectId],
          authority: [WATCHLIST_AUTHORITIES[0]],
          program: [WATCHLIST_PROGRAMS[0]!.program],
          provisions: WATCHLIST_PROGRAMS[0]!.provisions,
          reason: [WATCHLIST_PROGRAMS[0]!.reasons[0]],
          listingDate: [listingDate],
          startDate: [listingDate],
          country: ['de'],
          sourceUrl: [`https://www.finanz-sanktionsliste.de/fisalis/eintrag/m${number}`],
          modifiedAt: [listingDate],
        },
      });
    }
    await flush();
    out.end();
    await once(out, 'finish');
    await rename(temp, file);
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw error;
  } finally {
    progress?.stop();
  }

  return (await FtmIndex.load(file)).reports();
}
