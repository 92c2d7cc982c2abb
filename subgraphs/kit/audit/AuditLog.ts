import type { JWK } from 'jose';
import type { SqlClient } from '../../../core/sql/SqlClient.js';
import type { AuditEvent, AuditEventInput } from './AuditEvent.js';
import type { Checkpoint } from './Checkpoint.js';
import type { RequestCount, TransparencyDimension } from './countRequests.js';
import type { VerifyResult } from './diagnoseChainBreak.js';
import type { AuditChainReport } from './AuditChainReport.js';
import type { ReviewDecision, ReviewItem, ReviewQueue } from './openReviewQueue.js';
import type { ProofBundle } from './ProofBundle.js';
import type { CrossBorderRequest, RequestTransition } from '../requests/CrossBorderRequest.js';
import type { RequestStore } from '../requests/RequestStore.js';
import type { EvidenceLog } from '../evidence/EvidenceLog.js';
import type { ClaimStore } from '../claims/ClaimStore.js';
import type { ClaimWrite } from '../claims/recordClaimEvent.js';

/** A checkpoint is signed once this many events have been appended since the last one. */
export const DEFAULT_CHECKPOINT_EVERY = 100;
/** …and at this interval when anything was appended since; 0 disables the timer. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 60_000;

export interface AuditLogOptions {
  /** PostgreSQL URL; null → embedded PGlite. */
  databaseUrl: string | null;
  /** PGlite data directory; null (or `memory://`) keeps the log in memory. */
  pgliteDataDir: string | null;
  /**
   * An open client to use instead of opening one from `databaseUrl`/`pgliteDataDir` (a
   * subgraph that already holds one, tests sharing one PGlite). `close()` leaves it open.
   */
  client?: SqlClient;
  /** PostgreSQL schema holding the log, e.g. `audit_fr`; created if missing. */
  schema: string;
  /** The jurisdiction whose log this is (ISO 3166 alpha-2; stored upper case). */
  jurisdiction: string;
  /** The jurisdiction's Ed25519 checkpoint-signing key. */
  signingKey: { privateJwk: JWK; publicJwk: JWK; kid: string };
  /** Default `DEFAULT_CHECKPOINT_EVERY` (100). */
  checkpointEvery?: number;
  /** Default `DEFAULT_CHECKPOINT_INTERVAL_MS` (60 000); 0 disables the timer. */
  checkpointIntervalMs?: number;
  /**
   * The retention floor the database enforces on purges, in days (see `AuditSchemaOptions`);
   * default: the one stored with the log, 0 for a new log.
   */
  minRetentionDays?: number;
  /**
   * Who opens the log — `member DE`, `audit:verify` — named in the owner lock of an embedded
   * store (see `storeLock.ts`) and so in the refusal another opener gets. Default `pid <n>`.
   */
  holder?: string;
  /**
   * Refuse (`AuditStoreMissingError`) instead of creating a log that is not there: a command
   * pointed at the wrong folder or database must say so, not report an empty log.
   */
  mustExist?: boolean;
}

/** All optional, combined with AND. `from` inclusive, `to` exclusive, on occurredAt. */
export interface AuditListFilter {
  from?: string;
  to?: string;
  actor?: string;
  caseRef?: string;
  decision?: string;
  kind?: string;
}

export interface AuditEventPage {
  /** Newest first. */
  events: AuditEvent[];
  nextCursor: string | null;
  totalCount: number;
}

