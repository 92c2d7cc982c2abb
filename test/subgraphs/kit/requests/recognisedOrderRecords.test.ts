import { describe, expect, it } from 'vitest';
import type { RequestType } from '../../../../core/policy/RequestPolicy.js';
import type {
  CrossBorderRequest,
  RequestForm,
  RequestState,
} from '../../../../subgraphs/kit/requests/CrossBorderRequest.js';
import { recognisedOrderRecords } from '../../../../subgraphs/kit/requests/recognisedOrderRecords.js';
import { at, storedRequest, wallet, walletItem } from './storedRequest.js';

const INSTRUMENT = 'Regulation (EU) 2018/1805';
const instrumentOf = (type: RequestType) => `${INSTRUMENT} (${type})`;

const executed = (id: string, overrides: Partial<CrossBorderRequest> = {}) =>
  storedRequest(id, {
    state: 'EXECUTED',
    version: 4,
    executedAt: at(5),
    updatedAt: at(6),
    ...overrides,
  });

const FREEZING: RequestForm = {
  type: 'FREEZING',
  freezing: {
    issuingAuthority: 'Staatsanwaltschaft Berlin',
    validatingJudge: null,
    offence: 'money laundering',
    legalQualification: '§ 261 StGB',
    property: [
      walletItem(1, 'BTC', '1.5'),
      walletItem(1, 'USDT', '2000'),
      // Named without an amount: frozen, but no holding to show.
      { wallet: wallet(2), vaspAccount: null, asset: null, amount: null },
      // At an exchange: property, but no wallet to list.
      {
        wallet: null,
        vaspAccount: { vasp: 'Exchange SAS', lei: null, accountId: 'acct-7' },
        asset: 'EUR',
        amount: '500',
      },
    ],
    urgent: false,
    urgencyReason: null,
    victimsInterests: null,
  },
};

const CONFISCATION: RequestForm = {
  type: 'CONFISCATION',
  confiscation: {
    issuingAuthority: 'Landgericht Berlin',
    offence: 'fraud',
    legalQualification: '§ 263 StGB',
    decidedAt: at(-100),
    finalAt: at(-50),
    property: [walletItem(3, 'ETH', '2.25'), walletItem(4, 'ETH', '0.75')],
    freezingRequestId: 'req-fr-000001',
    victimsInterests: null,
  },
};

describe('recognisedOrderRecords', () => {
  it('maps an executed freezing request to a freezing order of the executing member', () => {
    const { freezingOrders, confiscationOrders } = recognisedOrderRecords(
      [executed('req-fr-000001', { form: FREEZING, expiresAt: at(1000) })],
      instrumentOf,
    );
    expect(confiscationOrders).toEqual([]);
    expect(freezingOrders).toEqual([
      {
        id: 'rfo-req-fr-000001',
        provenance: {
          jurisdiction: 'FR',
          registry: 'fr-recognised-orders',
          sourceRecordId: 'req-fr-000001',
          lastUpdated: at(6),
          handlingCode: 'H0',
          sourceReliability: 'A',
          informationAccuracy: 1,
        },
        caseRef: 'DE-2025-1',
        issuingAuthority: 'Staatsanwaltschaft Berlin',
        issuingState: 'DE',
        executingState: 'FR',
        issuedAt: at(5),
        validUntil: at(1000),
        legalBasis: `${INSTRUMENT} (FREEZING)`,
        offence: 'money laundering',
        status: 'ACTIVE',
        affectedParty: null,
        walletIds: [wallet(1), wallet(2)],
        holdings: [
          { walletId: wallet(1), asset: 'BTC', amount: '1.5', asOf: at(5) },
          { walletId: wallet(1), asset: 'USDT', amount: '2000', asOf: at(5) },
        ],
        crossBorderRequestId: 'req-fr-000001',
      },
    ]);
  });

  it('maps an executed confiscation request, its amounts summed, linked to the freezing', () => {
    const { freezingOrders, confiscationOrders } = recognisedOrderRecords(
      [executed('req-fr-000002', { form: CONFISCATION })],
      instrumentOf,
    );
    expect(freezingOrders).toEqual([]);
    expect(confiscationOrders).toEqual([
      {
        id: 'rco-req-fr-000002',
        provenance: {
          jurisdiction: 'FR',
          registry: 'fr-recognised-orders',
          sourceRecordId: 'req-fr-000002',
          lastUpdated: at(6),
          handlingCode: 'H0',
          sourceReliability: 'A',
          informationAccuracy: 1,
        },
        caseRef: 'DE-2025-1',
        issuingAuthority: 'Landgericht Berlin',
        issuingState: 'DE',
        executingState: 'FR',
        decidedAt: at(5),
        finalAt: at(-50),
        legalBasis: `${INSTRUMENT} (CONFISCATION)`,
        offence: 'fraud',
        status: 'ACTIVE',
        asset: 'ETH',
        amount: '3',
        restitutedAmount: '0',
        affectedParty: null,
        walletIds: [wallet(3), wallet(4)],
        freezingOrderId: 'rfo-req-fr-000001',
        crossBorderRequestId: 'req-fr-000002',
      },
    ]);
  });

  // What each state of an executed-or-not freezing request becomes.
  const cases: [RequestState, string | null, string | null][] = [
    ['EXECUTED', at(5), 'ACTIVE'],
    ['PARTIALLY_EXECUTED', at(5), 'ACTIVE'],
    ['REVOKED', at(5), 'LIFTED'],
    ['EXPIRED', at(5), 'EXPIRED'],
    // Ended before execution: never an order here.
    ['EXPIRED', null, null],
    ['REVOKED', null, null],
    ['UNDER_REVIEW', null, null],
    ['SUBMITTED', null, null],
    ['REFUSED', null, null],
    ['WITHDRAWN', null, null],
    ['POSTPONED', null, null],
  ];
  it.each(cases)(
    'a FREEZING request %s (executed %s) has status %s',
    (state, executedAt, status) => {
      const { freezingOrders } = recognisedOrderRecords(
        [executed('req-fr-000003', { form: FREEZING, state, executedAt })],
        instrumentOf,
      );
      expect(freezingOrders.map((order) => order.status)).toEqual(status === null ? [] : [status]);
    },
  );

  it('gives no order for the other request types, and lists orders newest first', () => {
    const disclosure = executed('req-fr-000004', {
      form: {
        type: 'DISCLOSURE',
        disclosure: {
          issuingAuthority: 'BKA',
          offence: 'fraud',
          wallets: [wallet(9)],
          categories: [],
          emergency: false,
          emergencyReason: null,
        },
      },
    });
    const { freezingOrders } = recognisedOrderRecords(
      [
        executed('req-fr-000005', { form: FREEZING, executedAt: at(1) }),
        disclosure,
        executed('req-fr-000006', { form: FREEZING, executedAt: at(3) }),
        executed('req-fr-000007', { form: FREEZING, executedAt: at(3) }),
      ],
      instrumentOf,
    );
    expect(freezingOrders.map((order) => order.id)).toEqual([
      'rfo-req-fr-000007',
      'rfo-req-fr-000006',
      'rfo-req-fr-000005',
    ]);
  });
});
