import { randomUUID } from 'node:crypto';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { importJWK } from 'jose';
import type { JWK } from 'jose';
import { openSqlClient } from '../../../core/sql/SqlClient.js';
import type { SqlClient, SqlExecutor } from '../../../core/sql/SqlClient.js';
import { GENESIS_HASH, auditEventHash } from './AuditEvent.js';
import type { AuditEvent, AuditEventInput } from './AuditEvent.js';
import { AuditError, AuditErrorCode } from './AuditError.js';
import { checkpointSignatureProblem, signCheckpoint } from './Checkpoint.js';
import type { Checkpoint } from './Checkpoint.js';
import { countRequests } from './countRequests.js';
import type { RequestCount, TransparencyDimension } from './countRequests.js';
import { diagnoseChainBreak, followsInChain } from './diagnoseChainBreak.js';
import type { ChainPoint, VerifyFailure, VerifyResult } from './diagnoseChainBreak.js';
import { PURGE_FUNCTION, checkAuditSchemaName, ensureAuditSchema } from './ensureAuditSchema.js';
import {
  EMPTY_TREE_ROOT,
  appendToFrontier,
  emptyFrontier,
  frontierRoot,
  inclusionProof,
  leafHash,
} from './merkle.js';
import type { MerkleFrontier } from './merkle.js';
import { normalizeAuditEventInput } from './normalizeAuditEventInput.js';
import { openReviewQueue } from './openReviewQueue.js';
import type { ReviewDecision, ReviewItem, ReviewQueue } from './openReviewQueue.js';
import { PROOF_BUNDLE_FORMAT } from './ProofBundle.js';
import type { ProofBundle } from './ProofBundle.js';

/** A checkpoint is signed once this many events have been appended since the last one. */
export const DEFAULT_CHECKPOINT_EVERY = 100;
/** …and at this interval when anything was appended since; 0 disables the timer. */
export const DEFAULT_CHECKPOINT_INTERVAL_MS = 60_000;
/** Rows read per round trip by `verify`. */
const VERIFY_BATCH = 2_000;

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
  list(
    filter: AuditListFilter,
    page: { first: number; after: string | null },
  ): Promise<AuditEventPage>;
  /** Signs and stores a checkpoint of the current tree. */
  checkpoint(): Promise<Checkpoint>;
  /** Recomputes the chain from the purge anchor and every stored checkpoint. */
  verify(): Promise<VerifyResult>;
  /** Deletes the events before `before` (the longest prefix of the chain older than it) and records a PURGE event. */
  purge(before: string): Promise<AuditEvent>;
  exportProof(seq: number): Promise<ProofBundle>;
  countRequests(options: { groupBy: TransparencyDimension[] }): Promise<RequestCount[]>;
  close(): Promise<void>;
}

/** Column order of `events`, shared by every INSERT. */
const EVENT_COLUMNS = `seq, kind, occurred_at, jurisdiction, actor, roles, agency, home_country,
  purpose, case_ref, request_id, operation_hash, entities, released, minimised, denied, decision,
  emergency, detail, prev_hash, hash`;

/** Types of the columns in EVENT_COLUMNS order, so parameters in a VALUES list are typed. */
const EVENT_COLUMN_TYPES = [
  'bigint',
  'text',
  'timestamptz',
  'text',
  'text',
  'text[]',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text[]',
  'text[]',
  'jsonb',
  'jsonb',
  'text',
  'boolean',
  'jsonb',
  'text',
  'text',
];

/** `$n::type, …` for one event row whose parameters start after `offset`. */
function eventPlaceholders(offset: number): string {
  return EVENT_COLUMN_TYPES.map((type, i) => `$${offset + i + 1}::${type}`).join(', ');
}

function eventRow(event: AuditEvent): unknown[] {
  return [
    event.seq,
    event.kind,
    event.occurredAt,
    event.jurisdiction,
    event.actor,
    event.roles,
    event.agency,
    event.homeCountry,
    event.purpose,
    event.caseRef,
    event.requestId,
    event.operationHash,
    event.entities,
    event.released,
    JSON.stringify(event.minimised),
    JSON.stringify(event.denied),
    event.decision,
    event.emergency,
    JSON.stringify(event.detail),
    event.prevHash,
    event.hash,
  ];
}

