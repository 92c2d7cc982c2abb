import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '../../../../subgraphs/kit/audit/AuditEvent.js';
import type { CrossBorderRequest } from '../../../../subgraphs/kit/requests/CrossBorderRequest.js';
import {
  RequestStoreError,
  RequestStoreErrorCode,
} from '../../../../subgraphs/kit/requests/RequestStoreError.js';
import {
  accessEvent,
  BACKENDS,
  closeSharedPglite,
  openTestAuditLog,
} from '../audit/auditTestLog.js';
import type { TestAuditLog } from '../audit/auditTestLog.js';
import { at, storedRequest, transitionTo, walletItem } from './storedRequest.js';

afterAll(closeSharedPglite);

/** The acting request's event, as the resolvers hand it over (kind and detail set by the log). */
function eventOf(n: number): Omit<AuditEventInput, 'kind' | 'detail'> {
  const { kind: _kind, detail: _detail, ...event } = accessEvent(n);
  return { ...event, released: [], minimised: [], denied: [], decision: 'NONE' };
}

/** Files `request` as SUBMITTED, then moves it (version 2) to its own state if that is another. */
async function fileThenMove(log: TestAuditLog, request: CrossBorderRequest, n = 1) {
  const filed = {
    ...request,
    state: 'SUBMITTED' as const,
    version: 1,
    updatedAt: request.receivedAt,
  };
  await log.fileRequest(filed, transitionTo(filed, 'FILE', null), eventOf(n));
  if (request.state === 'SUBMITTED') return;
  const moved = { ...request, version: 2 };
  await log.transitionRequest(moved, 1, transitionTo(moved, 'EXECUTE', 'SUBMITTED'), eventOf(n));
}

const requestEvents = async (log: TestAuditLog) =>
  (await log.list({ kind: 'REQUEST_TRANSITION' }, { first: 100, after: null })).events;

