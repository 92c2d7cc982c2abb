import type { Purpose } from '../core/policy/policySpec.js';
import type { CallerIdentity } from './auth/createCallerVerifier.js';

/** The request headers a caller states its purpose and case in. */
export const PURPOSE_HEADER = 'x-comity-purpose';
export const CASE_REF_HEADER = 'x-comity-case-ref';

/** Per-request context of the gateway: the verified caller and what it states. */
export interface GatewayContext {
  caller: CallerIdentity;
  /** A valid Purpose, or null when none (or an unknown one) was stated. */
  purpose: Purpose | null;
  /** The raw purpose header when it named no known purpose, for the error message. */
  unknownPurpose: string | null;
  caseRef: string | null;
  /** Generated here; clients cannot choose it. */
  requestId: string;
}
