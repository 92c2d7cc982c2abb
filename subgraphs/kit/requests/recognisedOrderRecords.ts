import type { RequestType } from '../../../core/policy/RequestPolicy.js';
import type {
  ConfiscationOrderRecord,
  FreezingOrderRecord,
  HoldingRecord,
  OrderStatus,
  Provenance,
} from '../../../core/records.js';
import { compareNewestFirst } from '../registry/pageNewestFirst.js';
import { sumDecimals } from '../registry/sumDecimals.js';
import type { CrossBorderRequest, PropertyItem, RequestState } from './CrossBorderRequest.js';

/** An executed order's status as its record shows it; other states have no record. */
const STATUS: Partial<Record<RequestState, OrderStatus>> = {
  EXECUTED: 'ACTIVE',
  PARTIALLY_EXECUTED: 'ACTIVE',
  REVOKED: 'LIFTED',
  EXPIRED: 'EXPIRED',
};

/**
 * The freezing and confiscation orders this member recognised and executed for another, as
 * records of its own asset registry (under Regulation (EU) 2018/1805 an order recognised and
 * executed is carried out as a domestic one). A revoked order stays, LIFTED, so that a wallet once
 * frozen shows why it no longer is. Requests of another type, or never executed, give none.
 * Newest first: freezing by `issuedAt`, confiscation by `decidedAt`, both the execution.
 */
export function recognisedOrderRecords(
  requests: readonly CrossBorderRequest[],
  instrumentOf: (type: RequestType) => string,
): { freezingOrders: FreezingOrderRecord[]; confiscationOrders: ConfiscationOrderRecord[] } {
  const freezingOrders: FreezingOrderRecord[] = [];
  const confiscationOrders: ConfiscationOrderRecord[] = [];
  for (const request of requests) {
    const status = STATUS[request.state];
    if (status === undefined || request.executedAt === null) continue;
    // As `toISOString` writes it: lists sort on it as text, and page cursors carry it.
    const executedAt = new Date(request.executedAt).toISOString();
    const common = {
      caseRef: request.caseRef,
      issuingState: request.issuingState,
      executingState: request.executingState,
      legalBasis: instrumentOf(request.type),
      status,
      // The certificate names property, not the person: the issuing state keeps that.
      affectedParty: null,
      crossBorderRequestId: request.id,
    };
    const { form } = request;
    if (form.type === 'FREEZING') {
      const { freezing } = form;
      freezingOrders.push({
        id: `rfo-${request.id}`,
        provenance: provenance(request),
        ...common,
        issuingAuthority: freezing.issuingAuthority,
        issuedAt: executedAt,
        validUntil: request.expiresAt,
        offence: freezing.offence,
        walletIds: walletsOf(freezing.property),
        holdings: holdingsOf(freezing.property, executedAt),
      });
    } else if (form.type === 'CONFISCATION') {
      const { confiscation } = form;
      const amounts = amountsOf(confiscation.property);
      const [asset, amount] = amounts[0] ?? ['', '0'];
      confiscationOrders.push({
        id: `rco-${request.id}`,
        provenance: provenance(request),
        ...common,
        issuingAuthority: confiscation.issuingAuthority,
        decidedAt: executedAt,
        finalAt: confiscation.finalAt,
        offence: confiscation.offence,
        asset,
        amount,
        restitutedAmount: '0',
        walletIds: walletsOf(confiscation.property),
        freezingOrderId:
          confiscation.freezingRequestId === null ? null : `rfo-${confiscation.freezingRequestId}`,
      });
    }
  }
  freezingOrders.sort((a, b) => compareNewestFirst(a.issuedAt, a.id, b.issuedAt, b.id));
  confiscationOrders.sort((a, b) => compareNewestFirst(a.decidedAt, a.id, b.decidedAt, b.id));
  return { freezingOrders, confiscationOrders };
}

/** A court order executed by this member: the record is its own, first-hand and certain. */
function provenance(request: CrossBorderRequest): Provenance {
  return {
    jurisdiction: request.executingState,
    registry: `${request.executingState.toLowerCase()}-recognised-orders`,
    sourceRecordId: request.id,
    lastUpdated: request.updatedAt,
    handlingCode: 'H0',
    sourceReliability: 'A',
    informationAccuracy: 1,
  };
}

const walletsOf = (property: readonly PropertyItem[]): string[] => [
  ...new Set(property.flatMap((item) => (item.wallet === null ? [] : [item.wallet]))),
];

/** A holding is an amount in a wallet: property at a VASP account is named, but holds none. */
const holdingsOf = (property: readonly PropertyItem[], asOf: string): HoldingRecord[] =>
  property.flatMap((item) =>
    item.wallet !== null && item.asset !== null && item.amount !== null
      ? [{ walletId: item.wallet, asset: item.asset, amount: item.amount, asOf }]
      : [],
  );

/**
 * Amounts per asset, in the order the certificate first names each. A confiscation record
 * holds one asset: the first named, with everything confiscated in it.
 */
function amountsOf(property: readonly PropertyItem[]): [string, string][] {
  const byAsset = new Map<string, string[]>();
  for (const { asset, amount } of property) {
    if (asset === null || amount === null) continue;
    byAsset.set(asset, [...(byAsset.get(asset) ?? []), amount]);
  }
  return [...byAsset].map(([asset, amounts]) => [asset, sumDecimals(amounts)]);
}
