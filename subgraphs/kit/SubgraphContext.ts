import type { RegistryLoaders } from './createRegistryLoaders.js';
import type { ContextClaims } from '../../core/auth/ContextClaims.js';
import type { PolicyContext } from './policy/PolicyContext.js';

/** What every resolver of a national subgraph receives, built fresh per request. */
export interface SubgraphContext extends PolicyContext {
  /** The jurisdiction code, upper case (`FR`). */
  jurisdiction: string;
  /** The gateway-signed claims this request was verified with. */
  claims: ContextClaims;
  /** Correlates log lines and audit events across the gateway and the subgraphs. */
  requestId: string;
  loaders: RegistryLoaders;
  /** What the audit event of this request records; resolvers of audited actions set it. */
  audit: {
    kind: 'ACCESS' | 'REVIEW_DECISION' | 'REQUEST_TRANSITION';
    detail: Record<string, string | number | boolean | null>;
  };
}
