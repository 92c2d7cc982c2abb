import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import { checkAuditSchemaName } from '../audit/ensureAuditSchema.js';
import type { CrossBorderRequest, RequestTransition } from './CrossBorderRequest.js';
import { RequestStoreError, RequestStoreErrorCode } from './RequestStoreError.js';

export interface RequestWriter {
  insert(request: CrossBorderRequest): Promise<void>;
  /**
   * Replaces the request stored at `expectedVersion` by `next`. Throws `VERSION_CONFLICT` when
   * the stored version is another, `REQUEST_NOT_FOUND` when there is no such request; nothing
   * is written then.
   */
  compareAndSet(next: CrossBorderRequest, expectedVersion: number): Promise<void>;
  /** Adds a transition, with the seq of the event that recorded it, to a request's history. */
  addTransition(
    requestId: string,
    transition: RequestTransition & { auditSeq: number },
  ): Promise<void>;
}

/**
 * The writes of the request tables, for the audit log's transaction only (`fileRequest`,
 * `recordRequestTransition`): a request never moves without its event in the chain.
 */
export function openRequestWriter(tx: SqlExecutor, schema: string): RequestWriter {
  const s = checkAuditSchemaName(schema);
  return {
    async insert(request) {
      await tx.query(
        `INSERT INTO ${s}.requests (id, type, state, version, executing_state, issuing_state,
           issuing_agency, issuing_role, issued_by, case_ref, received_at, urgent, body, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::jsonb, $14)`,
        [request.id, ...columns(request)],
      );
    },

    async compareAndSet(next, expectedVersion) {
      const { rows } = await tx.query(
        `UPDATE ${s}.requests
            SET type = $2, state = $3, version = $4, executing_state = $5, issuing_state = $6,
                issuing_agency = $7, issuing_role = $8, issued_by = $9, case_ref = $10,
                received_at = $11, urgent = $12, body = $13::jsonb, updated_at = $14
          WHERE id = $1 AND version = $15
          RETURNING id`,
        [next.id, ...columns(next), expectedVersion],
      );
      if (rows.length > 0) return;
      const { rows: stored } = await tx.query<{ version: number }>(
        `SELECT version FROM ${s}.requests WHERE id = $1`,
        [next.id],
      );
      if (!stored[0]) {
        throw new RequestStoreError(
          RequestStoreErrorCode.REQUEST_NOT_FOUND,
          `there is no request ${next.id}`,
        );
      }
      throw new RequestStoreError(
        RequestStoreErrorCode.VERSION_CONFLICT,
        `request ${next.id} is at version ${stored[0].version}, not ${expectedVersion}: it changed since it was read`,
      );
    },

    async addTransition(requestId, transition) {
      await tx.query(
        `INSERT INTO ${s}.request_transitions (request_id, version, body, audit_seq)
         VALUES ($1, $2, $3::jsonb, $4)`,
        [requestId, transition.version, JSON.stringify(transition), transition.auditSeq],
      );
    },
  };
}

/** `$2…$14` of both statements: what a request is listed by, and the whole request. */
function columns(request: CrossBorderRequest): unknown[] {
  return [
    request.type,
    request.state,
    request.version,
    request.executingState.toUpperCase(),
    request.issuingState.toUpperCase(),
    request.issuingAgency,
    request.issuingRole,
    request.issuedBy,
    request.caseRef,
    // Listing cursors carry this exact instant (`toISOString`, milliseconds).
    new Date(request.receivedAt).toISOString(),
    request.urgent,
    JSON.stringify(request),
    new Date(request.updatedAt).toISOString(),
  ];
}
