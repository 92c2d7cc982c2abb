import type { CrossBorderRequest, RequestTransition } from './CrossBorderRequest.js';

/**
 * Refuses a write whose parts disagree, before any transaction: the filing is version 1 from
 * no state; a transition takes the request one version past `expectedVersion`; the transition
 * names the version and state the request is written with. A caller that breaks this has a
 * bug, so it is a RangeError, not a conflict.
 */
export function checkRequestWrite(
  request: CrossBorderRequest,
  transition: Omit<RequestTransition, 'auditSeq'>,
  expectedVersion: number | null,
): void {
  const wrong = (what: string) => {
    throw new RangeError(`request ${request.id}: ${what}`);
  };
  if (expectedVersion === null) {
    if (request.version !== 1 || transition.from !== null) {
      wrong('a filing is version 1 from no state');
    }
  } else if (!Number.isSafeInteger(expectedVersion) || request.version !== expectedVersion + 1) {
    wrong(`a transition from version ${expectedVersion} writes version ${expectedVersion + 1}`);
  }
  if (transition.version !== request.version || transition.to !== request.state) {
    wrong('the transition must name the version and state the request is written with');
  }
  for (const [name, value] of [
    ['receivedAt', request.receivedAt],
    ['updatedAt', request.updatedAt],
  ] as const) {
    if (Number.isNaN(Date.parse(value))) wrong(`${name} must be an ISO 8601 date-time`);
  }
}
