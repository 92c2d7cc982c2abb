/** The longest note a holder may put on a custody entry. */
export const CUSTODY_NOTE_MAX_LENGTH = 500;

/**
 * Why `note` cannot go on a custody entry, or null. A note says how a package was handled
 * (`sealed in bag DE-4471, evidence room 2`), never record values; it is printed to clerks,
 * so no control characters (a terminal escape in a chain would rewrite what a clerk sees).
 */
export function custodyNoteProblem(
  note: string,
  maxLength = CUSTODY_NOTE_MAX_LENGTH,
): string | null {
  if (note.trim() === '') return 'is empty';
  if (note.length > maxLength) return `is longer than ${maxLength} characters`;
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(note)) return 'holds control characters';
  return null;
}
