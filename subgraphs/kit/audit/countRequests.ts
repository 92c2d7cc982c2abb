import type { SqlExecutor } from '../../../core/sql/SqlClient.js';
import { checkAuditSchemaName } from './ensureAuditSchema.js';

export type TransparencyDimension = 'purpose' | 'role' | 'decision' | 'emergency' | 'month';

export interface RequestCount {
  /** One member per grouped dimension. */
  key: Record<string, string>;
  count: number;
}

/** Key value of an event without a purpose, or a caller without roles. */
export const NO_VALUE = 'NONE';

const EXPRESSIONS: Record<TransparencyDimension, string> = {
  purpose: `coalesce(purpose, '${NO_VALUE}')`,
  role: 'role',
  decision: 'decision',
  emergency: 'emergency::text',
  month: `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM')`,
};

/**
 * Counts ACCESS events grouped by the given dimensions, for the PUBLIC transparency
 * statistics (small counts are suppressed by the federated aggregate, not here).
 *
 * Roles: an event counts once under each role the caller held — a prosecutor who is also a
 * central-authority officer appears under both — so grouped by role the counts can add up
 * to more than the number of requests. Any other grouping counts each event once. A caller
 * without roles counts under `NONE`; so does an event without a purpose. Months are UTC.
 */
export async function countRequests(
  db: SqlExecutor,
  schema: string,
  options: { groupBy: TransparencyDimension[] },
): Promise<RequestCount[]> {
  const s = checkAuditSchemaName(schema);
  const dimensions = [...new Set(options.groupBy)];
  for (const dimension of dimensions) {
    if (!(dimension in EXPRESSIONS)) throw new RangeError(`cannot group by ${dimension}`);
  }
  const unnestRoles = dimensions.includes('role')
    ? ` CROSS JOIN LATERAL unnest(CASE WHEN cardinality(roles) = 0 THEN ARRAY['${NO_VALUE}'] ELSE roles END) AS r(role)`
    : '';
  const columns = dimensions.map((dimension, i) => `${EXPRESSIONS[dimension]} AS k${i}`);
  const positions = dimensions.map((_, i) => String(i + 1));
  const { rows } = await db.query<Record<string, string | number>>(
    `SELECT ${[...columns, 'count(*) AS n'].join(', ')}
       FROM ${s}.events${unnestRoles}
      WHERE kind = 'ACCESS'
      ${positions.length ? `GROUP BY ${positions.join(', ')} ORDER BY ${positions.join(', ')}` : ''}`,
  );
  return rows
    .filter((row) => Number(row.n) > 0)
    .map((row) => ({
      key: Object.fromEntries(dimensions.map((dimension, i) => [dimension, String(row[`k${i}`])])),
      count: Number(row.n),
    }));
}
