import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { accountabilityResolvers } from '../../../../subgraphs/kit/accountabilityResolvers.js';
import { AuditErrorCode } from '../../../../subgraphs/kit/audit/AuditError.js';
import { auditRequestsPlugin } from '../../../../subgraphs/kit/auditRequestsPlugin.js';
import { createSubgraphMetrics } from '../../../../subgraphs/kit/metrics/createSubgraphMetrics.js';
import { ReleaseLedger } from '../../../../subgraphs/kit/policy/ReleaseLedger.js';
import type { Caller } from '../../../../core/policy/types.js';
import type { SubgraphContext } from '../../../../subgraphs/kit/SubgraphContext.js';
import { BACKENDS, accessEvent, closeSharedPglite, openTestAuditLog } from './auditTestLog.js';
import type { TestAuditLog } from './auditTestLog.js';

afterAll(closeSharedPglite);

// An emergency release and its judicial review, and a judge's decision and its REVIEW_DECISION
// event, are written together or not at all: a store that takes one write and refuses the
// other (here, a constraint added for the test) must leave neither.

const INVESTIGATOR: Caller = {
  subject: 'officer-7',
  roles: ['INVESTIGATOR'],
  homeCountry: 'FR',
  agency: 'OCRGDF',
  purpose: 'EMERGENCY',
  caseRef: 'FR-EMERG-1',
};
const JUDGE: Caller = {
  subject: 'judge-2',
  roles: ['JUDGE'],
  homeCountry: 'FR',
  agency: 'TJ Paris',
  purpose: 'OVERSIGHT_AUDIT',
  caseRef: null,
};

/** What the plugin and the resolvers read of a request's context. */
function requestContext(caller: Caller, requestId: string): SubgraphContext {
  const context: Pick<
    SubgraphContext,
    'caller' | 'requestId' | 'releases' | 'audit' | 'jurisdiction' | 'accessDecisions'
  > & { claims: Pick<SubgraphContext['claims'], 'operationHash'> } = {
    caller,
    requestId,
    jurisdiction: 'FR',
    releases: new ReleaseLedger(),
    accessDecisions: new Map(),
    audit: { kind: 'ACCESS', detail: {} },
    claims: { operationHash: 'op-emergency' },
  };
  return context as SubgraphContext;
}

/** Runs the audit plugin's end of a request, as Apollo does before the response leaves. */
async function finishRequest(audit: TestAuditLog, context: SubgraphContext) {
  const plugin = auditRequestsPlugin({
    log: audit,
    jurisdiction: 'FR',
    entityKey: randomBytes(32),
    metrics: createSubgraphMetrics('fr'),
  });
  const listener = await plugin.requestDidStart!({ contextValue: context } as never);
  const response: { body: unknown } = {
    body: { kind: 'single', singleResult: { data: { fr: {} } } },
  };
  await listener!.willSendResponse!({ contextValue: context, response } as never);
  return response.body;
}

const decide = (audit: TestAuditLog, id: string, decision: 'CONFIRMED' | 'REJECTED') =>
  accountabilityResolvers('FR', audit, null).JurisdictionMutations.decideEmergencyReview(
    undefined,
    { id, decision, note: 'threat confirmed' },
    requestContext(JUDGE, `req-decide-${id}-${decision}`),
  );

const kinds = async (audit: TestAuditLog) =>
  (await audit.list({}, { first: 50, after: null })).events.map((event) => event.kind).reverse();

const pendingIds = async (audit: TestAuditLog) =>
  (
    await audit.reviews.listReviewItems(
      { status: 'PENDING' },
      { first: 50, after: null },
      '2025-01-01T00:00:00.000Z',
    )
  ).items.map((item) => item.id);

