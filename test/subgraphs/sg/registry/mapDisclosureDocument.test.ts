import { describe, expect, it } from 'vitest';
import { DISCLOSURE_DOCUMENT } from './ivms101Fixtures.js';
import type { ExchangeDisclosureRecord } from '../../../../core/records.js';
import { mapDisclosureDocument } from '../../../../subgraphs/sg/registry/mapDisclosureDocument.js';

describe('mapDisclosureDocument', () => {
  it('maps an IVMS101 disclosure to the exact record', () => {
    const expected: ExchangeDisclosureRecord = {
      id: 'SG-TR-9000001',
      provenance: {
        jurisdiction: 'SG',
        registry: 'sg-mas-travel-rule',
        sourceRecordId: 'SG-TR-9000001',
        lastUpdated: '2024-05-02T08:15:00.000Z',
        handlingCode: 'H2',
        sourceReliability: 'B',
        informationAccuracy: 2,
      },
      disclosedAt: '2024-05-02T08:15:00.000Z',
      originator: {
        persons: [
          {
            kind: 'NaturalPerson',
            primaryIdentifier: 'TAN',
            secondaryIdentifier: 'Mei Ling Grace',
            addressLine: '391 Orchard Road, 238872 Singapore',
            country: 'SG',
            dateOfBirth: '1984-03-09',
            nationalIdentifier: 'S8412345D',
            nationalIdentifierType: 'IDCD',
            customerIdentification: 'CHK-000184',
          },
        ],
        accountNumbers: ['eip155:1:0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe'],
      },
      beneficiary: {
        persons: [
          {
            kind: 'LegalPerson',
            primaryIdentifier: 'Lumen Trading GmbH',
            secondaryIdentifier: null,
            addressLine: 'Friedrichstraße 68, 10117 Berlin',
            country: 'DE',
            dateOfBirth: null,
            nationalIdentifier: '529900T8BM49AURSDO55',
            nationalIdentifierType: 'LEIX',
            customerIdentification: 'C-77',
          },
        ],
        // Both spellings of one address normalise to one CAIP-10 id.
        accountNumbers: ['eip155:1:0x52908400098527886E0F7030069857D2E4169EE7'],
      },
      originatingVasp: { name: 'Coinhako Pte. Ltd.', lei: '5493001KJTIIGC8Y1R12', country: 'SG' },
      beneficiaryVasp: { name: 'Bitpanda GmbH', lei: null, country: 'AT' },
      transaction: {
        txHash: '0x' + 'ab'.repeat(32),
        asset: 'ETH',
        amount: '1.25',
        occurredAt: '2024-05-01T22:03:11.000Z',
        originatorWalletId: 'eip155:1:0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe',
        beneficiaryWalletId: 'eip155:1:0x52908400098527886E0F7030069857D2E4169EE7',
      },
    };
    expect(mapDisclosureDocument(DISCLOSURE_DOCUMENT)).toStrictEqual(expected);
  });

  it('accepts a natural person name given as one object rather than a list', () => {
    const document = structuredClone(DISCLOSURE_DOCUMENT);
    const person = document.ivms101.originator.originatorPersons[0]!.naturalPerson as {
      name: unknown;
    };
    person.name = { nameIdentifier: [{ primaryIdentifier: 'Lim', nameIdentifierType: 'LEGL' }] };
    const record = mapDisclosureDocument(document);
    expect(record.originator.persons[0]).toMatchObject({
      primaryIdentifier: 'Lim',
      secondaryIdentifier: null,
    });
  });
});
