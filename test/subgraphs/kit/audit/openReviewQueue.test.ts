import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, closeSharedPglite, openTestAuditLog } from './auditTestLog.js';
import type { TestAuditLog } from './auditTestLog.js';

afterAll(closeSharedPglite);

const HOUR = 3_600_000;
const T0 = Date.parse('2025-03-01T12:00:00.000Z');
const at = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

describe.each(BACKENDS)('review queue on $backend', ({ databaseUrl, available }) => {
  let log: TestAuditLog | null = null;
  afterEach(async () => {
    await log?.dispose();
    log = null;
  });

  const withItems = async () => {
    const audit = (log = await openTestAuditLog(databaseUrl));
    const { reviews } = audit;
    const items = [];
    for (const [i, hours] of [0, 10, 30].entries()) {
      items.push(
        await reviews.createReviewItem({
          requestId: `req-${i}`,
          eventSeq: i + 1,
          actor: 'officer-1',
          caseRef: i === 2 ? null : 'DE-2025-7',
          fields: ['FreezingOrder.holderName'],
          createdAt: at(hours),
        }),
      );
    }
    return { reviews, items };
  };

  it.skipIf(!available)('creates a pending item due 48 hours later', async () => {
    const { items } = await withItems();
    expect(items[0]).toEqual({
      id: expect.any(String),
      requestId: 'req-0',
      eventSeq: 1,
      actor: 'officer-1',
      caseRef: 'DE-2025-7',
      fields: ['FreezingOrder.holderName'],
      createdAt: at(0),
      deadline: at(48),
      status: 'PENDING',
      decidedBy: null,
      decidedAt: null,
      note: null,
    });
  });

  it.skipIf(!available)(
    'tells pending from overdue from decided, newest first, in pages',
    async () => {
      const { reviews, items } = await withItems();
      const now = at(50); // item 0 is past its deadline, items 1 and 2 are not
      const ids = async (status?: 'PENDING' | 'OVERDUE' | 'DECIDED') =>
        (await reviews.listReviewItems({ status }, { first: 10, after: null }, now)).items.map(
          (item) => item.requestId,
        );
      expect(await ids('OVERDUE')).toEqual(['req-0']);
      expect(await ids('PENDING')).toEqual(['req-2', 'req-1']);
      expect(await reviews.countOverdue(now)).toBe(1);
      expect(await reviews.countOverdue(at(47))).toBe(0);

      await reviews.decideReviewItem(items[1]!.id, {
        decision: 'REJECTED',
        judge: 'judge-3',
        note: 'no urgency shown',
        now,
      });
      expect(await ids('DECIDED')).toEqual(['req-1']);
      expect(await ids('PENDING')).toEqual(['req-2']);
      expect(await ids()).toEqual(['req-2', 'req-1', 'req-0']);

      const page1 = await reviews.listReviewItems({}, { first: 2, after: null }, now);
      expect(page1.totalCount).toBe(3);
      const page2 = await reviews.listReviewItems({}, { first: 2, after: page1.nextCursor }, now);
      expect(page2.items.map((item) => item.requestId)).toEqual(['req-0']);
      expect(page2.nextCursor).toBeNull();
    },
  );

  it.skipIf(!available)('records a decision once and refuses a second', async () => {
    const { reviews, items } = await withItems();
    const decided = await reviews.decideReviewItem(items[0]!.id, {
      decision: 'CONFIRMED',
      judge: 'judge-1',
      note: null,
      now: at(60),
    });
    expect(decided).toMatchObject({ status: 'CONFIRMED', decidedBy: 'judge-1', decidedAt: at(60) });
    await expect(
      reviews.decideReviewItem(items[0]!.id, {
        decision: 'REJECTED',
        judge: 'judge-2',
        note: null,
        now: at(61),
      }),
    ).rejects.toMatchObject({ code: 'REVIEW_ALREADY_DECIDED' });
    await expect(
      reviews.decideReviewItem('999999', {
        decision: 'REJECTED',
        judge: 'judge-2',
        note: null,
        now: at(61),
      }),
    ).rejects.toMatchObject({ code: 'REVIEW_ITEM_NOT_FOUND' });
    // A decided item is never overdue; item 1 (due at +58 h) is, at +60 h.
    expect(await reviews.countOverdue(at(57))).toBe(0);
    expect(await reviews.countOverdue(at(60))).toBe(1);
  });

  it.skipIf(!available)('two judges deciding at once: exactly one wins', async () => {
    const { reviews, items } = await withItems();
    const results = await Promise.allSettled(
      ['judge-1', 'judge-2'].map((judge) =>
        reviews.decideReviewItem(items[2]!.id, {
          decision: 'CONFIRMED',
          judge,
          note: null,
          now: at(31),
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({
      reason: { code: 'REVIEW_ALREADY_DECIDED' },
    });
  });
});
