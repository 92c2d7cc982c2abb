import type { Purpose, Role } from '../policy/policySpec.js';

/**
 * Who is asking, as the gateway vouches for it to one subgraph: the claims of the context
 * token in the `x-comity-context` header. The gateway verified the caller's own token; a
 * subgraph trusts these claims only after `createContextVerifier` has checked the gateway's
 * signature, the audience and the lifetime.
 *
 * A subgraph receives only what it needs (see `minimalClaims`): identity fields withheld from
 * it arrive as `[]` / `''` / `null`, never as a guess.
 */
export interface ContextClaims {
  /** The caller's subject at its identity provider. */
  sub: string;
  /** The caller's roles, as verified at the gateway; `[]` when withheld. */
  roles: Role[];
  /** The caller's home country, ISO 3166-1 alpha-2; `''` when withheld. */
  country: string;
  /** The caller's agency; `''` when withheld. */
  agency: string;
  /** The purpose the request states; null when it states none (then no personal data). */
  purpose: Purpose | null;
  /** The case or legal-basis reference the request states, if any. */
  caseRef: string | null;
  /** Correlates log lines and audit events across the gateway and every subgraph. */
  requestId: string;
  /** Hash of the operation document the gateway is executing, for the audit log. */
  operationHash: string;
}