describe.each(BACKENDS)('emergency reviews on $backend', ({ databaseUrl, available }) => {
  let log: TestAuditLog | null = null;
  afterEach(async () => {
    await log?.dispose();
    log = null;
  });

  /** Makes the store refuse what `check` rejects, as a failing disk or a lost grant would. */
  const refuse = (audit: TestAuditLog, table: string, check: string) =>
    audit.client.query(
      `ALTER TABLE ${audit.schema}.${table} ADD CONSTRAINT refused CHECK (${check}) NOT VALID`,
    );
  const restore = (audit: TestAuditLog, table: string) =>
    audit.client.query(`ALTER TABLE ${audit.schema}.${table} DROP CONSTRAINT refused`);

  const emergencyEvent = (n: number) =>
    accessEvent(n, { purpose: 'EMERGENCY', emergency: true, decision: 'RELEASED' });

  it.skipIf(!available)('opens the review in the release event’s own transaction', async () => {
    const audit = (log = await openTestAuditLog(databaseUrl));
    await audit.append(accessEvent(1));
    const { event, review } = await audit.appendEmergencyRelease(emergencyEvent(2), [
      'Person.idNumber',
    ]);
    expect(event).toMatchObject({ seq: 2, emergency: true });
    expect(review).toMatchObject({
      eventSeq: 2,
      requestId: 'req-2',
      caseRef: event.caseRef,
      fields: ['Person.idNumber'],
      createdAt: event.occurredAt,
      status: 'PENDING',
    });
    expect(await pendingIds(audit)).toEqual([review.id]);
    expect(await audit.verify()).toMatchObject({ ok: true, events: 2 });
  });

  it.skipIf(!available)(
    'records neither the release nor its review when the review cannot be written',
    async () => {
      const audit = (log = await openTestAuditLog(databaseUrl));
      await audit.append(accessEvent(1));
      await refuse(audit, 'review_items', 'false');
      await expect(
        audit.appendEmergencyRelease(emergencyEvent(2), ['Person.idNumber']),
      ).rejects.toMatchObject({ code: AuditErrorCode.AUDIT_UNAVAILABLE });
      expect(await kinds(audit)).toEqual(['ACCESS']);
      await restore(audit, 'review_items');
      // The chain goes on from where it was.
      expect(await audit.append(accessEvent(3))).toMatchObject({ seq: 2 });
      expect(await audit.verify()).toMatchObject({ ok: true, events: 2 });
    },
  );

  it.skipIf(!available)(
    'has the plugin write an EMERGENCY release with its review, or answer AUDIT_UNAVAILABLE with neither',
    async () => {
      const audit = (log = await openTestAuditLog(databaseUrl));
      const released = requestContext(INVESTIGATOR, 'req-emergency-1');
      released.releases.touch(['wallet-1']);
      released.releases.release('Person.idNumber');
      released.releases.minimise('Person.name', 'INITIALS');
      expect(await finishRequest(audit, released)).toMatchObject({
        singleResult: { data: { fr: {} } },
      });
      const [item] = (
        await audit.reviews.listReviewItems({}, { first: 5, after: null }, new Date().toISOString())
      ).items;
      const [event] = (await audit.list({}, { first: 5, after: null })).events;
      expect(item).toMatchObject({
        requestId: 'req-emergency-1',
        eventSeq: event!.seq,
        fields: ['Person.idNumber', 'Person.name'],
      });

      await refuse(audit, 'review_items', 'false');
      const refused = requestContext(INVESTIGATOR, 'req-emergency-2');
      refused.releases.release('Person.idNumber');
      expect(await finishRequest(audit, refused)).toMatchObject({
        singleResult: { data: null, errors: [{ extensions: { code: 'AUDIT_UNAVAILABLE' } }] },
      });
      expect(await kinds(audit)).toEqual(['ACCESS']);
    },
  );

  it.skipIf(!available)(
    'makes a judge’s decision with its REVIEW_DECISION event, once',
    async () => {
      const audit = (log = await openTestAuditLog(databaseUrl));
      const { event: release, review } = await audit.appendEmergencyRelease(emergencyEvent(1), [
        'Person.idNumber',
      ]);
      const decided = await decide(audit, review.id, 'CONFIRMED');
      expect(decided).toMatchObject({ id: review.id, status: 'CONFIRMED', decidedBy: 'judge-2' });
      const [decision] = (await audit.list({ kind: 'REVIEW_DECISION' }, { first: 5, after: null }))
        .events;
      expect(decision).toMatchObject({
        actor: 'judge-2',
        requestId: `req-decide-${review.id}-CONFIRMED`,
        detail: { reviewId: review.id, decision: 'CONFIRMED', releaseSeq: release.seq },
      });

      await expect(decide(audit, review.id, 'REJECTED')).rejects.toMatchObject({
        code: AuditErrorCode.REVIEW_ALREADY_DECIDED,
      });
      expect(await kinds(audit)).toEqual(['ACCESS', 'REVIEW_DECISION']);
      expect(await audit.verify()).toMatchObject({ ok: true, events: 2 });
    },
  );

  it.skipIf(!available)(
    'does not make a decision the log cannot record: AUDIT_UNAVAILABLE, and the review stays pending',
    async () => {
      const audit = (log = await openTestAuditLog(databaseUrl));
      const { review } = await audit.appendEmergencyRelease(emergencyEvent(1), ['Person.idNumber']);
      await refuse(audit, 'events', `kind <> 'REVIEW_DECISION'`);
      await expect(decide(audit, review.id, 'REJECTED')).rejects.toMatchObject({
        code: AuditErrorCode.AUDIT_UNAVAILABLE,
      });
      expect(await pendingIds(audit)).toEqual([review.id]);
      expect(await kinds(audit)).toEqual(['ACCESS']);

      // Once the log takes events again, the decision can be made.
      await restore(audit, 'events');
      expect(await decide(audit, review.id, 'REJECTED')).toMatchObject({ status: 'REJECTED' });
      expect(await kinds(audit)).toEqual(['ACCESS', 'REVIEW_DECISION']);
      expect(await audit.verify()).toMatchObject({ ok: true, events: 2 });
    },
  );
});
