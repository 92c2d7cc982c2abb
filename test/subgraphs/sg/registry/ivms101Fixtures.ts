/** A disclosure as a Singapore exchange would file it: IVMS101 payload in the envelope. */
export const DISCLOSURE_DOCUMENT = {
  id: 'SG-TR-9000001',
  disclosedAt: '2024-05-02T16:15:00+08:00',
  transaction: {
    txHash: '0x' + 'ab'.repeat(32),
    asset: 'ETH',
    amount: '1.25',
    occurredAt: '2024-05-01T22:03:11Z',
  },
  provenance: {
    handlingCode: 'H2',
    sourceReliability: 'B',
    informationAccuracy: 2,
    lastUpdated: '2024-05-02T08:15:00Z',
  },
  ivms101: {
    originator: {
      originatorPersons: [
        {
          naturalPerson: {
            name: [
              {
                nameIdentifier: [
                  {
                    primaryIdentifier: 'Tan',
                    secondaryIdentifier: 'Mei Ling',
                    nameIdentifierType: 'ALIA',
                  },
                  {
                    primaryIdentifier: 'TAN',
                    secondaryIdentifier: 'Mei Ling Grace',
                    nameIdentifierType: 'LEGL',
                  },
                ],
              },
            ],
            geographicAddress: [
              {
                addressType: 'HOME',
                streetName: 'Orchard Road',
                buildingNumber: '391',
                postCode: '238872',
                townName: 'Singapore',
                country: 'SG',
              },
            ],
            nationalIdentification: {
              nationalIdentifier: 'S8412345D',
              nationalIdentifierType: 'IDCD',
              countryOfIssue: 'SG',
            },
            customerIdentification: 'CHK-000184',
            dateAndPlaceOfBirth: { dateOfBirth: '1984-03-09', placeOfBirth: 'Singapore' },
            countryOfResidence: 'SG',
          },
        },
      ],
      accountNumber: ['eth:0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae'],
    },
    beneficiary: {
      beneficiaryPersons: [
        {
          legalPerson: {
            name: {
              nameIdentifier: [
                { legalPersonName: 'Lumen Trading GmbH', legalPersonNameIdentifierType: 'LEGL' },
              ],
            },
            geographicAddress: [
              {
                addressType: 'BIZZ',
                addressLine: ['Friedrichstraße 68', '10117 Berlin'],
                country: 'DE',
              },
            ],
            nationalIdentification: {
              nationalIdentifier: '529900T8BM49AURSDO55',
              nationalIdentifierType: 'LEIX',
            },
            customerNumber: 'C-77',
            countryOfRegistration: 'DE',
          },
        },
      ],
      accountNumber: [
        'eip155:1:0x52908400098527886E0F7030069857D2E4169EE7',
        'eip155:1:0x52908400098527886e0f7030069857d2e4169ee7',
      ],
    },
    originatingVASP: {
      originatingVASP: {
        legalPerson: {
          name: {
            nameIdentifier: [
              { legalPersonName: 'Coinhako Pte. Ltd.', legalPersonNameIdentifierType: 'LEGL' },
              { legalPersonName: 'Coinhako', legalPersonNameIdentifierType: 'TRAD' },
            ],
          },
          nationalIdentification: {
            nationalIdentifier: '5493001KJTIIGC8Y1R12',
            nationalIdentifierType: 'LEIX',
          },
          countryOfRegistration: 'SG',
        },
      },
    },
    beneficiaryVASP: {
      beneficiaryVASP: {
        legalPerson: {
          name: {
            nameIdentifier: [
              { legalPersonName: 'Bitpanda GmbH', legalPersonNameIdentifierType: 'LEGL' },
            ],
          },
          geographicAddress: [
            {
              addressType: 'BIZZ',
              streetName: 'Stella-Klein-Löw-Weg',
              buildingNumber: '17',
              postCode: '1020',
              townName: 'Wien',
              country: 'AT',
            },
          ],
        },
      },
    },
  },
};

export const WATCHLIST_DOCUMENT = {
  id: 'SG-WL-9000001',
  listing: {
    authority: 'Monetary Authority of Singapore',
    program: 'MAS Notice PSN02 suspicious wallet list',
    provisions: ['PSN02 para 13.3'],
    reason: 'Wallet received proceeds of an investment scam reported by two exchanges',
    listingDate: '2023-02-14',
    startDate: '2023-02-14',
    endDate: null,
    sourceUrl: null,
  },
  provenance: {
    handlingCode: 'H1',
    sourceReliability: 'B',
    informationAccuracy: 2,
    lastUpdated: '2023-02-14T00:00:00Z',
  },
  ivms101: {
    subject: {
      naturalPerson: {
        name: [
          {
            nameIdentifier: [
              { primaryIdentifier: 'Wong', secondaryIdentifier: 'Kai', nameIdentifierType: 'LEGL' },
            ],
          },
        ],
        nationalIdentification: {
          nationalIdentifier: 'E12345678',
          nationalIdentifierType: 'CCPT',
          countryOfIssue: 'CN',
        },
        customerIdentification: 'P-SG-42',
        dateAndPlaceOfBirth: { dateOfBirth: '1990-11-30', placeOfBirth: 'Shenzhen' },
        countryOfResidence: 'SG',
      },
    },
    accountNumber: ['btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
  },
};
