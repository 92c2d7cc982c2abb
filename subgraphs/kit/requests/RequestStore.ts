import type { RequestType } from '../../../core/policy/RequestPolicy.js';
import type { CrossBorderRequest, RequestState, RequestTransition } from './CrossBorderRequest.js';

/**
 * Whose view a listing is, and what it narrows to; conditions combine with AND. A listing
 * must name its view: `executingSide` (the member's own officials, who see every request
 * addressed to it) or `issuer` (a foreign agency, which sees the requests it filed); with
 * neither it is refused rather than answered with everything.
 */
export interface RequestListFilter {
  /** All requests addressed to this member. */
  executingSide?: boolean;
  /** Only the requests filed by this country (ISO 3166-1 alpha-2, upper case) and agency. */
  issuer?: { country: string; agency: string };
  caseRef?: string;
  states?: readonly RequestState[];
  types?: readonly RequestType[];
}

export interface RequestPage {
  /** Newest received first. */
  requests: CrossBorderRequest[];
  nextCursor: string | null;
  totalCount: number;
}

/**
 * Reads of the cross-border requests addressed to this member, beside its audit log. Writes
 * go through the log (`AuditLog.fileRequest`, `AuditLog.transitionRequest`), which records
 * each in the chain in the same transaction.
 */
export interface RequestStore {
  get(id: string): Promise<CrossBorderRequest | null>;
  /** Every transition of the request, filing first; empty when there is no such request. */
  history(id: string): Promise<RequestTransition[]>;
  /** Keyset on (receivedAt, id); page size 1..MAX_PAGE_SIZE; a bad cursor is BAD_CURSOR. */
  list(
    filter: RequestListFilter,
    page: { first: number; after: string | null },
  ): Promise<RequestPage>;
  /** A fresh id, `req-<executing cc>-000123`; numbers are never reused, a failed filing leaves a gap. */
  nextId(executingState: string): Promise<string>;
  /** Standing orders and authorisations whose time ran out by `now` and that the clock must expire. */
  dueForExpiry(now: string): Promise<CrossBorderRequest[]>;
  /**
   * FREEZING and CONFISCATION requests ever executed here, in their current state (EXECUTED,
   * PARTIALLY_EXECUTED, REVOKED or EXPIRED): a revoked order stays, to be shown LIFTED.
   */
  recognisedOrders(): Promise<CrossBorderRequest[]>;
  /** Changes whenever a request is filed or moves on; for caches of what is read here. */
  dataVersion(): Promise<string>;
}
