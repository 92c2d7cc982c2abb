import { ErrorCode } from '../../../core/errors/ErrorCode.js';
import { AuditErrorCode } from '../audit/AuditError.js';

/** How an audit-log error reads to the gateway: a public code, a reason and a fixed message. */
export interface AuditErrorPublicForm {
  code: typeof ErrorCode.BAD_USER_INPUT | typeof ErrorCode.AUDIT_UNAVAILABLE;
  reason?: AuditErrorCode;
  message: string;
}

/**
 * The audit log throws AuditError (a plain Error with a code) and the accountability resolvers
 * let it through. Those that answer the caller's own request — a review already decided, an id
 * that names nothing — are the caller's to know, in fixed words: the log's own message names
 * the judge and, for AUDIT_UNAVAILABLE, the store's failure. A malformed event is the kit's
 * bug, not the caller's, and stays internal (null).
 */
const PUBLIC_FORMS: Readonly<Record<AuditErrorCode, AuditErrorPublicForm | null>> = {
  AUDIT_UNAVAILABLE: {
    code: ErrorCode.AUDIT_UNAVAILABLE,
    message: 'The audit log is unavailable, so it released nothing',
  },
  AUDIT_EVENT_NOT_FOUND: {
    code: ErrorCode.BAD_USER_INPUT,
    reason: AuditErrorCode.AUDIT_EVENT_NOT_FOUND,
    message: 'The audit log holds no such event',
  },
  REVIEW_ITEM_NOT_FOUND: {
    code: ErrorCode.BAD_USER_INPUT,
    reason: AuditErrorCode.REVIEW_ITEM_NOT_FOUND,
    message: 'No emergency review has this id',
  },
  REVIEW_ALREADY_DECIDED: {
    code: ErrorCode.BAD_USER_INPUT,
    reason: AuditErrorCode.REVIEW_ALREADY_DECIDED,
    message: 'This emergency review was already decided; a decision is final',
  },
  INVALID_AUDIT_EVENT: null,
};

/** The public form of an audit-log error, or null when it must read as an internal error. */
export function auditErrorPublicForm(code: AuditErrorCode): AuditErrorPublicForm | null {
  return Object.hasOwn(PUBLIC_FORMS, code) ? PUBLIC_FORMS[code] : null;
}
