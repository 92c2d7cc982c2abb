import type { ErrorCode } from '../../../core/errors/ErrorCode.js';

/**
 * Why a cross-border request, or an action on one, was refused. The resolver puts `code`,
 * `reason` and `field` on the GraphQL error's extensions; the message is written for the
 * official who reads it and names no value from the form.
 */
export class RequestRefusal extends Error {
  override readonly name = 'RequestRefusal';

  constructor(
    readonly code: ErrorCode,
    /** Stable upper-snake reason: ROLE_NOT_ALLOWED, UNKNOWN_GROUND, MISSING_FIELD, INVALID_FIELD… */
    readonly reason: string,
    message: string,
    /** The input path at fault (`input.freezing.validatingJudge`, `ground`), where there is one. */
    readonly field: string | null = null,
  ) {
    super(message);
  }
}
