import type { AuditEvent } from './AuditEvent.js';

/** Column order of `events` (see ensureAuditSchema), shared by every INSERT. */
export const EVENT_COLUMNS = `seq, kind, occurred_at, jurisdiction, actor, roles, agency, home_country,
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

/** A row of `events` as a driver returns it: bigint may come as text, jsonb as text or parsed. */
export interface AuditEventRow {
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

/** `$n::type, …` for one event row whose parameters start after `offset`. */
export function eventPlaceholders(offset: number): string {
  return EVENT_COLUMN_TYPES.map((type, i) => `$${offset + i + 1}::${type}`).join(', ');
}

/** The parameters of one event row, in EVENT_COLUMNS order. */
export function eventRowValues(event: AuditEvent): unknown[] {
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

/** A jsonb value, parsed where the driver left it as text. */
export const jsonColumn = <T>(value: T | string): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

export function toAuditEvent(row: AuditEventRow): AuditEvent {
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
    minimised: jsonColumn(row.minimised),
    denied: jsonColumn(row.denied),
    decision: row.decision,
    emergency: row.emergency,
    detail: jsonColumn(row.detail),
    seq: Number(row.seq),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
