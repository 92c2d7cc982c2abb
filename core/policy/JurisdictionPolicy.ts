import type { MinimizeStrategy, Purpose, Role } from './policySpec.js';
import type { ClaimPolicy } from './ClaimPolicy.js';
import type { RequestPolicy } from './RequestPolicy.js';

/**
 * A country rule names countries by built-in group (`DOMESTIC`, `EU`, `ANY`: core/policy/
 * countries.ts), by an arrangement the jurisdiction defines, or by ISO 3166-1 alpha-2 code.
 * It is expanded to codes when the policy is written onto the schema.
 */
export type CountryRef = string;

/**
 * Who may see an element, for what, from which countries: becomes
 * `@access(jurisdiction, roles, purposes, countries)`.
 */
export interface AccessPolicy {
  roles: readonly Role[];
  /** Omitted: any stated purpose. */
  purposes?: readonly Purpose[];
  /** Whose authorities, by home country. Omitted: the jurisdiction's `releasesTo`. */
  countries?: readonly CountryRef[];
}

/** The form an element leaves in: becomes one `@minimize(...)`. */
export interface MinimizePolicy {
  strategy: MinimizeStrategy;
  keep?: number;
  buckets?: readonly string[];
  unlessRoles?: readonly Role[];
  unlessPurposes?: readonly Purpose[];
  /** Callers whose home country is among these get the value unreduced by this rule. */
  unlessCountries?: readonly CountryRef[];
}

/** A group of countries whose authorities a jurisdiction releases to under one instrument. */
export interface Arrangement {
  /** The instrument (treaty, regulation, arrangement), for the generated matrix. */
  basis: string;
  /** ISO 3166-1 alpha-2, upper case. */
  countries: readonly string[];
}

export interface ElementPolicy {
  access?: AccessPolicy;
  /** Read in order: the first whose exemptions do not cover the caller applies. */
  minimize?: readonly MinimizePolicy[];
}

export interface TypePolicy {
  /** Defaults for every field of the type. */
  object?: ElementPolicy;
  fields?: Readonly<Record<string, ElementPolicy>>;
}

/**
 * One jurisdiction's policy, written in its `subgraphs/<cc>/policy.ts` and materialised as
 * `@access` / `@minimize` directives on the common types of that jurisdiction's subgraph
 * schema (GraphQL has no syntax to add directives to a field defined elsewhere, and the
 * shared types must stay identical in every subgraph). Enforcement reads the directives.
 */
export interface JurisdictionPolicy {
  /** ISO 3166-1 alpha-2, upper case. */
  jurisdiction: string;
  /** The roles this jurisdiction recognises; a policy naming another fails `npm run check`. */
  recognisedRoles: readonly Role[];
  /** Whether this jurisdiction's law knows an EMERGENCY release at all. */
  acceptsEmergency: boolean;
  /** How long audit events are kept, in days (issue: accountability). */
  auditRetentionDays: number;
  /** The legal sources the policy implements, for the generated matrix. */
  legalBasis: readonly string[];
  /**
   * Named groups of countries (an MLA treaty's parties, say) that country rules may name
   * besides the built-in `DOMESTIC`, `EU` and `ANY`.
   */
  arrangements?: Readonly<Record<string, Arrangement>>;
  /**
   * The country rule of every `access` that states none. Without it, each rule on personal
   * data must state its own, or `npm run check` fails.
   */
  releasesTo?: readonly CountryRef[];
  /**
   * Cross-border requests addressed to this member: what it accepts from whom, who on its
   * side acts, the deadlines and the grounds for refusal (docs/architecture.md §11).
   */
  requests: RequestPolicy;
  /**
   * Party matching (docs/matching.md): party queries one request may screen here (default
   * 500), and wallets one request may look up here (default 10,000).
   */
  matching?: { maxScreenedParties?: number; maxScreenedWallets?: number };
  /**
   * Victims' claims on the assets this member holds: who files, verifies, allocates and pays,
   * who decides an innocent holder's objection, and the allocation rule (docs/claims.md).
   * Omitted: the member accepts no claims.
   */
  claims?: ClaimPolicy;
  types: Readonly<Record<string, TypePolicy>>;
}