/**
 * Writes of one locked transaction: events go in through `appendEvent` (chained on the head,
 * checkpointed when due), and anything else that must stand or fall with them through `tx`.
 */
type AppendWork<T> = (
  tx: SqlExecutor,
  appendEvent: (input: AuditEventInput) => Promise<AuditEvent>,
) => Promise<T>;

/** Most events written by one group commit. */
const MAX_EVENTS_PER_COMMIT = 256;

/**
 * Group commits of up to this many events run as prepared statements (one per size and
 * connection): at low load, where each request waits for a commit of its own, parsing the
 * statement was a third of PostgreSQL's time on it. Larger commits share one parse among
 * many events, and each size kept prepared would hold server memory on every connection.
 */
const PREPARED_APPEND_MAX_EVENTS = 8;

interface PendingAppend {
  input: AuditEventInput;
  resolve(event: AuditEvent): void;
  reject(error: unknown): void;
}

/** The locked `chain_head` row. */
interface HeadState {
  seq: number;
  hash: string;
  /** Last purged seq (0 before any purge): the current tree starts at anchorSeq + 1. */
  anchorSeq: number;
  frontier: MerkleFrontier;
  checkpointSeq: number;
}

interface EventRow {
  seq: string | number;
  kind: AuditEvent['kind'];
  occurred_at: Date | string;
  jurisdiction: string;
  actor: string;
  roles: string[];
  agency: string;
  home_country: string;
  purpose: string | null;
  case_ref: string | null;
  request_id: string;
  operation_hash: string;
  entities: string[];
  released: string[];
  minimised: AuditEvent['minimised'] | string;
  denied: AuditEvent['denied'] | string;
  decision: AuditEvent['decision'];
  emergency: boolean;
  detail: AuditEvent['detail'] | string;
  prev_hash: string;
  hash: string;
}

interface CheckpointRow {
  id: string | number;
  jurisdiction: string;
  first_seq: string | number;
  tree_size: string | number;
  root_hash: string;
  head_hash: string;
  issued_at: string;
  signature: string;
}

const json = <T>(value: T | string): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

