import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';
import { barTitle, barsOf, chartParts } from '../decisions/countBars.js';
import type { CountRow } from '../decisions/countBars.js';

export type { CountRow } from '../decisions/countBars.js';

const HATCH_ID = 'count-chart-suppressed-hatch';
const SUPPRESSED_COLOUR = '#8b3a00';

/** The diagonal hatching of the suppressed bands, defined once in the figure. */
function addHatchPattern(figure: Element): void {
  const svg = figure.tagName.toLowerCase() === 'svg' ? figure : figure.querySelector('svg');
  if (!svg) return;
  const ns = 'http://www.w3.org/2000/svg';
  const defs = document.createElementNS(ns, 'defs');
  const pattern = document.createElementNS(ns, 'pattern');
  pattern.setAttribute('id', HATCH_ID);
  pattern.setAttribute('patternUnits', 'userSpaceOnUse');
  pattern.setAttribute('width', '6');
  pattern.setAttribute('height', '6');
  pattern.setAttribute('patternTransform', 'rotate(45)');
  const line = document.createElementNS(ns, 'line');
  line.setAttribute('x1', '0');
  line.setAttribute('y1', '0');
  line.setAttribute('x2', '0');
  line.setAttribute('y2', '6');
  line.setAttribute('stroke', SUPPRESSED_COLOUR);
  line.setAttribute('stroke-width', '2');
  pattern.append(line);
  defs.append(pattern);
  svg.prepend(defs);
}

/**
 * Counts by month, one panel per member. Suppressed cells are drawn as suppressed — a "<5"
 * marker, or a hatched band where the month has nothing else — never as a height of zero. The
 * figure has a text alternative; the table beside it carries the exact cells.
 */
export function CountChart({ rows, title }: { rows: readonly CountRow[]; title: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const bars = barsOf(rows);
    const { counted, suppressedOnly, suppressedBeside } = chartParts(bars);
    const figure = Plot.plot({
      ariaLabel: title,
      ariaDescription: `${title}: bars are published counts; hatched bands and markers labelled "<5" are suppressed cells, not zero.`,
      height: 260,
      marginBottom: 50,
      marginLeft: 50,
      // Every month on the axis, including those with suppressed cells only.
      x: { label: null, tickRotate: -40, domain: [...new Set(bars.map((bar) => bar.month))] },
      // At least 0–5, so a suppressed band has an axis to stand on.
      y: { label: 'count', grid: true, domain: [0, Math.max(5, ...bars.map((bar) => bar.known))] },
      fx: { label: null },
      style: { fontSize: '12px', color: '#1a1a1a', background: 'transparent' },
      marks: [
        Plot.barY(counted, {
          fx: 'member',
          x: 'month',
          y: 'known',
          fill: '#1f5f8b',
          title: barTitle,
          className: 'count-bar',
        }),
        Plot.barY(suppressedOnly, {
          fx: 'member',
          x: 'month',
          y1: 0,
          y2: 5,
          fill: `url(#${HATCH_ID})`,
          stroke: SUPPRESSED_COLOUR,
          strokeDasharray: '3,2',
          title: barTitle,
          className: 'suppressed-band',
        }),
        Plot.dot(suppressedBeside, {
          fx: 'member',
          x: 'month',
          y: 'known',
          symbol: 'diamond',
          r: 4,
          fill: SUPPRESSED_COLOUR,
          dy: -6,
          title: barTitle,
        }),
        Plot.text(suppressedBeside, {
          fx: 'member',
          x: 'month',
          y: 'known',
          text: () => '<5',
          dy: -16,
          fill: SUPPRESSED_COLOUR,
          className: 'suppressed-marker',
        }),
        Plot.text(suppressedOnly, {
          fx: 'member',
          x: 'month',
          y: 5,
          text: () => '<5',
          dy: -8,
          fill: SUPPRESSED_COLOUR,
          className: 'suppressed-marker',
        }),
        Plot.ruleY([0]),
      ],
    });
    addHatchPattern(figure);
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
