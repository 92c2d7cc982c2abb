import type { AuditEventPage, AuditListFilter } from './AuditLog.js';
import { toAuditEvent } from './AuditEventRow.js';
import type { AuditEventRow } from './AuditEventRow.js';
import type { AuditStore } from './openAuditStore.js';

/** One page of events matching `filter`, newest first, with a keyset cursor on seq. */
export async function listAuditEvents(
  store: AuditStore,
  filter: AuditListFilter,
  page: { first: number; after: string | null },
): Promise<AuditEventPage> {
  const { client, schema } = store;
  const { where, params } = filterConditions(filter);
  const { rows: counted } = await client.query<{ n: string | number }>(
    `SELECT count(*) AS n FROM ${schema}.events WHERE ${where}`,
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
  const { rows } = await client.query<AuditEventRow>(
    `SELECT * FROM ${schema}.events WHERE ${where}${keyset} ORDER BY seq DESC LIMIT $${keysetParams.length}`,
    keysetParams,
  );
  const events = rows.slice(0, first).map(toAuditEvent);
  return {
    events,
    nextCursor: rows.length > first ? encodeCursor(events[events.length - 1]!.seq) : null,
    totalCount: Number(counted[0]!.n),
  };
}

/** The filter as a WHERE clause over `$1…` parameters. */
function filterConditions(filter: AuditListFilter): { where: string; params: unknown[] } {
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
  return { where: conditions.length ? conditions.join(' AND ') : 'true', params };
}

const encodeCursor = (seq: number): string => Buffer.from(`seq:${seq}`).toString('base64url');

function decodeCursor(cursor: string): number {
  const match = /^seq:([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new RangeError('invalid audit cursor');
  return Number(match[1]);
}
