/** The dashboard's pages, each at `#/<id>`. */
export const PAGES = {
  transparency: 'Transparency',
  recoveries: 'Recoveries',
  requests: 'Requests',
  lookup: 'Cross-border lookup',
  audit: "Auditor's desk",
  judge: "Judge's desk",
  'sign-in': 'Sign in',
} as const;

export type PageId = keyof typeof PAGES;

const CASE_WORK = [
  'INVESTIGATOR',
  'PROSECUTOR',
  'JUDGE',
  'CENTRAL_AUTHORITY',
  'ASSET_RECOVERY_OFFICER',
  'FIU_OFFICER',
];

/**
 * What the navigation offers a role: a convenience, never a control — every page asks the
 * members, and what they release is what shows.
 */
export function navigationFor(role: string): PageId[] {
  if (role === 'PUBLIC') return ['transparency', 'sign-in'];
  const pages: PageId[] = ['transparency', 'recoveries'];
  if (CASE_WORK.includes(role)) pages.push('requests');
  if (role !== 'AUDITOR') pages.push('lookup');
  if (role === 'AUDITOR') pages.push('audit');
  if (role === 'JUDGE') pages.push('judge');
  pages.push('sign-in');
  return pages;
}
