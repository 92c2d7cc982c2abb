import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import { jsonColumn } from '../audit/AuditEventRow.js';
import { checkAuditSchemaName } from '../audit/ensureAuditSchema.js';
import type { ClaimStore, RecordedAllocation } from './ClaimStore.js';
import type { ClaimTransition, Disposition, Objection, VictimClaim } from './VictimClaim.js';

type Body<T> = { body: T | string };

/** The claims side of this member's audit database (reads only; see `ClaimStore`). */
export function openClaimStore(db: SqlExecutor, schema: string): ClaimStore {
  const s = checkAuditSchemaName(schema);
  const bodies = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const { rows } = await db.query<Body<T>>(sql, params);
    return rows.map((row) => jsonColumn(row.body));
  };
  return {
    async claim(id) {
      return (
        (await bodies<VictimClaim>(`SELECT body FROM ${s}.claims WHERE id = $1`, [id]))[0] ?? null
      );
    },
    async history(claimId) {
      const { rows } = await db.query<Body<ClaimTransition> & { audit_seq: string | number }>(
        `SELECT body, audit_seq FROM ${s}.claim_transitions WHERE claim_id = $1 ORDER BY version`,
        [claimId],
      );
      return rows.map((row) => ({ ...jsonColumn(row.body), auditSeq: Number(row.audit_seq) }));
    },
    async claims(filter, first) {
      const params: unknown[] = [];
      const conditions: string[] = [];
      if (filter.filer) {
        params.push(filter.filer.country.toUpperCase(), filter.filer.agency);
        conditions.push(
          `filing_state = $${params.length - 1} AND filing_agency = $${params.length}`,
        );
      }
      if (filter.orderIds) {
        params.push([...filter.orderIds]);
        conditions.push(`order_id = ANY ($${params.length}::text[])`);
      }
      const where = conditions.length ? conditions.join(' AND ') : 'true';
      const { rows } = await db.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM ${s}.claims WHERE ${where}`,
        params,
      );
      const claims = await bodies<VictimClaim>(
        `SELECT body FROM ${s}.claims WHERE ${where} ORDER BY filed_at DESC, id DESC LIMIT $${params.length + 1}`,
        [...params, first],
      );
      return { claims, totalCount: Number(rows[0]!.n) };
    },
    async objection(id) {
      return (
        (await bodies<Objection>(`SELECT body FROM ${s}.objections WHERE id = $1`, [id]))[0] ?? null
      );
    },
    objections: (orderIds) =>
      bodies<Objection>(
        `SELECT body FROM ${s}.objections WHERE order_id = ANY ($1::text[]) ORDER BY id`,
        [[...orderIds]],
      ),
    async allocations(orderIds) {
      const { rows } = await db.query<Body<RecordedAllocation> & { allocation: string }>(
        `SELECT body, allocation FROM ${s}.allocations WHERE order_id = ANY ($1::text[])
          ORDER BY computed_at DESC, id DESC`,
        [[...orderIds]],
      );
      // The canonical text is stored as written, so the bytes hashed are the bytes read.
      return rows.map((row) => ({ ...jsonColumn(row.body), json: row.allocation }));
    },
    dispositions: () => bodies<Disposition>(`SELECT body FROM ${s}.dispositions ORDER BY at, id`),
    async nextNumber() {
      const { rows } = await db.query<{ n: string | number }>(
        `SELECT nextval('${s}.claim_numbers') AS n`,
      );
      return Number(rows[0]!.n);
    },
  };
}
