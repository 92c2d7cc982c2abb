/** Error codes of the audit log; values equal their keys. */
export const AuditErrorCode = {
  /** The audit store did not take the event: release nothing (docs/architecture.md §6). */
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  /** The event handed to `append` is malformed; nothing was written. */
  INVALID_AUDIT_EVENT: 'INVALID_AUDIT_EVENT',
  /** `exportProof` was asked for an event that is not (or no longer) in the log. */
  AUDIT_EVENT_NOT_FOUND: 'AUDIT_EVENT_NOT_FOUND',
  REVIEW_ITEM_NOT_FOUND: 'REVIEW_ITEM_NOT_FOUND',
  /** A review item is decided once; a second decision is refused. */
  REVIEW_ALREADY_DECIDED: 'REVIEW_ALREADY_DECIDED',
} as const;
export type AuditErrorCode = (typeof AuditErrorCode)[keyof typeof AuditErrorCode];

export class AuditError extends Error {
  override readonly name = 'AuditError';
  constructor(
    readonly code: AuditErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The store did not take an event: its request must release nothing. */
export function auditUnavailable(jurisdiction: string, error: unknown): AuditError {
  return new AuditError(
    AuditErrorCode.AUDIT_UNAVAILABLE,
    `the ${jurisdiction} audit log did not record the event: ${(error as Error).message}`,
    { cause: error },
  );
}
