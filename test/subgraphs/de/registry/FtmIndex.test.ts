import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConfiscationOrderRecord,
  FreezingOrderRecord,
  WatchlistEntryRecord,
} from '../../../../core/records.js';
import { FtmIndex } from '../../../../subgraphs/de/registry/FtmIndex.js';
import {
  BTC,
  ETH_NORMALISED,
  FTM_ENTITIES,
  tempDataDir,
  toJsonLines,
  writeFtmFile,
} from './ftmFixture.js';

describe('FtmIndex mapping of FtM entities onto the common records', () => {
  let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
  let index: FtmIndex;

  beforeAll(async () => {
    dataDir = await tempDataDir();
    index = await FtmIndex.load(await writeFtmFile(dataDir.dir, toJsonLines(FTM_ENTITIES)));
  });
  afterAll(() => dataDir.remove());

  it('maps a non-judicial Sanction to a watchlist entry with its holder wallets', () => {
    const expected: WatchlistEntryRecord = {
      id: 'de-sanction-0000001',
      provenance: {
        jurisdiction: 'DE',
        registry: 'de-bundesbank-sanctions',
        sourceRecordId: 'de-sanction-0000001',
        lastUpdated: '2022-03-15',
        handlingCode: 'H3',
        sourceReliability: 'A',
        informationAccuracy: 1,
      },
      authority: 'Deutsche Bundesbank',
      program: 'EU 2014/269',
      provisions: ['Einfrieren von Geldern', 'Bereitstellungsverbot'],
      reason: 'Umgehung restriktiver Maßnahmen',
      listingDate: '2022-03-15',
      startDate: '2022-03-15',
      endDate: null,
      sourceUrl: 'https://example.org/s/1',
      subject: {
        kind: 'Person',
        id: 'de-person-1',
        name: 'Jana Krüger',
        firstName: 'Jana',
        lastName: 'Krüger',
        birthDate: '1984-02-29',
        nationality: 'DE',
        idNumber: 'L01X00T47',
      },
      walletIds: [ETH_NORMALISED],
    };
    expect(index.watchlistEntry('de-sanction-0000001')).toEqual(expected);
  });

  it('maps a DE-STPO-111E Sanction to a freezing order (EU 2018/1805 Annex I fields)', () => {
    const expected: FreezingOrderRecord = {
      id: 'de-arrest-0000001',
      provenance: {
        jurisdiction: 'DE',
        registry: 'de-justiz-vermoegensarrest',
        sourceRecordId: 'VA-2024-1',
        lastUpdated: '2024-02-01T09:00:00.000Z',
        handlingCode: 'H1',
        sourceReliability: 'B',
        informationAccuracy: 2,
      },
      caseRef: '5 Js 1234/23',
      issuingAuthority: 'Amtsgericht Frankfurt am Main',
      issuingState: 'DE',
      executingState: 'FR',
      issuedAt: '2024-01-05',
      validUntil: '2024-07-05',
      legalBasis: '§§ 111b ff. StPO (Vermögensarrest): § 111e Abs. 1 StPO',
      offence: 'Geldwäsche (§ 261 StGB)',
      status: 'ACTIVE',
      affectedParty: {
        kind: 'Organization',
        id: 'de-company-2',
        name: 'Nordlicht Digital GmbH',
        lei: '5299000J2N45DDNE4Y28',
        country: 'DE',
        registrationNumber: 'HRB 123456',
      },
      walletIds: [BTC],
      holdings: [{ walletId: BTC, asset: 'BTC', amount: '1.5', asOf: '2024-01-10' }],
    };
    expect(index.freezingOrder('de-arrest-0000001')).toEqual(expected);
    expect(index.confiscationOrder('de-arrest-0000001')).toBeNull();
    expect(index.watchlistEntry('de-arrest-0000001')).toBeNull();
  });

  it('maps a DE-STGB-73 Sanction to a confiscation order with restitution from the balance', () => {
    const order = index.confiscationOrder('de-einziehung-0000002');
    expect(order).toMatchObject<Partial<ConfiscationOrderRecord>>({
      caseRef: '(505 KLs) 254 Js 52/22',
      issuingState: 'DE',
      executingState: 'DE',
      decidedAt: '2023-05-02',
      finalAt: '2023-09-01',
      legalBasis: '§§ 73 ff. StGB (Einziehung): § 73 Abs. 1 StGB',
      status: 'EXECUTED',
      asset: 'ETH',
      amount: '10',
      restitutedAmount: '2.75',
      walletIds: [ETH_NORMALISED],
      freezingOrderId: null,
    });
    expect(order?.provenance.handlingCode).toBe('H2');
  });

  it('finds records by wallet, each registry only its own kind', () => {
    expect(index.watchlistEntriesByWallet(ETH_NORMALISED).map((entry) => entry.id)).toEqual([
      'de-sanction-0000001',
    ]);
    expect(index.confiscationOrdersByWallet(ETH_NORMALISED).map((order) => order.id)).toEqual([
      'de-einziehung-0000002',
    ]);
    expect(index.freezingOrdersByWallet(ETH_NORMALISED)).toEqual([]);
    expect(index.freezingOrdersByWallet(BTC).map((order) => order.id)).toEqual([
      'de-arrest-0000001',
    ]);
  });

  it('reports counts per registry', () => {
    expect(index.reports()).toEqual([
      {
        registry: 'de-bundesbank-sanctions',
        source: index.file,
        counts: { WatchlistEntry: 1, Person: 1, Company: 1, Organization: 0, CryptoWallet: 3 },
      },
      {
        registry: 'de-justiz-vermoegensarrest',
        source: index.file,
        counts: {
          FreezingOrder: 1,
          ConfiscationOrder: 1,
          Person: 1,
          Company: 1,
          Organization: 0,
          CryptoWallet: 3,
        },
      },
    ]);
  });
});
