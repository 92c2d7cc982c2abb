import type { MinimizeStrategy, Purpose, Role } from './policySpec.js';

/** One jurisdiction's `@access` on a field (or inherited from its object), arguments read. */
export interface AccessRule {
  /** A caller holding any one of these roles passes the role check. */
  roles: readonly Role[];
  /** Purposes allowed; null allows any stated purpose (a purpose is still required). */
  purposes: readonly Purpose[] | null;
  /** Home countries (ISO 3166-1 alpha-2) admitted; null admits callers of any country. */
  countries: readonly string[] | null;
}

/** One jurisdiction's `@minimize` on a field (or inherited from its object), arguments read. */
export interface MinimizeRule {
  strategy: MinimizeStrategy;
  /** MASK: trailing characters kept; null means DEFAULT_MASK_KEEP. */
  keep: number | null;
  /** RANGE: ascending decimal upper bounds; null means DEFAULT_RANGE_BUCKETS. */
  buckets: readonly string[] | null;
  /** Callers holding any of these roles get the value unminimised. */
  unlessRoles: readonly Role[];
  /** Callers stating any of these purposes get the value unminimised. */
  unlessPurposes: readonly Purpose[];
  /** Callers whose home country is one of these get the value unminimised. */
  unlessCountries: readonly string[];
}

/**
 * Who is asking and why, from the gateway's signed context token (docs/architecture.md §4): never from
 * client-supplied headers.
 */
export interface Caller {
  /** The identity provider's subject for the person asking. */
  subject: string;
  roles: readonly Role[];
  /** ISO 3166-1 alpha-2 code of the caller's own country. */
  homeCountry: string;
  agency: string;
  /** The purpose stated for this request; null when none was stated. */
  purpose: Purpose | null;
  /** Case or legal-basis reference; null when none was given. */
  caseRef: string | null;
}
