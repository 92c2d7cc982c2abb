/** How a member reduced a value, as its form shows (core/policy/minimize.ts writes them). */
export type MinimisedForm = 'PSEUDONYM' | 'MASK' | 'RANGE' | 'INITIALS';

const FORMS: readonly [MinimisedForm, RegExp][] = [
  ['PSEUDONYM', /^psn_[a-z2-7]+$/],
  ['MASK', /•/],
  ['RANGE', /^(<\d[\d.]*|>=\d[\d.]*|\d[\d.]*-\d[\d.]*)$/],
  ['INITIALS', /^\p{Lu}\.(-\p{Lu}\.)*( \p{Lu}\.(-\p{Lu}\.)*)*$/u],
];

/**
 * The minimised form a released value has, or null for a value as recorded. Recognised, never
 * decided here: which strategy applies is the member's policy, and this only names what the
 * member sent.
 */
export function minimisedForm(value: unknown): MinimisedForm | null {
  if (typeof value !== 'string') return null;
  for (const [form, pattern] of FORMS) if (pattern.test(value)) return form;
  return null;
}