export interface AuditLog {
  readonly jurisdiction: string;
  readonly schema: string;
  /** The connection the log uses; shared by `reviews`, open to administration and tests. */
  readonly client: SqlClient;
  readonly publicJwk: JWK;
  /**
   * Emergency releases awaiting review, in the same database (not part of the chain). Read it
   * here; open and decide reviews through `appendEmergencyRelease` and `decideReview`, which
   * write the event with them.
   */
  readonly reviews: ReviewQueue;
  /** Durable when it resolves; throws `AUDIT_UNAVAILABLE` when the store did not take it. */
  append(input: AuditEventInput): Promise<AuditEvent>;
  /**
   * Appends the event of a release under EMERGENCY and opens its judicial review over
   * `fields` in one transaction: a release is never on record without its review, nor a
   * review without its release. Throws `AUDIT_UNAVAILABLE` when neither was written.
   */
  appendEmergencyRelease(
    input: AuditEventInput,
    fields: string[],
  ): Promise<{ event: AuditEvent; review: ReviewItem }>;
  /**
   * Decides a review and appends its REVIEW_DECISION event in one transaction: the decision
   * stands only if its event is durable. `event` is the deciding request's event; its kind and
   * detail (review id, decision, seq of the release) are set here. Throws the review queue's
   * errors, or `AUDIT_UNAVAILABLE` when neither was written.
   */
  decideReview(
    id: string,
    decision: ReviewDecision,
    event: Omit<AuditEventInput, 'kind' | 'detail'>,
  ): Promise<{ review: ReviewItem; event: AuditEvent }>;
  /**
   * Cross-border requests addressed to this member, in the same database (not part of the
   * chain). Read them here; file and move them through `fileRequest` and `transitionRequest`,
   * which write their REQUEST_TRANSITION events with them.
   */
  readonly requests: RequestStore;
  /**
   * Stores a new request (version 1) and its filing, and appends the filing's
   * REQUEST_TRANSITION event, in one transaction; the filing's `auditSeq` is the event's seq.
   * `event` is the filing request's event; its kind and detail are set here. Throws
   * `AUDIT_UNAVAILABLE` when nothing was written.
   */
  fileRequest(
    request: CrossBorderRequest,
    transition: Omit<RequestTransition, 'auditSeq'>,
    event: Omit<AuditEventInput, 'kind' | 'detail'>,
  ): Promise<{ request: CrossBorderRequest; event: AuditEvent }>;
  /**
   * Replaces the request stored at `expectedVersion` by `next` (one version on), adds the
   * transition to its history and appends its REQUEST_TRANSITION event, in one transaction.
   * Compare-and-set: when the request is at another version, throws `RequestStoreError`
   * VERSION_CONFLICT (REQUEST_NOT_FOUND when there is none) and writes nothing, no event either.
   */
  transitionRequest(
    next: CrossBorderRequest,
    expectedVersion: number,
    transition: Omit<RequestTransition, 'auditSeq'>,
    event: Omit<AuditEventInput, 'kind' | 'detail'>,
  ): Promise<{ request: CrossBorderRequest; event: AuditEvent }>;
  /**
   * Evidence packages of executed requests and their custody chains, in the same database;
   * each write commits with its EVIDENCE_PACKAGE or EVIDENCE_CUSTODY event.
   */
  readonly evidence: EvidenceLog;
  /**
   * Victims' claims, objections, allocations and dispositions on the assets this member holds,
   * in the same database (not part of the chain). Read them here; write them through
   * `recordClaimEvent`.
   */
  readonly claims: ClaimStore;
  /**
   * A claims write and its CLAIM_EVENT in one transaction; versioned rows compare-and-set, and
   * a lost race writes nothing (ClaimRefusal VERSION_CONFLICT). `event` is the acting request's
   * event; its kind and detail are set here.
   */
  recordClaimEvent(
    write: ClaimWrite,
    event: Omit<AuditEventInput, 'kind' | 'detail'>,
  ): Promise<AuditEvent>;
  list(
    filter: AuditListFilter,
    page: { first: number; after: string | null },
  ): Promise<AuditEventPage>;
  /** Signs and stores a checkpoint of the current tree. */
  checkpoint(): Promise<Checkpoint>;
  /** Recomputes the chain from the purge anchor and every stored checkpoint. */
  verify(): Promise<VerifyResult>;
  /** `verify()`, with the head it reached and the latest signed checkpoint, from one snapshot. */
  verifyChain(): Promise<AuditChainReport>;
  /** Deletes the events before `before` (the longest prefix of the chain older than it) and records a PURGE event. */
  purge(before: string): Promise<AuditEvent>;
  exportProof(seq: number): Promise<ProofBundle>;
  countRequests(options: { groupBy: TransparencyDimension[] }): Promise<RequestCount[]>;
  close(): Promise<void>;
}
