import { sumDecimals } from '../registry/sumDecimals.js';
import type { RecoveryTotal } from '../registry/types.js';
import type { CrossBorderRequest, PropertyItem, RequestForm } from './CrossBorderRequest.js';

/** States of a request executed here, whatever came after (as in `recognisedOrderRecords`). */
const EXECUTED = new Set(['EXECUTED', 'PARTIALLY_EXECUTED', 'REVOKED', 'EXPIRED']);

interface Cell {
  total: Omit<RecoveryTotal, 'orders' | 'amount'>;
  orders: Set<string>;
  amounts: string[];
}

/**
 * What this member froze and confiscated for others, by the month it executed each order
 * (UTC) and asset, for the transparency report. Counted from the certificate's property items
 * rather than from the records, so that property at a VASP account and every asset of a
 * confiscation count, though a record shows only wallet holdings and one asset.
 */
export function recognisedRecoveryTotals(requests: readonly CrossBorderRequest[]): RecoveryTotal[] {
  const cells = new Map<string, Cell>();
  for (const request of requests) {
    const order = orderProperty(request.form);
    if (!order || !EXECUTED.has(request.state) || request.executedAt === null) continue;
    const month = new Date(request.executedAt).toISOString().slice(0, 7);
    for (const { asset, amount } of order.property) {
      if (asset === null || amount === null) continue;
      const key = `${order.kind}|${month}|${asset}`;
      let cell = cells.get(key);
      if (!cell) {
        cell = { total: { kind: order.kind, month, asset }, orders: new Set(), amounts: [] };
        cells.set(key, cell);
      }
      cell.orders.add(request.id);
      cell.amounts.push(amount);
    }
  }
  return [...cells.values()].map(({ total, orders, amounts }) => ({
    ...total,
    orders: orders.size,
    amount: sumDecimals(amounts),
  }));
}

function orderProperty(
  form: RequestForm,
): { kind: RecoveryTotal['kind']; property: readonly PropertyItem[] } | null {
  switch (form.type) {
    case 'FREEZING':
      return { kind: 'FREEZING', property: form.freezing.property };
    case 'CONFISCATION':
      return { kind: 'CONFISCATION', property: form.confiscation.property };
    default:
      return null;
  }
}