function toEvent(row: EventRow): AuditEvent {
  return {
    kind: row.kind,
    occurredAt: new Date(row.occurred_at).toISOString(),
    jurisdiction: row.jurisdiction,
    actor: row.actor,
    roles: row.roles,
    agency: row.agency,
    homeCountry: row.home_country,
    purpose: row.purpose,
    caseRef: row.case_ref,
    requestId: row.request_id,
    operationHash: row.operation_hash,
    entities: row.entities,
    released: row.released,
    minimised: json(row.minimised),
    denied: json(row.denied),
    decision: row.decision,
    emergency: row.emergency,
    detail: json(row.detail),
    seq: Number(row.seq),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

function toCheckpoint(row: CheckpointRow): Checkpoint & { id: number } {
  return {
    id: Number(row.id),
    jurisdiction: row.jurisdiction,
    firstSeq: Number(row.first_seq),
    treeSize: Number(row.tree_size),
    rootHash: row.root_hash,
    headHash: row.head_hash,
    issuedAt: row.issued_at,
    signature: row.signature,
  };
}

const eventLeaf = (hash: string): Uint8Array => leafHash(hexToBytes(hash));

const encodeCursor = (seq: number): string => Buffer.from(`seq:${seq}`).toString('base64url');
function decodeCursor(cursor: string): number {
  const match = /^seq:([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new RangeError('invalid audit cursor');
  return Number(match[1]);
}

/**
 * Opens (creating where missing) one jurisdiction's append-only, hash-chained audit log
 * (docs/architecture.md §6). Every event links to the previous one by hash (see `auditEventHash`); every
 * `checkpointEvery` events, and on a timer, an Ed25519-signed RFC 6962 Merkle root of the
 * events is stored so that partners can hold proof of the log's state.
 */
export async function openAuditLog(options: AuditLogOptions): Promise<AuditLog> {
  const schema = checkAuditSchemaName(options.schema);
  const s = schema;
  const jurisdiction = options.jurisdiction.toUpperCase();
  const checkpointEvery = options.checkpointEvery ?? DEFAULT_CHECKPOINT_EVERY;
  const intervalMs = options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS;
  if (!Number.isInteger(checkpointEvery) || checkpointEvery < 1) {
    throw new RangeError('checkpointEvery must be a positive integer');
  }
  const { kid, publicJwk } = options.signingKey;
  const privateKey = await importJWK({ ...options.signingKey.privateJwk, alg: 'EdDSA' }, 'EdDSA');
  if (publicJwk.kty !== 'OKP' || publicJwk.crv !== 'Ed25519') {
    throw new Error('the audit signing key must be an Ed25519 JWK');
  }
  const verifyKey: JWK = { ...publicJwk, kid };

  const ownsClient = options.client === undefined;
  const client =
    options.client ??
    (await openSqlClient({
      databaseUrl: options.databaseUrl,
      pgliteDataDir: options.pgliteDataDir,
    }));
  // Appends outside a transaction of our own are durable only if the server commits
  // synchronously by default; if it does not, every append takes the transaction that says so.
  let commitsSynchronously: boolean;
  try {
    await ensureAuditSchema(client, schema, { minRetentionDays: options.minRetentionDays });
    const { rows } = await client.query<{ synchronous_commit: string }>('SHOW synchronous_commit');
    commitsSynchronously = rows[0]?.synchronous_commit !== 'off';
  } catch (error) {
    if (ownsClient) await client.close();
    throw error;
  }

  const lockHead = async (tx: SqlExecutor): Promise<HeadState> => {
    const { rows } = await tx.query<{
      seq: string | number;
      hash: string;
      anchor_seq: string | number;
      frontier: string[];
      checkpoint_seq: string | number;
    }>(
      `SELECT seq, hash, anchor_seq, frontier, checkpoint_seq FROM ${s}.chain_head WHERE id FOR UPDATE`,
    );
    const row = rows[0]!;
    const seq = Number(row.seq);
    const anchorSeq = Number(row.anchor_seq);
    return {
      seq,
      hash: row.hash,
      anchorSeq,
      frontier: { size: seq - anchorSeq, subtrees: row.frontier.map((hex) => hexToBytes(hex)) },
      checkpointSeq: Number(row.checkpoint_seq),
    };
  };

  const saveHead = (tx: SqlExecutor, head: HeadState) =>
    tx.query(
      `UPDATE ${s}.chain_head SET seq = $1, hash = $2, anchor_seq = $3, frontier = $4, checkpoint_seq = $5 WHERE id`,
      [
        head.seq,
        head.hash,
        head.anchorSeq,
        head.frontier.subtrees.map(bytesToHex),
        head.checkpointSeq,
      ],
    );

  /** The next event of the chain after `head`, and the head after it. */
  const chainEvent = (head: HeadState, input: AuditEventInput) => {
    const unhashed = { ...input, seq: head.seq + 1, prevHash: head.hash };
    const event: AuditEvent = { ...unhashed, hash: auditEventHash(unhashed) };
    const next: HeadState = {
      ...head,
      seq: event.seq,
      hash: event.hash,
      frontier: appendToFrontier(head.frontier, eventLeaf(event.hash)),
    };
    return { event, head: next };
  };

  const insertEvent = async (tx: SqlExecutor, head: HeadState, input: AuditEventInput) => {
    const chained = chainEvent(head, input);
    await tx.query(
      `INSERT INTO ${s}.events (${EVENT_COLUMNS}) VALUES (${eventPlaceholders(0)})`,
      eventRow(chained.event),
    );
    return chained;
  };

  /**
   * The fast path of an append: one statement, so one round trip and one commit, that moves
   * the head from the state this process last wrote to the new one and inserts the events
   * only if it did. When another writer (a second replica, a purge) moved the head meanwhile,
   * nothing is written and the caller falls back to the locking transaction. Used only when
   * the server commits synchronously by default (checked at open).
   */
  const appendOnKnownHead = async (
    known: HeadState,
    inputs: AuditEventInput[],
  ): Promise<{ events: AuditEvent[]; head: HeadState } | null> => {
    let head = known;
    const events: AuditEvent[] = [];
    for (const input of inputs) {
      const chained = chainEvent(head, input);
      events.push(chained.event);
      head = chained.head;
    }
    const params: unknown[] = [
      head.seq,
      head.hash,
      head.frontier.subtrees.map(bytesToHex),
      known.seq,
      known.hash,
    ];
    const rows = events.map((event) => {
      const placeholders = eventPlaceholders(params.length);
      params.push(...eventRow(event));
      return `(${placeholders})`;
    });
    const sql = `WITH moved AS (
         UPDATE ${s}.chain_head SET seq = $1, hash = $2, frontier = $3
          WHERE id AND seq = $4 AND hash = $5 RETURNING id)
       INSERT INTO ${s}.events (${EVENT_COLUMNS})
       SELECT v.* FROM moved, (VALUES ${rows.join(', ')}) AS v
       RETURNING seq`;
    const { rows: written } =
      events.length <= PREPARED_APPEND_MAX_EVENTS
        ? await client.queryPrepared<{ seq: string | number }>(
            `${s}_append_${events.length}`,
            sql,
            params,
          )
        : await client.query<{ seq: string | number }>(sql, params);
    if (written.length === 0) return null;
    if (written.length !== events.length) {
      throw new Error(`wrote ${written.length} of ${events.length} events`);
    }
    return { events, head };
  };

  const issueCheckpoint = async (tx: SqlExecutor, head: HeadState): Promise<Checkpoint> => {
    const checkpoint = await signCheckpoint(
      {
        jurisdiction,
        firstSeq: head.anchorSeq + 1,
        treeSize: head.frontier.size,
        rootHash: bytesToHex(frontierRoot(head.frontier)),
        headHash: head.hash,
        issuedAt: new Date().toISOString(),
      },
      { privateKey, kid },
    );
    await tx.query(
      `INSERT INTO ${s}.checkpoints (jurisdiction, first_seq, tree_size, root_hash, head_hash, issued_at, signature)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        checkpoint.jurisdiction,
        checkpoint.firstSeq,
        checkpoint.treeSize,
        checkpoint.rootHash,
        checkpoint.headHash,
        checkpoint.issuedAt,
        checkpoint.signature,
      ],
    );
    await tx.query(`UPDATE ${s}.chain_head SET checkpoint_seq = $1 WHERE id`, [head.seq]);
    return checkpoint;
  };

  /** One durable transaction; the chain_head row lock serialises appenders. */
  const durably = <T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> =>
    client.transaction(async (tx) => {
      await tx.query('SET LOCAL synchronous_commit = on');
      return fn(tx);
    });

  const checkpoint = () => durably(async (tx) => issueCheckpoint(tx, await lockHead(tx)));

  let closed = false;
  let timerRun: Promise<unknown> = Promise.resolve();
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          timerRun = (async () => {
            const { rows } = await client.query<{ pending: boolean }>(
              `SELECT seq > checkpoint_seq AS pending FROM ${s}.chain_head WHERE id`,
            );
            if (rows[0]?.pending && !closed) await checkpoint();
            // A failed timed checkpoint is retried at the next tick; appends are unaffected.
          })().catch(() => {});
        }, intervalMs)
      : null;
  timer?.unref();

  const verify = (): Promise<VerifyResult> =>
    client.transaction(async (tx) => {
      // One snapshot: appends running meanwhile are neither half-seen nor reported as damage.
      await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
      const { rows: headRows } = await tx.query<{ seq: string | number; hash: string }>(
        `SELECT seq, hash FROM ${s}.chain_head WHERE id`,
      );
      const head = { seq: Number(headRows[0]!.seq), hash: headRows[0]!.hash };
      // The latest purge that removed anything holds the anchor the retained chain hangs from.
      const { rows: purgeRows } = await tx.query<{ detail: AuditEvent['detail'] | string }>(
        `SELECT detail FROM ${s}.events
          WHERE kind = 'PURGE' AND (detail->>'purgedCount')::bigint > 0
          ORDER BY seq DESC LIMIT 1`,
      );
      const purge = purgeRows[0] ? json(purgeRows[0].detail) : null;
      const anchor: ChainPoint = purge
        ? { seq: Number(purge.purgedToSeq), hash: String(purge.purgedHeadHash), prevHash: null }
        : { seq: 0, hash: GENESIS_HASH, prevHash: null };

      const { rows: checkpointRows } = await tx.query<CheckpointRow>(
        `SELECT * FROM ${s}.checkpoints ORDER BY tree_size, id`,
      );
      const checkpoints = checkpointRows.map(toCheckpoint);
      let checkpointFailure: VerifyFailure | null = null;
      const lastSeqOf = (c: Checkpoint) => c.firstSeq + c.treeSize - 1;
      const noteCheckpoint = (
        c: Checkpoint,
        problem: VerifyFailure['problem'],
        message: string,
      ) => {
        const firstBadSeq = Math.max(lastSeqOf(c), anchor.seq + 1);
        if (!checkpointFailure || firstBadSeq < checkpointFailure.firstBadSeq) {
          checkpointFailure = { ok: false, firstBadSeq, problem, message };
        }
      };
      const pendingBySize = new Map<number, (Checkpoint & { id: number })[]>();
      for (const c of checkpoints) {
        const signatureProblem = checkpointSignatureProblem(c, verifyKey);
        if (signatureProblem) {
          noteCheckpoint(c, 'BAD_SIGNATURE', `checkpoint ${c.id}: ${signatureProblem}`);
        } else if (c.firstSeq !== anchor.seq + 1 || c.jurisdiction !== jurisdiction) {
          noteCheckpoint(
            c,
            'CHECKPOINT_MISMATCH',
            `checkpoint ${c.id} starts at seq ${c.firstSeq}, the log at ${anchor.seq + 1}`,
          );
        } else {
          pendingBySize.set(c.treeSize, [...(pendingBySize.get(c.treeSize) ?? []), c]);
        }
      }
      let frontier = emptyFrontier();
      const checkTreeSize = (point: ChainPoint) => {
        for (const c of pendingBySize.get(frontier.size) ?? []) {
          const root = frontier.size === 0 ? EMPTY_TREE_ROOT : frontierRoot(frontier);
          if (bytesToHex(root) !== c.rootHash || point.hash !== c.headHash) {
            noteCheckpoint(
              c,
              'CHECKPOINT_MISMATCH',
              `checkpoint ${c.id} (${c.treeSize} events) does not match the log`,
            );
          }
        }
        pendingBySize.delete(frontier.size);
      };

      let prev = anchor;
      let events = 0;
      checkTreeSize(prev);
      for (;;) {
        const { rows } = await tx.query<EventRow>(
          `SELECT * FROM ${s}.events WHERE seq > $1 ORDER BY seq LIMIT ${VERIFY_BATCH}`,
          [events === 0 ? 0 : prev.seq],
        );
        const batch = rows.map(toEvent);
        for (let i = 0; i < batch.length; i++) {
          const event = batch[i]!;
          if (!followsInChain(prev, event)) {
            const { rows: more } = await tx.query<EventRow>(
              `SELECT * FROM ${s}.events WHERE seq > $1 ORDER BY seq LIMIT ${VERIFY_BATCH}`,
              [batch[batch.length - 1]!.seq],
            );
            return diagnoseChainBreak(prev, [...batch.slice(i), ...more.map(toEvent)], head.seq);
          }
          prev = { seq: event.seq, hash: event.hash, prevHash: event.prevHash };
          events++;
          frontier = appendToFrontier(frontier, eventLeaf(event.hash));
          checkTreeSize(prev);
        }
        if (batch.length < VERIFY_BATCH) break;
      }

      if (head.seq > prev.seq) {
        return {
          ok: false,
          firstBadSeq: prev.seq + 1,
          problem: 'DELETED',
          message: `the log ends at event ${prev.seq} but event ${head.seq} was appended`,
        } satisfies VerifyFailure;
      }
      if (head.seq < prev.seq) {
        return {
          ok: false,
          firstBadSeq: head.seq + 1,
          problem: 'INSERTED',
          message: `events after ${head.seq} were never appended through the log`,
        } satisfies VerifyFailure;
      }
      if (head.hash !== prev.hash) {
        return {
          ok: false,
          firstBadSeq: head.seq,
          problem: 'EDITED',
          message: `event ${head.seq} is not the event that was appended`,
        } satisfies VerifyFailure;
      }
      for (const [size, pending] of pendingBySize) {
        for (const c of pending) {
          noteCheckpoint(
            c,
            'CHECKPOINT_MISMATCH',
            `checkpoint ${c.id} covers ${size} events; the log holds ${events}`,
          );
        }
      }
      if (checkpointFailure) return checkpointFailure;
      return { ok: true, events, checkpoints: checkpoints.length };
    });

  /**
   * Group commit. Appends that arrive while a commit is running wait for it to end and are
   * then written together, in arrival order, in the next one. A commit is one statement on
   * the head this process last wrote (appendOnKnownHead), or, on the first append, when a
   * checkpoint is due or another writer moved the head, the locking transaction
   * (appendLocked). Every append resolves only after the commit holding its event is durable;
   * if that commit fails, every append in it fails with AUDIT_UNAVAILABLE (their requests
   * release nothing).
   */
  const pending: PendingAppend[] = [];
  let committing: Promise<void> | null = null;
  /** The head as this process last committed it; null until the first append or after a failure. */
  let knownHead: HeadState | null = null;

  const commitPending = async (): Promise<void> => {
    while (pending.length > 0) {
      const batch = pending.splice(0, MAX_EVENTS_PER_COMMIT);
      const inputs = batch.map(({ input }) => input);
      try {
        const known = knownHead;
        const checkpointDue =
          known === null || known.seq + inputs.length - known.checkpointSeq >= checkpointEvery;
        let done =
          commitsSynchronously && !checkpointDue ? await appendOnKnownHead(known!, inputs) : null;
        done ??= await appendBatchLocked(inputs);
        knownHead = done.head;
        batch.forEach(({ resolve }, index) => resolve(done.events[index]!));
      } catch (error) {
        knownHead = null;
        const failure = unavailable(error);
        for (const { reject } of batch) reject(failure);
      }
    }
    committing = null;
  };

  const unavailable = (error: unknown) =>
    new AuditError(
      AuditErrorCode.AUDIT_UNAVAILABLE,
      `the ${jurisdiction} audit log did not record the event: ${(error as Error).message}`,
      { cause: error },
    );

  /**
   * The slow path: lock the head, run `work` — which appends through `appendEvent` and may
   * write beside the events — and save the head, checkpointing when due, in one durable
   * transaction: all of it or none.
   */
  const appendLocked = <T>(work: AppendWork<T>) =>
    durably(async (tx) => {
      let head = await lockHead(tx);
      const result = await work(tx, async (input) => {
        const inserted = await insertEvent(tx, head, input);
        head = inserted.head;
        if (head.seq - head.checkpointSeq >= checkpointEvery) {
          await issueCheckpoint(tx, head);
          head = { ...head, checkpointSeq: head.seq };
        }
        return inserted.event;
      });
      await saveHead(tx, head);
      return { result, head };
    });

  const appendBatchLocked = async (inputs: AuditEventInput[]) => {
    const { result, head } = await appendLocked(async (_tx, appendEvent) => {
      const events: AuditEvent[] = [];
      for (const input of inputs) events.push(await appendEvent(input));
      return events;
    });
    return { events: result, head };
  };

  /**
   * An event with the writes that belong to it, outside the group commit (in a transaction of
   * its own, so that their failure fails no other request's event). The review queue's own
   * errors pass as they are; any other failure is AUDIT_UNAVAILABLE.
   */
  const appendWith = async <T>(work: AppendWork<T>): Promise<T> => {
    try {
      const { result } = await appendLocked(work);
      // The head moved under the group commit: its next commit takes the locking path.
      knownHead = null;
      return result;
    } catch (error) {
      if (error instanceof AuditError && error.code !== AuditErrorCode.AUDIT_UNAVAILABLE) {
        throw error;
      }
      throw unavailable(error);
    }
  };

  const log: AuditLog = {
    jurisdiction,
    schema,
    client,
    publicJwk: verifyKey,
    reviews: openReviewQueue(client, schema),

    async append(input) {
      const normalized = normalizeAuditEventInput(input, jurisdiction);
      return new Promise<AuditEvent>((resolve, reject) => {
        pending.push({ input: normalized, resolve, reject });
        committing ??= commitPending();
      });
    },

    async appendEmergencyRelease(input, fields) {
      const normalized = normalizeAuditEventInput(input, jurisdiction);
      return appendWith(async (tx, appendEvent) => {
        const event = await appendEvent(normalized);
        const review = await openReviewQueue(tx, schema).createReviewItem({
          requestId: event.requestId,
          eventSeq: event.seq,
          actor: event.actor,
          caseRef: event.caseRef,
          fields,
          createdAt: event.occurredAt,
        });
        return { event, review };
      });
    },

    async decideReview(id, decision, event) {
      return appendWith(async (tx, appendEvent) => {
        const review = await openReviewQueue(tx, schema).decideReviewItem(id, decision);
        const recorded = await appendEvent(
          normalizeAuditEventInput(
            {
              ...event,
              kind: 'REVIEW_DECISION',
              detail: {
                reviewId: review.id,
                decision: decision.decision,
                releaseSeq: review.eventSeq,
              },
            },
            jurisdiction,
          ),
        );
        return { review, event: recorded };
      });
    },

    async list(filter, page) {
      const params: unknown[] = [];
      const conditions: string[] = [];
      const add = (sql: string, value: unknown) => {
        params.push(value);
        conditions.push(sql.replace('?', `$${params.length}`));
      };
      if (filter.from !== undefined) add('occurred_at >= ?', new Date(filter.from).toISOString());
      if (filter.to !== undefined) add('occurred_at < ?', new Date(filter.to).toISOString());
      if (filter.actor !== undefined) add('actor = ?', filter.actor);
      if (filter.caseRef !== undefined) add('case_ref = ?', filter.caseRef);
      if (filter.decision !== undefined) add('decision = ?', filter.decision);
      if (filter.kind !== undefined) add('kind = ?', filter.kind);
      const where = conditions.length ? conditions.join(' AND ') : 'true';
      const { rows: counted } = await client.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM ${s}.events WHERE ${where}`,
        params,
      );
      const first = Math.max(1, Math.min(1000, Math.floor(page.first)));
      const keysetParams = [...params];
      let keyset = '';
      if (page.after !== null) {
        keysetParams.push(decodeCursor(page.after));
        keyset = ` AND seq < $${keysetParams.length}`;
      }
      keysetParams.push(first + 1);
      const { rows } = await client.query<EventRow>(
        `SELECT * FROM ${s}.events WHERE ${where}${keyset} ORDER BY seq DESC LIMIT $${keysetParams.length}`,
        keysetParams,
      );
      const events = rows.slice(0, first).map(toEvent);
      return {
        events,
        nextCursor: rows.length > first ? encodeCursor(events[events.length - 1]!.seq) : null,
        totalCount: Number(counted[0]!.n),
      };
    },

    checkpoint,
    verify,

    purge(before) {
      const cutOff = new Date(before);
      if (Number.isNaN(cutOff.getTime()))
        throw new RangeError('purge: before must be an ISO 8601 date-time');
      return durably(async (tx) => {
        const head = await lockHead(tx);
        // Only a prefix of the chain can go: an event older than the cut-off but appended
        // after a newer one stays until that one is purged too.
        const { rows: keep } = await tx.query<{ seq: string | number | null }>(
          `SELECT min(seq) AS seq FROM ${s}.events WHERE occurred_at >= $1`,
          [cutOff.toISOString()],
        );
        const firstKept = keep[0]?.seq == null ? head.seq + 1 : Number(keep[0].seq);
        const purgedFromSeq = head.anchorSeq + 1;
        const purgedToSeq = firstKept - 1;
        const purging = purgedToSeq >= purgedFromSeq;
        let detail: AuditEventInput['detail'] = {
          before: cutOff.toISOString(),
          purgedCount: 0,
          purgedFromSeq: null,
          purgedToSeq: null,
          purgedHeadHash: null,
        };
        if (purging) {
          const { rows: last } = await tx.query<{ hash: string }>(
            `SELECT hash FROM ${s}.events WHERE seq = $1`,
            [purgedToSeq],
          );
          if (!last[0]) {
            throw new Error(
              `events ${purgedFromSeq}..${purgedToSeq} are not all present; run verify before purging`,
            );
          }
          detail = {
            ...detail,
            purgedCount: purgedToSeq - purgedFromSeq + 1,
            purgedFromSeq,
            purgedToSeq,
            purgedHeadHash: last[0].hash,
          };
        }
        // The record first: the database deletes only the range the newest PURGE record
        // names (ensureAuditSchema), and refuses it when the cut-off is inside retention.
        const recorded = await insertEvent(
          tx,
          head,
          normalizeAuditEventInput(
            {
              kind: 'PURGE',
              occurredAt: new Date().toISOString(),
              jurisdiction,
              actor: 'comity:retention',
              roles: [],
              agency: '',
              homeCountry: jurisdiction,
              purpose: null,
              caseRef: null,
              requestId: randomUUID(),
              operationHash: '',
              entities: [],
              released: [],
              minimised: [],
              denied: [],
              decision: 'NONE',
              emergency: false,
              detail,
            },
            jurisdiction,
          ),
        );
        let next = recorded.head;
        if (purging) {
          const { rows: removed } = await tx.query<{ n: string | number }>(
            `SELECT ${s}.${PURGE_FUNCTION}() AS n`,
          );
          if (Number(removed[0]!.n) !== detail.purgedCount) {
            throw new Error(`the purge removed ${removed[0]!.n} events, not ${detail.purgedCount}`);
          }
          // The tree restarts at the first retained event; the PURGE record is in it.
          const { rows: kept } = await tx.query<{ hash: string }>(
            `SELECT hash FROM ${s}.events ORDER BY seq`,
          );
          let frontier = emptyFrontier();
          for (const row of kept) frontier = appendToFrontier(frontier, eventLeaf(row.hash));
          next = { ...next, anchorSeq: purgedToSeq, frontier };
        }
        await saveHead(tx, next);
        // The purge dropped the checkpoints over purged events: sign the new tree at once.
        await issueCheckpoint(tx, next);
        return recorded.event;
      });
    },

    async exportProof(seq) {
      const { rows } = await client.query<EventRow>(`SELECT * FROM ${s}.events WHERE seq = $1`, [
        seq,
      ]);
      if (!rows[0]) {
        throw new AuditError(
          AuditErrorCode.AUDIT_EVENT_NOT_FOUND,
          `the ${jurisdiction} audit log holds no event ${seq}`,
        );
      }
      const event = toEvent(rows[0]);
      const covering = async () =>
        (
          await client.query<CheckpointRow>(
            `SELECT * FROM ${s}.checkpoints
              WHERE first_seq <= $1 AND first_seq + tree_size > $1
              ORDER BY id DESC LIMIT 1`,
            [seq],
          )
        ).rows[0];
      let row = await covering();
      if (!row) {
        await checkpoint();
        row = await covering();
      }
      if (!row) throw new Error(`no checkpoint covers event ${seq}`);
      const { id: _id, ...signed } = toCheckpoint(row);
      const { rows: leafRows } = await client.query<{ hash: string }>(
        `SELECT hash FROM ${s}.events WHERE seq >= $1 AND seq < $2 ORDER BY seq`,
        [signed.firstSeq, signed.firstSeq + signed.treeSize],
      );
      if (leafRows.length !== signed.treeSize) {
        throw new Error(`the events under checkpoint ${_id} are incomplete; run verify`);
      }
      const leafIndex = seq - signed.firstSeq;
      return {
        format: PROOF_BUNDLE_FORMAT,
        event,
        leafIndex,
        checkpoint: signed,
        inclusionProof: inclusionProof(
          leafIndex,
          leafRows.map((leaf) => hexToBytes(leaf.hash)),
        ).map(bytesToHex),
        publicJwk: verifyKey,
      };
    },

    countRequests: (countOptions) => countRequests(client, schema, countOptions),

    async close() {
      closed = true;
      if (timer) clearInterval(timer);
      await timerRun;
      // Appends already accepted are committed (or refused) before the connection goes.
      await committing;
      if (ownsClient) await client.close();
    },
  };
  return log;
}
