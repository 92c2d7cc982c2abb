import type { AuditEvent, AuditEventInput } from './AuditEvent.js';
import { normalizeAuditEventInput } from './normalizeAuditEventInput.js';
import type { Appender } from './openAppender.js';
import type { AuditStore } from './openAuditStore.js';
import { openReviewQueue } from './openReviewQueue.js';
import type { ReviewDecision, ReviewItem } from './openReviewQueue.js';

/** A review's decision and its REVIEW_DECISION event, in one transaction (see `AuditLog`). */
export async function decideReview(
  store: AuditStore,
  appender: Appender,
  id: string,
  decision: ReviewDecision,
  event: Omit<AuditEventInput, 'kind' | 'detail'>,
): Promise<{ review: ReviewItem; event: AuditEvent }> {
  return appender.appendWith(async (tx, appendEvent) => {
    const review = await openReviewQueue(tx, store.schema).decideReviewItem(id, decision);
    const recorded = await appendEvent(
      normalizeAuditEventInput(
        {
          ...event,
          kind: 'REVIEW_DECISION',
          detail: { reviewId: review.id, decision: decision.decision, releaseSeq: review.eventSeq },
        },
        store.jurisdiction,
      ),
    );
    return { review, event: recorded };
  });
}
