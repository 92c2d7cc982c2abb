import { countCell } from '../decisions/countCell.js';

/** One member's restitution statistics as published (the RestitutionStatistics operation). */
export interface PublishedRestitution {
  recoveryRates: readonly {
    asset: string;
    confiscated: string;
    returned?: string | null;
    payments: string;
    rate?: string | null;
  }[];
  timeToPayment: { payments: string; medianDays?: number | null; maxDays?: number | null };
  dispositions: readonly {
    month: string;
    asset: string;
    kind: string;
    count: string;
    amount?: string | null;
  }[];
}

export interface MemberRestitution {
  member: { code: string; name: string };
  restitution: PublishedRestitution | null;
}

/** Disposition kinds in the order the page lists them, with the words it uses. */
export const DISPOSITION_LABELS: Readonly<Record<string, string>> = {
  RETURNED_TO_VICTIM: 'Paid to victims',
  RETURNED_TO_HOLDER: 'Returned to innocent holders',
  KEPT_BY_STATE: 'Kept by the state (its share)',
  PAID_TO_RESTITUTION_FUND: 'Paid into a restitution fund',
  SHARED_WITH_MEMBER: 'Shared with another member',
  SOLD: 'Sold',
};
const KIND_ORDER = Object.keys(DISPOSITION_LABELS);

/**
 * A published rate (returned ÷ confiscated, four decimals, rounded down) as a percentage with
 * two decimals, by moving the decimal point: the member's figure, never recomputed in floats.
 * Null (withheld) stays null.
 */
export function ratePercent(rate: string | null | undefined): string | null {
  if (rate === null || rate === undefined) return null;
  const match = /^(\d+)\.(\d{4})$/.exec(rate);
  if (!match) return null;
  const hundredths = BigInt(`${match[1]}${match[2]}`);
  return `${hundredths / 100n}.${(hundredths % 100n).toString().padStart(2, '0')} %`;
}

export interface RateRow {
  member: string;
  asset: string;
  confiscated: string;
  returned: string | null;
  payments: string;
  rate: string | null;
}

export interface DelayRow {
  member: string;
  payments: string;
  medianDays: number | null;
  maxDays: number | null;
}

export interface DispositionRow {
  member: string;
  asset: string;
  kind: string;
  label: string;
  month: string;
  count: string;
  amount: string | null;
}

/**
 * The Recoveries page's restitution tables from each member's published statistics: cells as
 * published (a "<5" count stays "<5", a withheld amount, rate or delay stays null), rows by
 * member, asset, kind and month. A withheld value is never filled in, and counts are not
 * added across cells, which would turn suppressed cells into a number.
 */
export function restitutionRows(answers: readonly MemberRestitution[]): {
  rates: RateRow[];
  delays: DelayRow[];
  dispositions: DispositionRow[];
} {
  const rates: RateRow[] = [];
  const delays: DelayRow[] = [];
  const dispositions: DispositionRow[] = [];
  for (const { member, restitution } of answers) {
    if (!restitution) continue;
    for (const row of restitution.recoveryRates) {
      rates.push({
        member: member.name,
        asset: row.asset,
        confiscated: row.confiscated,
        returned: row.returned ?? null,
        payments: row.payments,
        rate: ratePercent(row.rate),
      });
    }
    const delay = restitution.timeToPayment;
    // Days are withheld with a small count, even if a member sent them.
    const shown = !countCell(delay.payments).suppressed;
    delays.push({
      member: member.name,
      payments: delay.payments,
      medianDays: shown ? (delay.medianDays ?? null) : null,
      maxDays: shown ? (delay.maxDays ?? null) : null,
    });
    const rows = restitution.dispositions.map((row) => ({
      member: member.name,
      asset: row.asset,
      kind: row.kind,
      label: DISPOSITION_LABELS[row.kind] ?? row.kind,
      month: row.month,
      count: row.count,
      amount: countCell(row.count).suppressed ? null : (row.amount ?? null),
    }));
    rows.sort(
      (a, b) =>
        compare(a.asset, b.asset) ||
        rank(a.kind) - rank(b.kind) ||
        compare(a.kind, b.kind) ||
        compare(a.month, b.month),
    );
    dispositions.push(...rows);
  }
  return { rates, delays, dispositions };
}

function rank(kind: string): number {
  const index = KIND_ORDER.indexOf(kind);
  return index === -1 ? KIND_ORDER.length : index;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
