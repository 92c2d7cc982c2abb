import type { ErrorCode } from '../../../core/errors/ErrorCode.js';

/**
 * Why a claim, an objection, an allocation or an action on one was refused. The resolver puts
 * `code`, `reason` and `inputPath` on the GraphQL error; the message names no value of the form.
 */
export class ClaimRefusal extends Error {
  override readonly name = 'ClaimRefusal';

  constructor(
    readonly code: ErrorCode,
    /** Stable upper-snake reason: ROLE_NOT_ALLOWED, UNKNOWN_GROUND, INVALID_FIELD… */
    readonly reason: string,
    message: string,
    /** The input path at fault (`input.evidence[0].transactionHash`), where there is one. */
    readonly field: string | null = null,
  ) {
    super(message);
  }
}
