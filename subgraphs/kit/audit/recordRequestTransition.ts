import type { CrossBorderRequest, RequestTransition } from '../requests/CrossBorderRequest.js';
import { checkRequestWrite } from '../requests/checkRequestWrite.js';
import { openRequestWriter } from '../requests/openRequestWriter.js';
import type { AuditEvent, AuditEventInput } from './AuditEvent.js';
import type { Appender } from './openAppender.js';
import type { AuditStore } from './openAuditStore.js';
import { requestTransitionEvent } from './requestTransitionEvent.js';

/**
 * A request's next state, compare-and-set on its version, with the transition and its event
 * in one transaction (see `AuditLog.transitionRequest`). The request row is swapped before
 * the event is appended, so a lost race throws first and writes nothing, not even an event.
 */
export async function recordRequestTransition(
  store: AuditStore,
  appender: Appender,
  next: CrossBorderRequest,
  expectedVersion: number,
  transition: Omit<RequestTransition, 'auditSeq'>,
  event: Omit<AuditEventInput, 'kind' | 'detail'>,
): Promise<{ request: CrossBorderRequest; event: AuditEvent }> {
  checkRequestWrite(next, transition, expectedVersion);
  const input = requestTransitionEvent(event, next, transition, store.jurisdiction);
  return appender.appendWith(async (tx, appendEvent) => {
    const writer = openRequestWriter(tx, store.schema);
    await writer.compareAndSet(next, expectedVersion);
    const recorded = await appendEvent(input);
    await writer.addTransition(next.id, { ...transition, auditSeq: recorded.seq });
    return { request: next, event: recorded };
  });
}
