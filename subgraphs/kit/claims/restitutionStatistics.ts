import { publishedCount, SMALL_COUNT_THRESHOLD } from '../publishedCount.js';
import { fromUnits, toUnits } from './assetUnits.js';
import type { Disposition } from './VictimClaim.js';

export interface RecoveryRate {
  asset: string;
  confiscated: string;
  returned: string | null;
  payments: string;
  /** returned ÷ confiscated, four decimal places, rounded down; withheld under 5 payments. */
  rate: string | null;
}

export interface PaymentDelay {
  payments: string;
  medianDays: number | null;
  maxDays: number | null;
}

export interface DispositionStatistic {
  member: string;
  month: string;
  asset: string;
  kind: string;
  count: string;
  amount: string | null;
}

export interface RestitutionStatistics {
  recoveryRates: RecoveryRate[];
  timeToPayment: PaymentDelay;
  dispositions: DispositionStatistic[];
}

const DAY_MS = 86_400_000;

/**
 * Where recovered value went, for the transparency report (docs/claims.md): per asset the
 * share of what was confiscated that went back to victims, days from confiscation to
 * payment, and every disposition by member, month, asset and kind. Counts under 5 are
 * published as `<5` and the amounts and rates they make are withheld: a small cell could
 * point to one victim.
 */
export function restitutionStatistics(
  member: string,
  confiscated: readonly { asset: string; amount: string }[],
  dispositions: readonly Disposition[],
): RestitutionStatistics {
  const confiscatedUnits = new Map<string, bigint>();
  for (const { asset, amount } of confiscated) {
    try {
      confiscatedUnits.set(asset, (confiscatedUnits.get(asset) ?? 0n) + toUnits(amount, asset));
    } catch {
      // An asset without a known unit cannot be compared in units; it has no rate.
    }
  }
  const payments = dispositions.filter((item) => item.kind === 'RETURNED_TO_VICTIM');
  const recoveryRates = [...confiscatedUnits]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([asset, total]) => {
      const paid = payments.filter((item) => item.asset === asset);
      const returned = paid.reduce((sum, item) => sum + BigInt(item.amountUnits), 0n);
      const shown = paid.length >= SMALL_COUNT_THRESHOLD;
      return {
        asset,
        confiscated: fromUnits(total, asset),
        returned: shown ? fromUnits(returned, asset) : null,
        payments: publishedCount(paid.length),
        rate: shown && total > 0n ? ratio(returned, total) : null,
      };
    });
  const delays = payments
    .filter((item) => item.confiscatedAt !== null)
    .map((item) => Math.floor((Date.parse(item.at) - Date.parse(item.confiscatedAt!)) / DAY_MS))
    .sort((a, b) => a - b);
  const shownDelays = delays.length >= SMALL_COUNT_THRESHOLD;
  const cells = new Map<
    string,
    { key: Omit<DispositionStatistic, 'count' | 'amount'>; count: number; units: bigint }
  >();
  for (const item of dispositions) {
    const key = { member, month: item.at.slice(0, 7), asset: item.asset, kind: item.kind };
    const id = `${key.month}|${key.asset}|${key.kind}`;
    const cell = cells.get(id) ?? { key, count: 0, units: 0n };
    cell.count += 1;
    cell.units += BigInt(item.amountUnits);
    cells.set(id, cell);
  }
  return {
    recoveryRates,
    timeToPayment: {
      payments: publishedCount(delays.length),
      medianDays: shownDelays ? delays[Math.floor((delays.length - 1) / 2)]! : null,
      maxDays: shownDelays ? delays[delays.length - 1]! : null,
    },
    dispositions: [...cells.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, cell]) => ({
        ...cell.key,
        count: publishedCount(cell.count),
        amount: cell.count >= SMALL_COUNT_THRESHOLD ? fromUnits(cell.units, cell.key.asset) : null,
      })),
  };
}

function ratio(part: bigint, whole: bigint): string {
  const scaled = (part * 10_000n) / whole;
  return `${scaled / 10_000n}.${(scaled % 10_000n).toString().padStart(4, '0')}`;
}
