import type { AccessDecision } from '../../../core/policy/decideAccess.js';
import type { ReleaseLedger } from './ReleaseLedger.js';
import type { Caller } from '../../../core/policy/types.js';

/** What the policy transformers need from a subgraph's per-request context. */
export interface PolicyContext {
  /** From the gateway's verified context token; never from client headers. */
  caller: Caller;
  /** HKDF key for the request's case; null without a case (pseudonyms are then redacted). */
  pseudonymKey: Uint8Array | null;
  releases: ReleaseLedger;
  /** Access decisions already taken in this request, by coordinate: decided once, reused. */
  accessDecisions: Map<string, AccessDecision>;
}
