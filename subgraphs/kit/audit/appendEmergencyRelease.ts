import type { AuditEvent, AuditEventInput } from './AuditEvent.js';
import { normalizeAuditEventInput } from './normalizeAuditEventInput.js';
import type { Appender } from './openAppender.js';
import type { AuditStore } from './openAuditStore.js';
import { openReviewQueue } from './openReviewQueue.js';
import type { ReviewItem } from './openReviewQueue.js';

/** A release under EMERGENCY and its judicial review, in one transaction (see `AuditLog`). */
export async function appendEmergencyRelease(
  store: AuditStore,
  appender: Appender,
  input: AuditEventInput,
  fields: string[],
): Promise<{ event: AuditEvent; review: ReviewItem }> {
  const normalized = normalizeAuditEventInput(input, store.jurisdiction);
  return appender.appendWith(async (tx, appendEvent) => {
    const event = await appendEvent(normalized);
    const review = await openReviewQueue(tx, store.schema).createReviewItem({
      requestId: event.requestId,
      eventSeq: event.seq,
      actor: event.actor,
      caseRef: event.caseRef,
      fields,
      createdAt: event.occurredAt,
    });
    return { event, review };
  });
}
