/** Counts below this are published as `<5`: a small cell could point to a person. */
export const SMALL_COUNT_THRESHOLD = 5;

/** A count as the transparency report publishes it. */
export function publishedCount(count: number): string {
  return count < SMALL_COUNT_THRESHOLD ? `<${SMALL_COUNT_THRESHOLD}` : String(count);
}
