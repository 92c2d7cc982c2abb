import type { MinimizeStrategy, Purpose, Role } from './policySpec.js';

/** Who may see an element, for what: becomes `@access(jurisdiction, roles, purposes)`. */
export interface AccessPolicy {
  roles: readonly Role[];
  /** Omitted: any stated purpose. */
  purposes?: readonly Purpose[];
}

/** The form an element leaves in: becomes one `@minimize(...)`. */
export interface MinimizePolicy {
  strategy: MinimizeStrategy;
  keep?: number;
  buckets?: readonly string[];
  unlessRoles?: readonly Role[];
  unlessPurposes?: readonly Purpose[];
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
  types: Readonly<Record<string, TypePolicy>>;
}
