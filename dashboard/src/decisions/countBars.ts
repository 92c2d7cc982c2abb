import { countCell } from './countCell.js';

export interface CountRow {
  member: string;
  month: string;
  count: string;
}

export interface Bar {
  member: string;
  month: string;
  /** Sum of the published counts: a lower bound when cells are suppressed. */
  known: number;
  publishedCells: number;
  suppressedCells: number;
}

/** Published counts summed per member and month, suppressed cells counted apart. */
export function barsOf(rows: readonly CountRow[]): Bar[] {
  const bars = new Map<string, Bar>();
  for (const row of rows) {
    const key = `${row.member}|${row.month}`;
    const bar = bars.get(key) ?? {
      member: row.member,
      month: row.month,
      known: 0,
      publishedCells: 0,
      suppressedCells: 0,
    };
    const cell = countCell(row.count);
    if (cell.suppressed) bar.suppressedCells += 1;
    else {
      bar.known += cell.value;
      bar.publishedCells += 1;
    }
    bars.set(key, bar);
  }
  return [...bars.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/**
 * What the chart draws. A month with published counts is a bar of their sum, with a "<5"
 * marker above it when cells beside them are suppressed; a month of suppressed cells only has
 * no bar at all (a bar there would read as zero) but a hatched "<5" band from 0 to 5.
 */
export function chartParts(bars: readonly Bar[]): {
  counted: Bar[];
  suppressedOnly: Bar[];
  suppressedBeside: Bar[];
} {
  return {
    counted: bars.filter((bar) => bar.publishedCells > 0),
    suppressedOnly: bars.filter((bar) => bar.publishedCells === 0 && bar.suppressedCells > 0),
    suppressedBeside: bars.filter((bar) => bar.publishedCells > 0 && bar.suppressedCells > 0),
  };
}

/** A bar's tooltip: the published sum, and the suppressed cells as "<5", never as a number. */
export function barTitle(bar: Bar): string {
  const suppressed = `${bar.suppressedCells} suppressed cell${bar.suppressedCells === 1 ? '' : 's'} (<5 each)`;
  if (bar.publishedCells === 0) return `${bar.member} ${bar.month}: ${suppressed}`;
  return `${bar.member} ${bar.month}: ${bar.known.toLocaleString('en')}${bar.suppressedCells ? ` and ${suppressed}` : ''}`;
}
