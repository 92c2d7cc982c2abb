import { AUDIT_DECISIONS, AUDIT_EVENT_KINDS } from './AuditEvent.js';
import type { AuditEventInput } from './AuditEvent.js';
import { AuditError, AuditErrorCode } from './AuditError.js';

/**
 * Checks an event before it is hashed and returns it in stored form: exactly the input
 * members, `occurredAt` as `toISOString()` (the form PostgreSQL gives back, so the hash
 * recomputes), `jurisdiction` upper case and equal to the log's. Throws
 * `INVALID_AUDIT_EVENT`, naming the member.
 */
export function normalizeAuditEventInput(
  input: AuditEventInput,
  jurisdiction: string,
): AuditEventInput {
  const invalid = (member: string, expected: string): never => {
    throw new AuditError(
      AuditErrorCode.INVALID_AUDIT_EVENT,
      `audit event member ${member} must be ${expected}`,
    );
  };
  const text = (member: keyof AuditEventInput, value: unknown): string =>
    typeof value === 'string' && !value.includes('\u0000') ? value : invalid(member, 'a string');
  const maybeText = (member: keyof AuditEventInput, value: unknown): string | null =>
    value === null ? null : text(member, value);
  const texts = (member: keyof AuditEventInput, value: unknown): string[] =>
    Array.isArray(value) &&
    value.every((item) => typeof item === 'string' && !item.includes('\u0000'))
      ? [...value]
      : invalid(member, 'an array of strings');
  const pairs = <K extends string>(member: keyof AuditEventInput, value: unknown, second: K) =>
    Array.isArray(value) &&
    value.every(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        typeof item.field === 'string' &&
        typeof item[second] === 'string',
    )
      ? (value as ({ field: string } & Record<K, string>)[]).map(
          (item) =>
            ({ field: item.field, [second]: item[second] }) as { field: string } & Record<
              K,
              string
            >,
        )
      : invalid(member, `an array of { field, ${second} } strings`);

  if (typeof input !== 'object' || input === null) invalid('(event)', 'an object');
  if (!AUDIT_EVENT_KINDS.includes(input.kind)) invalid('kind', AUDIT_EVENT_KINDS.join(' | '));
  if (!AUDIT_DECISIONS.includes(input.decision)) invalid('decision', AUDIT_DECISIONS.join(' | '));
  const occurredAt = new Date(text('occurredAt', input.occurredAt));
  if (Number.isNaN(occurredAt.getTime())) invalid('occurredAt', 'an ISO 8601 date-time');
  const eventJurisdiction = text('jurisdiction', input.jurisdiction).toUpperCase();
  if (eventJurisdiction !== jurisdiction)
    invalid('jurisdiction', `this log's jurisdiction ${jurisdiction}`);
  if (typeof input.emergency !== 'boolean') invalid('emergency', 'a boolean');
  if (typeof input.detail !== 'object' || input.detail === null || Array.isArray(input.detail)) {
    invalid('detail', 'an object');
  }
  const detail: AuditEventInput['detail'] = {};
  for (const [key, value] of Object.entries(input.detail)) {
    if (value === undefined) continue;
    if (
      value === null ||
      typeof value === 'boolean' ||
      (typeof value === 'string' && !value.includes('\u0000')) ||
      (typeof value === 'number' && Number.isSafeInteger(value))
    ) {
      detail[key] = value;
    } else {
      invalid(`detail.${key}`, 'a string, safe integer, boolean or null');
    }
  }
  return {
    kind: input.kind,
    occurredAt: occurredAt.toISOString(),
    jurisdiction: eventJurisdiction,
    actor: text('actor', input.actor),
    roles: texts('roles', input.roles),
    agency: text('agency', input.agency),
    homeCountry: text('homeCountry', input.homeCountry),
    purpose: maybeText('purpose', input.purpose),
    caseRef: maybeText('caseRef', input.caseRef),
    requestId: text('requestId', input.requestId),
    operationHash: text('operationHash', input.operationHash),
    entities: texts('entities', input.entities),
    released: texts('released', input.released),
    minimised: pairs('minimised', input.minimised, 'strategy'),
    denied: pairs('denied', input.denied, 'reason'),
    decision: input.decision,
    emergency: input.emergency,
    detail,
  };
}
