import { countCell } from '../decisions/countCell.js';

/** A published count as published: "<5" stays "<5", with words for screen readers. */
export function Count({ value }: { value: string }) {
  const cell = countCell(value);
  if (cell.suppressed) {
    return (
      <span className="suppressed" title="Suppressed: fewer than 5">
        &lt;5<span className="visually-hidden"> (suppressed)</span>
      </span>
    );
  }
  return <>{cell.value.toLocaleString('en')}</>;
}
