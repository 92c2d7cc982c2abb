/** Error codes of the request store; values equal their keys. */
export const RequestStoreErrorCode = {
  /** No request with this id is stored here. */
  REQUEST_NOT_FOUND: 'REQUEST_NOT_FOUND',
  /** The request moved on since the caller read it: another transition won; nothing was written. */
  VERSION_CONFLICT: 'VERSION_CONFLICT',
} as const;
export type RequestStoreErrorCode =
  (typeof RequestStoreErrorCode)[keyof typeof RequestStoreErrorCode];

export class RequestStoreError extends Error {
  override readonly name = 'RequestStoreError';
  constructor(
    readonly code: RequestStoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}
