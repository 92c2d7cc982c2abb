import { requireDate } from '../../kit/registry/checkField.js';

/**
 * Checks optional dates, each distinct value once: a bulk file repeats a few distinct dates
 * over and over. The memo is bounded so that a file of all-different dates cannot grow it.
 */
export class DateChecker {
  private readonly checked = new Map<string, string>();

  constructor(private readonly limit = 100_000) {}

  optional(value: string | undefined, field: string): string | null {
    if (value === undefined || value === '') return null;
    const known = this.checked.get(value);
    if (known !== undefined) return known;
    const date = requireDate(value, field);
    if (this.checked.size < this.limit) this.checked.set(value, date);
    return date;
  }
}
