import type { CrossBorderRequest, RequestTransition } from '../requests/CrossBorderRequest.js';
import { checkRequestWrite } from '../requests/checkRequestWrite.js';
import { openRequestWriter } from '../requests/openRequestWriter.js';
import type { AuditEvent, AuditEventInput } from './AuditEvent.js';
import type { Appender } from './openAppender.js';
import type { AuditStore } from './openAuditStore.js';
import { requestTransitionEvent } from './requestTransitionEvent.js';

/** A new request, its filing and the filing's event, in one transaction (see `AuditLog`). */
export async function fileRequest(
  store: AuditStore,
  appender: Appender,
  request: CrossBorderRequest,
  transition: Omit<RequestTransition, 'auditSeq'>,
  event: Omit<AuditEventInput, 'kind' | 'detail'>,
): Promise<{ request: CrossBorderRequest; event: AuditEvent }> {
  checkRequestWrite(request, transition, null);
  const input = requestTransitionEvent(event, request, transition, store.jurisdiction);
  return appender.appendWith(async (tx, appendEvent) => {
    const writer = openRequestWriter(tx, store.schema);
    const recorded = await appendEvent(input);
    await writer.insert(request);
    await writer.addTransition(request.id, { ...transition, auditSeq: recorded.seq });
    return { request, event: recorded };
  });
}