describe.each(BACKENDS)('request store on $backend', ({ databaseUrl, available }) => {
  let log: TestAuditLog | null = null;
  afterEach(async () => {
    await log?.dispose();
    log = null;
  });
  const open = async () => (log = await openTestAuditLog(databaseUrl));

  it.skipIf(!available)(
    'files a request with its REQUEST_TRANSITION event, which transparency counts do not count',
    async () => {
      const audit = await open();
      const id = await audit.requests.nextId('FR');
      expect(id).toBe('req-fr-000001');
      expect(await audit.requests.nextId('fr')).toBe('req-fr-000002');
      const request = storedRequest(id);
      await audit.append(accessEvent(1));

      const filed = await audit.fileRequest(
        request,
        transitionTo(request, 'FILE', null),
        eventOf(2),
      );

      expect(filed.event).toMatchObject({
        seq: 2,
        kind: 'REQUEST_TRANSITION',
        requestId: 'req-2',
        detail: {
          crossBorderRequest: id,
          type: 'FREEZING',
          action: 'FILE',
          from: null,
          to: 'SUBMITTED',
          version: 1,
          ground: null,
        },
      });
      // Never the form: not one of its values is in the event.
      expect(JSON.stringify(filed.event)).not.toContain('Staatsanwaltschaft');
      expect(await audit.requests.get(id)).toEqual(request);
      expect(await audit.requests.get('req-fr-999999')).toBeNull();
      expect(await audit.requests.history(id)).toEqual([
        { ...transitionTo(request, 'FILE', null), auditSeq: 2 },
      ]);
      expect(await audit.countRequests({ groupBy: [] })).toEqual([{ key: {}, count: 1 }]);
      expect((await requestEvents(audit)).map((event) => event.seq)).toEqual([2]);
      expect(await audit.verify()).toMatchObject({ ok: true, events: 2 });
    },
  );

  it.skipIf(!available)(
    'lets exactly one of two transitions from the same version through; the other writes nothing',
    async () => {
      const audit = await open();
      const request = storedRequest('req-fr-000010');
      await audit.fileRequest(request, transitionTo(request, 'FILE', null), eventOf(1));
      const versionBefore = await audit.requests.dataVersion();

      const acknowledged = {
        ...request,
        state: 'ACKNOWLEDGED' as const,
        version: 2,
        updatedAt: at(1),
      };
      const refused = {
        ...request,
        state: 'REFUSED' as const,
        version: 2,
        ground: 'NE_BIS_IN_IDEM',
        updatedAt: at(1),
      };
      const outcomes = await Promise.allSettled([
        audit.transitionRequest(
          acknowledged,
          1,
          transitionTo(acknowledged, 'ACKNOWLEDGE', 'SUBMITTED'),
          eventOf(2),
        ),
        audit.transitionRequest(
          refused,
          1,
          transitionTo(refused, 'REFUSE', 'SUBMITTED', 'NE_BIS_IN_IDEM'),
          eventOf(3),
        ),
      ]);

      const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
      const lost = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const error = (lost[0] as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(RequestStoreError);
      expect(error.code).toBe(RequestStoreErrorCode.VERSION_CONFLICT);

      const winner = (won[0] as PromiseFulfilledResult<{ request: CrossBorderRequest }>).value
        .request;
      expect(await audit.requests.get(request.id)).toEqual(winner);
      const history = await audit.requests.history(request.id);
      const events = await requestEvents(audit);
      // Filing and winner only: the loser's event was never appended.
      expect(events).toHaveLength(2);
      expect(history.map((step) => [step.version, step.to, step.auditSeq])).toEqual([
        [1, 'SUBMITTED', 1],
        [2, winner.state, events[0]!.seq],
      ]);
      expect(events[0]!.detail).toMatchObject({
        crossBorderRequest: request.id,
        from: 'SUBMITTED',
        to: winner.state,
        version: 2,
        ground: winner.ground,
      });
      expect(await audit.requests.dataVersion()).not.toBe(versionBefore);
      expect(await audit.verify()).toMatchObject({ ok: true, events: 2 });
    },
  );

  it.skipIf(!available)(
    'refuses a stale version, an unknown request and an inconsistent write, writing nothing',
    async () => {
      const audit = await open();
      const request = storedRequest('req-fr-000020');
      await audit.fileRequest(request, transitionTo(request, 'FILE', null), eventOf(1));
      const next = { ...request, state: 'ACKNOWLEDGED' as const, version: 2, updatedAt: at(1) };
      await audit.transitionRequest(
        next,
        1,
        transitionTo(next, 'ACKNOWLEDGE', 'SUBMITTED'),
        eventOf(2),
      );
      const version = await audit.requests.dataVersion();

      const stale = { ...next, state: 'WITHDRAWN' as const };
      await expect(
        audit.transitionRequest(stale, 1, transitionTo(stale, 'WITHDRAW', 'SUBMITTED'), eventOf(3)),
      ).rejects.toMatchObject({ code: RequestStoreErrorCode.VERSION_CONFLICT });
      const unknown = { ...next, id: 'req-fr-999999' };
      await expect(
        audit.transitionRequest(
          unknown,
          1,
          transitionTo(unknown, 'ACKNOWLEDGE', 'SUBMITTED'),
          eventOf(4),
        ),
      ).rejects.toMatchObject({ code: RequestStoreErrorCode.REQUEST_NOT_FOUND });
      // A version skipped is the caller's bug, refused before any transaction.
      const skipped = { ...next, version: 4 };
      await expect(
        audit.transitionRequest(
          skipped,
          2,
          transitionTo(skipped, 'RECOGNISE', 'ACKNOWLEDGED'),
          eventOf(5),
        ),
      ).rejects.toBeInstanceOf(RangeError);

      expect(await audit.requests.dataVersion()).toBe(version);
      expect(await audit.requests.get(request.id)).toEqual(next);
      expect(await requestEvents(audit)).toHaveLength(2);
      expect(await audit.verify()).toMatchObject({ ok: true, events: 2 });
    },
  );

  it.skipIf(!available)(
    'lists newest first in pages, an issuer seeing only the requests it filed',
    async () => {
      const audit = await open();
      const filings: [string, Partial<CrossBorderRequest>][] = [
        ['req-fr-000001', { issuingState: 'DE', issuingAgency: 'BKA', receivedAt: at(1) }],
        ['req-fr-000002', { issuingState: 'DE', issuingAgency: 'LKA-BY', receivedAt: at(2) }],
        ['req-fr-000003', { issuingState: 'NL', issuingAgency: 'BKA', receivedAt: at(3) }],
        [
          'req-fr-000004',
          { issuingState: 'DE', issuingAgency: 'BKA', receivedAt: at(4), caseRef: 'DE-2025-2' },
        ],
        ['req-fr-000005', { issuingState: 'DE', issuingAgency: 'BKA', receivedAt: at(4) }],
      ];
      for (const [n, [id, overrides]] of filings.entries()) {
        const request = storedRequest(id, overrides);
        await audit.fileRequest(request, transitionTo(request, 'FILE', null), eventOf(n));
      }
      const ids = async (filter: Parameters<typeof audit.requests.list>[0]) =>
        (await audit.requests.list(filter, { first: 10, after: null })).requests.map(
          (request) => request.id,
        );

      const bka = { country: 'de', agency: 'BKA' };
      expect(await ids({ issuer: bka })).toEqual([
        'req-fr-000005',
        'req-fr-000004',
        'req-fr-000001',
      ]);
      expect(await ids({ issuer: bka, caseRef: 'DE-2025-2' })).toEqual(['req-fr-000004']);
      expect(await ids({ executingSide: true })).toEqual([
        'req-fr-000005',
        'req-fr-000004',
        'req-fr-000003',
        'req-fr-000002',
        'req-fr-000001',
      ]);
      expect(await ids({ executingSide: true, states: ['REFUSED'] })).toEqual([]);
      expect(
        await ids({ executingSide: true, types: ['FREEZING'], states: ['SUBMITTED'] }),
      ).toHaveLength(5);
      expect(await ids({ executingSide: true, types: ['DISCLOSURE'] })).toEqual([]);
      await expect(audit.requests.list({}, { first: 10, after: null })).rejects.toBeInstanceOf(
        RangeError,
      );

      const seen: string[] = [];
      let after: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof audit.requests.list>> = await audit.requests.list(
          { executingSide: true },
          { first: 2, after },
        );
        expect(page.totalCount).toBe(5);
        seen.push(...page.requests.map((request) => request.id));
        after = page.nextCursor;
      } while (after !== null);
      expect(seen).toEqual(await ids({ executingSide: true }));

      await expect(
        audit.requests.list({ executingSide: true }, { first: 2, after: 'not-a-cursor' }),
      ).rejects.toMatchObject({ extensions: { reason: 'BAD_CURSOR' } });
    },
  );

  it.skipIf(!available)(
    'finds what is due to expire, and every executed order, a revoked one included',
    async () => {
      const audit = await open();
      const confiscation = {
        type: 'CONFISCATION' as const,
        confiscation: {
          issuingAuthority: 'Landgericht Berlin',
          offence: 'fraud',
          legalQualification: '§ 263 StGB',
          decidedAt: at(-100),
          finalAt: at(-50),
          property: [walletItem(2, 'ETH', '10')],
          freezingRequestId: null,
          victimsInterests: null,
        },
      };
      const executed = { executedAt: at(2), updatedAt: at(2) };
      const requests = [
        storedRequest('req-fr-000001', { state: 'EXECUTED', ...executed }),
        storedRequest('req-fr-000002', { state: 'REVOKED', ...executed }),
        storedRequest('req-fr-000003', { state: 'EXPIRED', form: confiscation, ...executed }),
        storedRequest('req-fr-000004'),
        storedRequest('req-fr-000005', { state: 'WITHDRAWN', updatedAt: at(2) }),
        storedRequest('req-fr-000006', { state: 'EXECUTED', expiresAt: at(10), ...executed }),
        storedRequest('req-fr-000007', {
          state: 'PARTIALLY_EXECUTED',
          authorisationReviewAt: at(20),
          ...executed,
        }),
      ];
      for (const [n, request] of requests.entries()) await fileThenMove(audit, request, n);

      const recognised = await audit.requests.recognisedOrders();
      expect(recognised.map((request) => [request.id, request.state]).sort()).toEqual([
        ['req-fr-000001', 'EXECUTED'],
        ['req-fr-000002', 'REVOKED'],
        ['req-fr-000003', 'EXPIRED'],
        ['req-fr-000006', 'EXECUTED'],
        ['req-fr-000007', 'PARTIALLY_EXECUTED'],
      ]);
      const due = async (hours: number) =>
        (await audit.requests.dueForExpiry(at(hours))).map((request) => request.id);
      expect(await due(9)).toEqual([]);
      expect(await due(10)).toEqual(['req-fr-000006']);
      expect(await due(20)).toEqual(['req-fr-000006', 'req-fr-000007']);
    },
  );
});
