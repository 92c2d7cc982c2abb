import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import { AuditError, AuditErrorCode } from './AuditError.js';
import { checkAuditSchemaName } from './ensureAuditSchema.js';

/** A judge must confirm or reject an emergency release within this time. */
export const REVIEW_DEADLINE_MS = 48 * 60 * 60 * 1000;

export type ReviewStatus = 'PENDING' | 'CONFIRMED' | 'REJECTED';

/**
 * An emergency release awaiting judicial review. It lives beside the audit log (same
 * database, `review_items`) but is not part of it: its status changes. The log opens and
 * decides reviews in the transaction of their events (`AuditLog.appendEmergencyRelease`,
 * `AuditLog.decideReview`); the queue's own writes record no event.
 */
export interface ReviewItem {
  id: string;
  requestId: string;
  /** Seq of the ACCESS event that recorded the emergency release. */
  eventSeq: number;
  actor: string;
  caseRef: string | null;
  fields: string[];
  createdAt: string;
  /** createdAt + 48 h. */
  deadline: string;
  status: ReviewStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  note: string | null;
}

export interface NewReviewItem {
  requestId: string;
  eventSeq: number;
  actor: string;
  caseRef: string | null;
  fields: string[];
  createdAt: string;
}

/** PENDING: undecided, deadline ahead; OVERDUE: undecided, deadline passed; DECIDED: either decision. */
export type ReviewItemFilter = { status?: 'PENDING' | 'OVERDUE' | 'DECIDED' };

export interface ReviewDecision {
  decision: 'CONFIRMED' | 'REJECTED';
  judge: string;
  note: string | null;
  now: string;
}

export interface ReviewQueue {
  createReviewItem(item: NewReviewItem): Promise<ReviewItem>;
  /** Newest first, keyset on id. */
  listReviewItems(
    filter: ReviewItemFilter,
    page: { first: number; after: string | null },
    now: string,
  ): Promise<{ items: ReviewItem[]; nextCursor: string | null; totalCount: number }>;
  /** Refuses a second decision (`REVIEW_ALREADY_DECIDED`); an overdue item may still be decided. */
  decideReviewItem(id: string, decision: ReviewDecision): Promise<ReviewItem>;
  countOverdue(now: string): Promise<number>;
}

interface ReviewRow {
  id: string | number;
  request_id: string;
  event_seq: string | number;
  actor: string;
  case_ref: string | null;
  fields: string[];
  created_at: Date | string;
  deadline: Date | string;
  status: ReviewStatus;
  decided_by: string | null;
  decided_at: Date | string | null;
  note: string | null;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

function toReviewItem(row: ReviewRow): ReviewItem {
  return {
    id: String(row.id),
    requestId: row.request_id,
    eventSeq: Number(row.event_seq),
    actor: row.actor,
    caseRef: row.case_ref,
    fields: row.fields,
    createdAt: iso(row.created_at),
    deadline: iso(row.deadline),
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : iso(row.decided_at),
    note: row.note,
  };
}

function instant(value: string, name: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`${name} must be an ISO 8601 date-time`);
  return date.toISOString();
}

const ID = /^[1-9][0-9]{0,17}$/;

/** The review queue on the audit log's database (`openAuditLog` exposes one as `reviews`). */
export function openReviewQueue(db: SqlExecutor, schema: string): ReviewQueue {
  const s = checkAuditSchemaName(schema);
  const statusCondition = (filter: ReviewItemFilter, now: string, params: unknown[]): string => {
    switch (filter.status) {
      case undefined:
        return 'true';
      case 'DECIDED':
        return `status <> 'PENDING'`;
      case 'PENDING':
        params.push(now);
        return `status = 'PENDING' AND deadline > $${params.length}`;
      case 'OVERDUE':
        params.push(now);
        return `status = 'PENDING' AND deadline <= $${params.length}`;
      default:
        throw new RangeError(`unknown review status filter ${JSON.stringify(filter.status)}`);
    }
  };
  return {
    async createReviewItem(item) {
      const createdAt = instant(item.createdAt, 'createdAt');
      const deadline = new Date(Date.parse(createdAt) + REVIEW_DEADLINE_MS).toISOString();
      const { rows } = await db.query<ReviewRow>(
        `INSERT INTO ${s}.review_items
           (request_id, event_seq, actor, case_ref, fields, created_at, deadline, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'PENDING') RETURNING *`,
        [item.requestId, item.eventSeq, item.actor, item.caseRef, item.fields, createdAt, deadline],
      );
      return toReviewItem(rows[0]!);
    },
    async listReviewItems(filter, page, now) {
      const at = instant(now, 'now');
      const params: unknown[] = [];
      const where = statusCondition(filter, at, params);
      const { rows: counted } = await db.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM ${s}.review_items WHERE ${where}`,
        params,
      );
      const first = Math.max(1, Math.min(1000, Math.floor(page.first)));
      let keyset = '';
      if (page.after !== null) {
        if (!ID.test(page.after)) throw new RangeError('invalid review cursor');
        params.push(page.after);
        keyset = ` AND id < $${params.length}`;
      }
      params.push(first + 1);
      const { rows } = await db.query<ReviewRow>(
        `SELECT * FROM ${s}.review_items WHERE ${where}${keyset} ORDER BY id DESC LIMIT $${params.length}`,
        params,
      );
      const items = rows.slice(0, first).map(toReviewItem);
      return {
        items,
        nextCursor: rows.length > first ? items[items.length - 1]!.id : null,
        totalCount: Number(counted[0]!.n),
      };
    },
    async decideReviewItem(id, decision) {
      if (!ID.test(id)) {
        throw new AuditError(AuditErrorCode.REVIEW_ITEM_NOT_FOUND, `no review item ${id}`);
      }
      if (decision.decision !== 'CONFIRMED' && decision.decision !== 'REJECTED') {
        throw new RangeError('decision must be CONFIRMED or REJECTED');
      }
      const { rows } = await db.query<ReviewRow>(
        `UPDATE ${s}.review_items
            SET status = $2, decided_by = $3, decided_at = $4, note = $5
          WHERE id = $1 AND status = 'PENDING' RETURNING *`,
        [id, decision.decision, decision.judge, instant(decision.now, 'now'), decision.note],
      );
      if (rows[0]) return toReviewItem(rows[0]);
      const { rows: existing } = await db.query<ReviewRow>(
        `SELECT * FROM ${s}.review_items WHERE id = $1`,
        [id],
      );
      if (!existing[0]) {
        throw new AuditError(AuditErrorCode.REVIEW_ITEM_NOT_FOUND, `no review item ${id}`);
      }
      const item = toReviewItem(existing[0]);
      throw new AuditError(
        AuditErrorCode.REVIEW_ALREADY_DECIDED,
        `review item ${id} was already ${item.status} by ${item.decidedBy} at ${item.decidedAt}`,
      );
    },
    async countOverdue(now) {
      const { rows } = await db.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM ${s}.review_items WHERE status = 'PENDING' AND deadline <= $1`,
        [instant(now, 'now')],
      );
      return Number(rows[0]!.n);
    },
  };
}
