import type { ConfiscationOrderRecord, FreezingOrderRecord } from '../../../core/records.js';
import { sumDecimals } from './sumDecimals.js';
import type { RecoveryTotal } from './types.js';

/**
 * Recovery totals computed from records in memory, for registries without a query engine:
 * frozen holdings by the month the freezing order was issued, confiscated and restituted
 * amounts by the month the confiscation was decided.
 */
export function computeRecoveryTotals(
  freezingOrders: Iterable<FreezingOrderRecord>,
  confiscationOrders: Iterable<ConfiscationOrderRecord>,
): RecoveryTotal[] {
  const cells = new Map<
    string,
    { total: Omit<RecoveryTotal, 'amount' | 'orders'>; orders: Set<string>; amounts: string[] }
  >();
  const add = (
    kind: RecoveryTotal['kind'],
    when: string,
    asset: string,
    id: string,
    amount: string,
  ) => {
    const month = when.slice(0, 7);
    const key = `${kind}|${month}|${asset}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { total: { kind, month, asset }, orders: new Set(), amounts: [] };
      cells.set(key, cell);
    }
    cell.orders.add(id);
    cell.amounts.push(amount);
  };
  for (const order of freezingOrders) {
    for (const holding of order.holdings)
      add('FREEZING', order.issuedAt, holding.asset, order.id, holding.amount);
  }
  for (const order of confiscationOrders) {
    add('CONFISCATION', order.decidedAt, order.asset, order.id, order.amount);
    if (sumDecimals([order.restitutedAmount]) !== '0') {
      add('RESTITUTION', order.decidedAt, order.asset, order.id, order.restitutedAmount);
    }
  }
  return [...cells.values()]
    .map((cell) => ({ ...cell.total, orders: cell.orders.size, amount: sumDecimals(cell.amounts) }))
    .sort(
      (a, b) =>
        a.month.localeCompare(b.month) ||
        a.kind.localeCompare(b.kind) ||
        a.asset.localeCompare(b.asset),
    );
}
