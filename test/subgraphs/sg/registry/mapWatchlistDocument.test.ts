import { describe, expect, it } from 'vitest';
import { WATCHLIST_DOCUMENT } from './ivms101Fixtures.js';
import type { WatchlistEntryRecord } from '../../../../core/records.js';
import { mapWatchlistDocument } from '../../../../subgraphs/sg/registry/mapWatchlistDocument.js';

describe('mapWatchlistDocument', () => {
  it('maps an IVMS101 subject and listing to the exact record', () => {
    const expected: WatchlistEntryRecord = {
      id: 'SG-WL-9000001',
      provenance: {
        jurisdiction: 'SG',
        registry: 'sg-mas-wallets-of-interest',
        sourceRecordId: 'SG-WL-9000001',
        lastUpdated: '2023-02-14T00:00:00.000Z',
        handlingCode: 'H1',
        sourceReliability: 'B',
        informationAccuracy: 2,
      },
      authority: 'Monetary Authority of Singapore',
      program: 'MAS Notice PSN02 suspicious wallet list',
      provisions: ['PSN02 para 13.3'],
      reason: 'Wallet received proceeds of an investment scam reported by two exchanges',
      listingDate: '2023-02-14',
      startDate: '2023-02-14',
      endDate: null,
      sourceUrl: null,
      subject: {
        kind: 'Person',
        id: 'P-SG-42',
        name: 'Kai Wong',
        firstName: 'Kai',
        lastName: 'Wong',
        birthDate: '1990-11-30',
        nationality: 'CN',
        idNumber: 'E12345678',
      },
      walletIds: [
        'bip122:000000000019d6689c085ae165831e93:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      ],
    };
    expect(mapWatchlistDocument(WATCHLIST_DOCUMENT)).toStrictEqual(expected);
  });

  it('maps a legal-person subject to an organisation with its LEI', () => {
    const document = structuredClone(WATCHLIST_DOCUMENT) as { ivms101: { subject: unknown } };
    document.ivms101.subject = {
      legalPerson: {
        name: {
          nameIdentifier: [
            { legalPersonName: 'Apex Flow Ltd', legalPersonNameIdentifierType: 'LEGL' },
          ],
        },
        nationalIdentification: {
          nationalIdentifier: 'HWUPKR0MPOU8FGXBT394',
          nationalIdentifierType: 'LEIX',
        },
        countryOfRegistration: 'GB',
      },
    };
    expect(mapWatchlistDocument(document).subject).toStrictEqual({
      kind: 'Organization',
      id: 'SG-WL-9000001/subject',
      name: 'Apex Flow Ltd',
      lei: 'HWUPKR0MPOU8FGXBT394',
      country: 'GB',
      registrationNumber: null,
    });
  });
});
