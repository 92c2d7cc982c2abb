import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import { jsonColumn } from '../audit/AuditEventRow.js';
import { checkAuditSchemaName } from '../audit/ensureAuditSchema.js';
import { checkPageSize, decodeCursor, encodeCursor } from '../registry/pageCursor.js';
import type { CrossBorderRequest, RequestTransition } from './CrossBorderRequest.js';
import type { RequestListFilter, RequestStore } from './RequestStore.js';

// Callers import the store's types from here.
export type { RequestListFilter, RequestPage, RequestStore } from './RequestStore.js';

const COUNTRY_CODE = /^[A-Za-z]{2}$/;

/** The states of a FREEZING or CONFISCATION request that was executed here, whatever came after. */
const EXECUTED_ORDER_STATES = ['EXECUTED', 'PARTIALLY_EXECUTED', 'REVOKED', 'EXPIRED'];

type BodyRow = { body: CrossBorderRequest | string };

const toRequest = (row: BodyRow): CrossBorderRequest => jsonColumn(row.body);

/** The cross-border requests addressed to this member, in its audit log's schema (reads only). */
export function openRequestStore(db: SqlExecutor, schema: string): RequestStore {
  const s = checkAuditSchemaName(schema);
  return {
    async get(id) {
      const { rows } = await db.query<BodyRow>(`SELECT body FROM ${s}.requests WHERE id = $1`, [
        id,
      ]);
      return rows[0] ? toRequest(rows[0]) : null;
    },

    async history(id) {
      const { rows } = await db.query<{
        body: RequestTransition | string;
        audit_seq: string | number;
      }>(
        `SELECT body, audit_seq FROM ${s}.request_transitions WHERE request_id = $1 ORDER BY version`,
        [id],
      );
      return rows.map((row) => ({ ...jsonColumn(row.body), auditSeq: Number(row.audit_seq) }));
    },

    async list(filter, page) {
      const first = checkPageSize(page);
      const { where, params } = filterConditions(filter);
      const { rows: counted } = await db.query<{ n: string | number }>(
        `SELECT count(*) AS n FROM ${s}.requests WHERE ${where}`,
        params,
      );
      const keysetParams = [...params];
      let keyset = '';
      if (page.after !== null) {
        const after = decodeCursor(page.after);
        keysetParams.push(after.sortValue, after.id);
        keyset = ` AND (received_at, id) < ($${keysetParams.length - 1}::timestamptz, $${keysetParams.length}::text)`;
      }
      keysetParams.push(first + 1);
      const { rows } = await db.query<BodyRow>(
        `SELECT body FROM ${s}.requests WHERE ${where}${keyset}
          ORDER BY received_at DESC, id DESC LIMIT $${keysetParams.length}`,
        keysetParams,
      );
      const requests = rows.slice(0, first).map(toRequest);
      const last = requests[requests.length - 1];
      return {
        requests,
        nextCursor:
          rows.length > first && last
            ? encodeCursor({ sortValue: new Date(last.receivedAt).toISOString(), id: last.id })
            : null,
        totalCount: Number(counted[0]!.n),
      };
    },

    async nextId(executingState) {
      if (!COUNTRY_CODE.test(executingState)) {
        throw new RangeError(`executing state must be an ISO 3166-1 alpha-2 code`);
      }
      const { rows } = await db.query<{ n: string | number }>(
        `SELECT nextval('${s}.request_numbers') AS n`,
      );
      return `req-${executingState.toLowerCase()}-${String(rows[0]!.n).padStart(6, '0')}`;
    },

    async dueForExpiry(now) {
      const at = new Date(now);
      if (Number.isNaN(at.getTime())) throw new RangeError('now must be an ISO 8601 date-time');
      const { rows } = await db.query<BodyRow>(
        `SELECT body FROM ${s}.requests
          WHERE state IN ('EXECUTED', 'PARTIALLY_EXECUTED')
            AND ((body->>'expiresAt')::timestamptz <= $1
              OR (body->>'authorisationReviewAt')::timestamptz <= $1)
          ORDER BY id`,
        [at.toISOString()],
      );
      return rows.map(toRequest);
    },

    async recognisedOrders() {
      const { rows } = await db.query<BodyRow>(
        `SELECT body FROM ${s}.requests
          WHERE type IN ('FREEZING', 'CONFISCATION') AND state = ANY ($1::text[])
            AND body->>'executedAt' IS NOT NULL
          ORDER BY received_at DESC, id DESC`,
        [EXECUTED_ORDER_STATES],
      );
      return rows.map(toRequest);
    },

    async dataVersion() {
      // Every filing adds a row and every transition adds 1 to one version, so the sum of
      // versions moves on each write, even two within one millisecond.
      const { rows } = await db.query<{
        n: string | number;
        versions: string | number;
        at: Date | string | null;
      }>(
        `SELECT count(*) AS n, coalesce(sum(version), 0) AS versions, max(updated_at) AS at
           FROM ${s}.requests`,
      );
      const row = rows[0]!;
      const at = row.at === null ? '' : new Date(row.at).toISOString();
      return `${row.n}:${row.versions}:${at}`;
    },
  };
}

/** The filter as a WHERE clause over `$1…` parameters; a listing that names no view is refused. */
function filterConditions(filter: RequestListFilter): { where: string; params: unknown[] } {
  if (filter.executingSide !== true && filter.issuer === undefined) {
    throw new RangeError('a request listing needs executingSide or issuer');
  }
  const params: unknown[] = [];
  const conditions: string[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replace('?', `$${params.length}`));
  };
  if (filter.issuer !== undefined) {
    add('issuing_state = ?', filter.issuer.country.toUpperCase());
    add('issuing_agency = ?', filter.issuer.agency);
  }
  if (filter.caseRef !== undefined) add('case_ref = ?', filter.caseRef);
  // An empty list matches nothing, as it says.
  if (filter.states !== undefined) add('state = ANY (?::text[])', [...filter.states]);
  if (filter.types !== undefined) add('type = ANY (?::text[])', [...filter.types]);
  return { where: conditions.length ? conditions.join(' AND ') : 'true', params };
}
