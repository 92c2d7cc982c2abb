/** Who the dashboard asks as, and what it states with every request. */
export interface Session {
  /** The bearer token; null for the public (no sign-in). */
  token: string | null;
  /** What the token says (read for navigation only: the members decide what data shows). */
  role: string;
  country: string | null;
  agency: string | null;
  label: string;
  purpose: string;
  caseRef: string;
}

export const PUBLIC_SESSION: Session = {
  token: null,
  role: 'PUBLIC',
  country: null,
  agency: null,
  label: 'Public',
  purpose: 'STATISTICS',
  caseRef: '',
};

/** Purposes a caller may state (the federation's list). */
export const PURPOSES = [
  'CRIMINAL_INVESTIGATION',
  'ASSET_TRACING',
  'FREEZE_EXECUTION',
  'CONFISCATION_EXECUTION',
  'VICTIM_RESTITUTION',
  'SANCTIONS_SCREENING',
  'AML_INTELLIGENCE',
  'EMERGENCY',
  'OVERSIGHT_AUDIT',
  'STATISTICS',
] as const;

/**
 * The claims of a bearer token, decoded without verification: the gateway verifies it on every
 * request; the page only needs the role and country to choose its navigation.
 */
export function tokenClaims(
  token: string,
): { role: string; country: string | null; agency: string | null } | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { roles?: unknown; country?: unknown; agency?: unknown };
    const roles = Array.isArray(claims.roles)
      ? claims.roles.filter((r) => typeof r === 'string')
      : [];
    if (roles.length === 0) return null;
    return {
      role: roles[0] as string,
      country: typeof claims.country === 'string' ? claims.country : null,
      agency: typeof claims.agency === 'string' ? claims.agency : null,
    };
  } catch {
    return null;
  }
}
