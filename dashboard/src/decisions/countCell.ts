/** The published form of a small count (core: suppressed below 5). */
export const SUPPRESSED = '<5';

export type CountCell = { suppressed: true } | { suppressed: false; value: number };

/** A published count: "<5" stays suppressed, never becomes a number (nor zero). */
export function countCell(published: string): CountCell {
  if (published.trim() === SUPPRESSED) return { suppressed: true };
  const value = Number(published);
  return Number.isFinite(value) ? { suppressed: false, value } : { suppressed: true };
}

/**
 * The sum of published counts: exact only when none is suppressed; otherwise a lower bound,
 * flagged, so a total never hides that cells were withheld.
 */
export function sumCells(cells: readonly CountCell[]): { total: number; partial: boolean } {
  let total = 0;
  let partial = false;
  for (const cell of cells) {
    if (cell.suppressed) partial = true;
    else total += cell.value;
  }
  return { total, partial };
}
