import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../../subgraphs/kit/audit/AuditEvent.js';
import {
  EVENT_COLUMNS,
  eventPlaceholders,
  eventRowValues,
  toAuditEvent,
} from '../../../../subgraphs/kit/audit/AuditEventRow.js';
import type { AuditEventRow } from '../../../../subgraphs/kit/audit/AuditEventRow.js';

const event: AuditEvent = {
  kind: 'ACCESS',
  occurredAt: '2025-01-01T08:00:00.000Z',
  jurisdiction: 'FR',
  actor: 'officer-1',
  roles: ['INVESTIGATOR'],
  agency: 'OCRGDF',
  homeCountry: 'FR',
  purpose: 'CRIMINAL_INVESTIGATION',
  caseRef: 'FR-2025-1',
  requestId: 'req-1',
  operationHash: 'op-1',
  entities: ['ps_00000001'],
  released: ['FreezingOrder.status'],
  minimised: [{ field: 'FreezingOrder.holderName', strategy: 'INITIALS' }],
  denied: [{ field: 'FreezingOrder.holderBirthDate', reason: 'ROLE' }],
  decision: 'MINIMISED',
  emergency: false,
  detail: { fieldsReleased: 1 },
  seq: 7,
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
};

const columns = EVENT_COLUMNS.split(',').map((column) => column.trim());

/** The row a driver returns for `event`: jsonb parsed or as text, bigint as text. */
function storedRow(jsonAsText: boolean): AuditEventRow {
  const values = eventRowValues(event);
  const row = Object.fromEntries(columns.map((column, i) => [column, values[i]]));
  for (const column of ['minimised', 'denied', 'detail']) {
    if (!jsonAsText) row[column] = JSON.parse(row[column] as string);
  }
  return {
    ...row,
    seq: String(event.seq),
    occurred_at: new Date(event.occurredAt),
  } as AuditEventRow;
}

describe('AuditEventRow', () => {
  it('numbers one typed placeholder per column from the offset on', () => {
    const placeholders = eventPlaceholders(5).split(', ');
    expect(placeholders).toHaveLength(columns.length);
    expect(placeholders[0]).toBe('$6::bigint');
    expect(placeholders.at(-1)).toBe(`$${5 + columns.length}::text`);
  });

  it.each([
    ['parsed', false],
    ['as text', true],
  ])('reads back the event it wrote, jsonb %s', (_name, jsonAsText) => {
    expect(toAuditEvent(storedRow(jsonAsText))).toEqual(event);
  });
});
