import { createHash } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { memberConfigs } from '../../../../core/federationConfig.js';
import { claimDesk } from '../../../../subgraphs/kit/claims/claimDesk.js';
import { ClaimRefusal } from '../../../../subgraphs/kit/claims/ClaimRefusal.js';
import { CLAIM_STATES } from '../../../../subgraphs/kit/claims/VictimClaim.js';
import { withRecognisedOrders } from '../../../../subgraphs/kit/requests/withRecognisedOrders.js';
import { seedClaims } from '../../../../subgraphs/kit/seed/seedClaims.js';
import { seedRequests } from '../../../../subgraphs/kit/seed/seedRequests.js';
import { policy } from '../../../../subgraphs/fr/policy.js';
import { BACKENDS, closeSharedPglite, openTestAuditLog } from '../audit/auditTestLog.js';
import type { TestAuditLog } from '../audit/auditTestLog.js';

afterAll(closeSharedPglite);

/** Every member's code, as `npm run seed` passes them. */
const MEMBERS = memberConfigs().map(({ code }) => code);
const NOW = new Date('2026-03-02T10:00:00.000Z');

describe.each(BACKENDS)(
  'claims seeded through the procedure on $backend',
  ({ databaseUrl, available }) => {
    let log: TestAuditLog | null = null;
    afterEach(async () => {
      await log?.dispose();
      log = null;
    });

    const seeded = async () => {
      log = await openTestAuditLog(databaseUrl);
      await seedRequests({ log, policy, members: MEMBERS, now: NOW });
      expect(await seedClaims({ log, policy, members: MEMBERS, now: NOW })).toBe(8);
      const { claims } = await log.claims.claims({}, 100);
      const desk = claimDesk({
        policy,
        log,
        assets: withRecognisedOrders(null, log.requests, {
          jurisdiction: 'FR',
          instrumentOf: (type) => type,
          backend: log.client.backend,
        }),
        requests: log.requests,
      });
      return { log, claims, desk, orderId: claims[0]!.form.orderId, asset: claims[0]!.form.asset };
    };

    it.skipIf(!available)(
      'holds claims in every state, over-subscribed, from two countries, with an allocation paid out and an open objection',
      async () => {
        const { log, claims, desk, orderId, asset } = await seeded();
        expect(new Set(claims.map((claim) => claim.state))).toEqual(new Set(CLAIM_STATES));
        expect(new Set(claims.map((claim) => claim.filingState))).toEqual(new Set(['FR', 'DE']));
        const state = await desk.allocationState(orderId, asset);
        expect(state.recorded).not.toBeNull();
        expect(state.recorded!.allocation.oversubscribed).toBe(true);
        // What was recorded is the canonical JSON whose hash the audit event carries.
        expect(createHash('sha256').update(state.recorded!.json).digest('hex')).toBe(
          state.recorded!.sha256,
        );
        expect(state.openObjections).toHaveLength(1);
        expect((await log.claims.dispositions()).map((item) => item.kind).sort()).toEqual([
          'RETURNED_TO_VICTIM',
          'SOLD',
        ]);
      },
    );

    it.skipIf(!available)(
      "takes the officer abroad from the first other member whose claims France's policy accepts",
      async () => {
        // The United States come first but are outside the EU France accepts claims from.
        const members = ['FR', 'US', 'DE'];
        log = await openTestAuditLog(databaseUrl);
        await seedRequests({ log, policy, members, now: NOW });
        expect(await seedClaims({ log, policy, members, now: NOW })).toBe(8);
        const { claims } = await log.claims.claims({}, 100);
        expect(new Set(claims.map((claim) => claim.filingState))).toEqual(new Set(['FR', 'DE']));
      },
    );

    it.skipIf(!available)(
      'an open objection suspends allocation until a judge decides it',
      async () => {
        const { log, desk, orderId, asset } = await seeded();
        const officer = {
          subject: 'alloc',
          roles: ['ASSET_RECOVERY_OFFICER' as const],
          country: 'FR',
          agency: 'AGRASC',
        };
        const judge = {
          subject: 'judge',
          roles: ['JUDGE' as const],
          country: 'FR',
          agency: 'Tribunal judiciaire de Paris',
        };
        const event = {
          occurredAt: NOW.toISOString(),
          jurisdiction: 'FR',
          actor: 'x',
          roles: [],
          agency: 'a',
          homeCountry: 'FR',
          purpose: null,
          caseRef: null,
          requestId: 'r',
          operationHash: '',
          entities: [],
          released: [],
          minimised: [],
          denied: [],
          decision: 'NONE' as const,
          emergency: false,
        };
        const refusal = await desk
          .allocate(orderId, asset, officer, NOW.toISOString(), event)
          .catch((error) => error);
        expect(refusal).toBeInstanceOf(ClaimRefusal);
        expect(refusal.reason).toBe('ALLOCATION_SUSPENDED');
        const [objection] = await log.claims.objections([orderId]);
        const wrongRole = await desk
          .decideObjection(objection!, 1, 'DISMISSED', 'no', officer, NOW.toISOString(), event)
          .catch((error) => error);
        expect(wrongRole.reason).toBe('ROLE_NOT_ALLOWED');
        const decided = await desk.decideObjection(
          objection!,
          1,
          'DISMISSED',
          'Acquired after notice of the freeze',
          judge,
          NOW.toISOString(),
          event,
        );
        expect(decided.state).toBe('DISMISSED');
        // Now nothing suspends it. A share is paid, so the recorded allocation is closed: the
        // claim verified since is divided by a later one, of what the closed one left.
        const closedId = (await desk.allocationState(orderId, asset)).recorded!.id;
        const later = await desk.allocate(orderId, asset, officer, NOW.toISOString(), event);
        expect(later.allocation.follows).toEqual([closedId]);
        const [late] = (await log.claims.claims({ orderIds: [orderId] }, 100)).claims.filter(
          (claim) => claim.allocationId === later.id,
        );
        expect(late).toMatchObject({ state: 'ALLOCATED' });
        await desk.actOnClaim(
          late!,
          late!.version,
          { action: 'PAY', actor: officer, now: NOW.toISOString() },
          event,
        );
        // Paid too, and no claim waits: both stand as recorded.
        const closed = await desk
          .allocate(orderId, asset, officer, NOW.toISOString(), event)
          .catch((error) => error);
        expect(closed.reason).toBe('ALLOCATION_CLOSED');
      },
    );

    it.skipIf(!available)(
      'keeps every write in a verifiable chain, with no claimant or holder identity in it',
      async () => {
        const { log, claims } = await seeded();
        expect((await log.verify()).ok).toBe(true);
        const events = (await log.list({ kind: 'CLAIM_EVENT' }, { first: 500, after: null }))
          .events;
        const history = (
          await Promise.all(claims.map((claim) => log.claims.history(claim.id)))
        ).flat();
        expect(new Set(history.map((step) => step.auditSeq)).size).toBeGreaterThan(0);
        for (const step of history)
          expect(events.some((event) => event.seq === step.auditSeq)).toBe(true);
        const text = JSON.stringify(events);
        for (const claim of claims) {
          expect(text).not.toContain(claim.form.claimant.name);
          expect(text).not.toContain(claim.form.claimant.idNumber!);
        }
        expect(text).not.toContain('Seeded Holder');
      },
    );

    it.skipIf(!available)(
      'of two decisions on one claim version exactly one is recorded',
      async () => {
        const { log, claims, desk } = await seeded();
        const filed = claims.find((claim) => claim.state === 'FILED')!;
        const officer = {
          subject: 'v',
          roles: ['ASSET_RECOVERY_OFFICER' as const],
          country: 'FR',
          agency: 'AGRASC',
        };
        const event = {
          occurredAt: NOW.toISOString(),
          jurisdiction: 'FR',
          actor: 'v',
          roles: [],
          agency: 'AGRASC',
          homeCountry: 'FR',
          purpose: null,
          caseRef: null,
          requestId: 'r',
          operationHash: '',
          entities: [],
          released: [],
          minimised: [],
          denied: [],
          decision: 'NONE' as const,
          emergency: false,
        };
        const act = () =>
          desk.actOnClaim(
            filed,
            filed.version,
            { action: 'START_VERIFICATION', actor: officer, now: NOW.toISOString() },
            event,
          );
        const results = await Promise.allSettled([act(), act()]);
        expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
        const lost = results.find(
          (result) => result.status === 'rejected',
        ) as PromiseRejectedResult;
        expect(lost.reason.code).toBe('VERSION_CONFLICT');
        expect(await log.claims.history(filed.id)).toHaveLength(2);
      },
    );
  },
);
