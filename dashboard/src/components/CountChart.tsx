import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';
import { countCell } from '../decisions/countCell.js';

export interface CountRow {
  member: string;
  month: string;
  count: string;
}

interface Bar {
  member: string;
  month: string;
  known: number;
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
      suppressedCells: 0,
    };
    const cell = countCell(row.count);
    if (cell.suppressed) bar.suppressedCells += 1;
    else bar.known += cell.value;
    bars.set(key, bar);
  }
  return [...bars.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/**
 * Counts by month, one panel per member. A suppressed cell is drawn as a "<5" marker on its
 * bar (or alone, when the whole month is suppressed), never as a height of zero. The figure
 * has a text alternative; the table beside it carries the exact cells.
 */
export function CountChart({ rows, title }: { rows: readonly CountRow[]; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const bars = barsOf(rows);
    const suppressed = bars.filter((bar) => bar.suppressedCells > 0);
    const figure = Plot.plot({
      ariaLabel: title,
      ariaDescription: `${title}: bars are published counts; markers labelled "<5" are suppressed cells, not zero.`,
      height: 260,
      marginBottom: 50,
      marginLeft: 50,
      x: { label: null, tickRotate: -40 },
      // At least 0–5, so a month of suppressed cells alone still has an axis to stand on.
      y: { label: 'count', grid: true, domain: [0, Math.max(5, ...bars.map((bar) => bar.known))] },
      fx: { label: null },
      style: { fontSize: '12px', color: '#1a1a1a', background: 'transparent' },
      marks: [
        Plot.barY(bars, {
          fx: 'member',
          x: 'month',
          y: 'known',
          fill: '#1f5f8b',
          title: (bar: Bar) =>
            `${bar.member} ${bar.month}: ${bar.known}${bar.suppressedCells ? ` and ${bar.suppressedCells} suppressed cell(s) <5` : ''}`,
        }),
        Plot.dot(suppressed, {
          fx: 'member',
          x: 'month',
          y: 'known',
          symbol: 'diamond',
          r: 4,
          fill: '#8b3a00',
          dy: -6,
        }),
        Plot.text(suppressed, {
          fx: 'member',
          x: 'month',
          y: 'known',
          text: () => '<5',
          dy: -16,
          fill: '#8b3a00',
          className: 'suppressed-marker',
        }),
        Plot.ruleY([0]),
      ],
    });
    // Plot labels its mark groups; a labelled <g> needs a role to carry the label (ARIA 1.2).
    figure
      .querySelectorAll('g[aria-label]')
      .forEach((group) => group.setAttribute('role', 'group'));
    ref.current?.replaceChildren(figure);
    return () => figure.remove();
  }, [rows, title]);
  if (rows.length === 0) return <p>No member has published requests yet.</p>;
  return <div className="chart" ref={ref} />;
}
