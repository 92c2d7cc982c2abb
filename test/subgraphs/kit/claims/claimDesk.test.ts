import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { memberConfigs } from '../../../../core/federationConfig.js';
import { policy } from '../../../../subgraphs/fr/policy.js';
import { claimDesk } from '../../../../subgraphs/kit/claims/claimDesk.js';
import type { ClaimEvent } from '../../../../subgraphs/kit/claims/claimDesk.js';
import type { ClaimActor } from '../../../../subgraphs/kit/claims/VictimClaim.js';
import { withRecognisedOrders } from '../../../../subgraphs/kit/requests/withRecognisedOrders.js';
import { seedClaims } from '../../../../subgraphs/kit/seed/seedClaims.js';
import { seedRequests } from '../../../../subgraphs/kit/seed/seedRequests.js';
import { BACKENDS, closeSharedPglite, openTestAuditLog } from '../audit/auditTestLog.js';
import type { TestAuditLog } from '../audit/auditTestLog.js';

afterAll(closeSharedPglite);

// An innocent holder's objection decided by France's judge, on France's seeded confiscation
// (claims over-subscribed, one paid, one objection open): what an upheld objection records.
/** Every member's code, as `npm run seed` passes them. */
const MEMBERS = memberConfigs().map(({ code }) => code);
const NOW = new Date('2026-03-02T10:00:00.000Z');
const AT = '2026-03-03T09:00:00.000Z';
const JUDGE: ClaimActor = {
  subject: 'judge',
  roles: ['JUDGE'],
  country: 'FR',
  agency: 'Tribunal judiciaire de Paris',
};
const OFFICER: ClaimActor = {
  subject: 'officer',
  roles: ['ASSET_RECOVERY_OFFICER'],
  country: 'FR',
  agency: 'AGRASC',
};
const event = (actor: ClaimActor): ClaimEvent => ({
  occurredAt: AT,
  jurisdiction: 'FR',
  actor: actor.subject,
  roles: [...actor.roles],
  agency: actor.agency,
  homeCountry: actor.country,
  purpose: 'CONFISCATION_EXECUTION',
  caseRef: 'FR-TJ-2026-0001',
  requestId: 'r',
  operationHash: '',
  entities: [],
  released: [],
  minimised: [],
  denied: [],
  decision: 'NONE',
  emergency: false,
});

describe.each(BACKENDS)('deciding an objection on $backend', ({ databaseUrl, available }) => {
  let log: TestAuditLog | null = null;
  afterEach(async () => {
    await log?.dispose();
    log = null;
  });

  const seeded = async () => {
    log = await openTestAuditLog(databaseUrl);
    await seedRequests({ log, policy, members: MEMBERS, now: NOW });
    await seedClaims({ log, policy, members: MEMBERS, now: NOW });
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
    const { claims } = await log.claims.claims({}, 1);
    const [objection] = await log.claims.objections([claims[0]!.form.orderId]);
    return { log, desk, objection: objection! };
  };

  it.skipIf(!available)(
    "upheld: the holder's amount is recorded as RETURNED_TO_HOLDER by the same audit event as the decision",
    async () => {
      const { log, desk, objection } = await seeded();
      const before = await log.claims.dispositions();
      const decided = await desk.decideObjection(
        objection,
        objection.version,
        'UPHELD',
        'Bought on a regulated exchange before the freeze, for value',
        JUDGE,
        AT,
        event(JUDGE),
      );
      expect(decided).toMatchObject({ state: 'UPHELD', version: objection.version + 1 });

      const added = (await log.claims.dispositions()).filter(
        (item) => !before.some((old) => old.id === item.id),
      );
      expect(added).toHaveLength(1);
      const returned = added[0]!;
      expect(returned).toMatchObject({
        kind: 'RETURNED_TO_HOLDER',
        orderId: objection.orderId,
        asset: objection.asset,
        amountUnits: objection.amountUnits,
        claimId: null,
        at: AT,
        recordedBy: 'judge',
      });
      const events = (await log.list({ kind: 'CLAIM_EVENT' }, { first: 500, after: null })).events;
      const decision = events.find((item) => item.seq === returned.auditSeq);
      expect(decision?.detail).toMatchObject({
        action: 'DECIDE_OBJECTION',
        objection: objection.id,
        to: 'UPHELD',
        disposition: returned.id,
        amountUnits: objection.amountUnits,
      });
      // The holder's amount leaves the division; the chain still verifies, holder unnamed.
      const state = await desk.allocationState(objection.orderId, objection.asset);
      expect(state.heldByHoldersUnits).toBe(BigInt(objection.amountUnits));
      expect(state.openObjections).toHaveLength(0);
      expect((await log.verify()).ok).toBe(true);
      expect(JSON.stringify(events)).not.toContain(objection.holder.name);
    },
  );

  it.skipIf(!available)('dismissed: nothing goes back, no disposition', async () => {
    const { log, desk, objection } = await seeded();
    const before = await log.claims.dispositions();
    await desk.decideObjection(
      objection,
      objection.version,
      'DISMISSED',
      'Acquired after notice of the freeze',
      JUDGE,
      AT,
      event(JUDGE),
    );
    expect(await log.claims.dispositions()).toEqual(before);
  });

  it.skipIf(!available)(
    'of two judges upholding one version, one decision and one return are recorded',
    async () => {
      const { log, desk, objection } = await seeded();
      const before = await log.claims.dispositions();
      const uphold = () =>
        desk.decideObjection(
          objection,
          objection.version,
          'UPHELD',
          'Good faith shown',
          JUDGE,
          AT,
          event(JUDGE),
        );
      const results = await Promise.allSettled([uphold(), uphold()]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason.code).toBe('VERSION_CONFLICT');
      const returns = (await log.claims.dispositions()).filter(
        (item) => item.kind === 'RETURNED_TO_HOLDER',
      );
      expect(returns).toHaveLength(1);
      expect((await log.claims.dispositions()).length).toBe(before.length + 1);
    },
  );

  it.skipIf(!available)(
    'a claim verified after a payment shares, by a later allocation, what the closed one left',
    async () => {
      const { log, desk, objection } = await seeded();
      const { orderId, asset } = objection;
      await desk.decideObjection(
        objection,
        objection.version,
        'DISMISSED',
        'Acquired after notice of the freeze',
        JUDGE,
        AT,
        event(JUDGE),
      );
      const read = async () => (await log.claims.claims({ orderIds: [orderId] }, 100)).claims;
      const claims = await read();
      const paid = claims.find((claim) => claim.state === 'PAID')!;
      const late = claims.find((claim) => claim.state === 'VERIFIED')!;
      const [unpaid, withdrawn] = claims
        .filter((claim) => claim.state === 'ALLOCATED')
        .sort((a, b) => (BigInt(b.form.amountUnits) > BigInt(a.form.amountUnits) ? 1 : -1));
      const closedId = paid.allocationId!;

      // Seeded France divided everything among the first three: the late claim waits for nothing.
      let state = await desk.allocationState(orderId, asset);
      expect(state).toMatchObject({ closed: true, awaiting: 1, standing: false });
      expect(state.current.allocatableUnits).toBe('0');

      // The filing agency withdraws an unpaid share of the closed allocation: it is free again.
      const filer: ClaimActor = {
        subject: 'filer',
        roles: [withdrawn!.filingRole],
        country: withdrawn!.filingState,
        agency: withdrawn!.filingAgency,
      };
      await desk.actOnClaim(
        withdrawn!,
        withdrawn!.version,
        { action: 'WITHDRAW', actor: filer, now: AT },
        event(filer),
      );
      const recorded = await desk.allocate(orderId, asset, OFFICER, AT, event(OFFICER));
      const recovered = BigInt(recorded.allocation.recoveredUnits);
      const closedShares = BigInt(paid.allocatedUnits!) + BigInt(unpaid!.allocatedUnits!);
      expect(recorded.allocation).toMatchObject({
        follows: [closedId],
        closedSharesUnits: closedShares.toString(),
        disposedUnits: '0',
        allocatableUnits: (recovered - closedShares).toString(),
      });
      expect(recorded.allocation.lines.map((line) => line.claimId)).toEqual([late.id, null]);
      expect(recorded.allocation.lines[0]!.allocatedUnits).toBe(late.form.amountUnits);

      // Recomputed, it gives the same bytes: it stands, and a rerun records the same hash.
      state = await desk.allocationState(orderId, asset);
      expect(state.standing).toBe(true);
      const rerun = await desk.allocate(orderId, asset, OFFICER, AT, event(OFFICER));
      expect(rerun.json).toBe(recorded.json);
      expect(rerun.sha256).toBe(recorded.sha256);

      const payer = { action: 'PAY' as const, actor: OFFICER, now: AT };
      const lateNow = (await log.claims.claim(late.id))!;
      expect(lateNow).toMatchObject({ state: 'ALLOCATED', allocationId: rerun.id });
      const paidLate = await desk.actOnClaim(lateNow, lateNow.version, payer, event(OFFICER));
      expect(paidLate).toMatchObject({ state: 'PAID', allocatedUnits: late.form.amountUnits });
      // The closed allocation's unpaid share is still paid as it recorded it.
      const unpaidNow = (await log.claims.claim(unpaid!.id))!;
      const paidUnpaid = await desk.actOnClaim(unpaidNow, unpaidNow.version, payer, event(OFFICER));
      expect(paidUnpaid).toMatchObject({
        state: 'PAID',
        allocationId: closedId,
        allocatedUnits: unpaid!.allocatedUnits,
      });
      const returned = (await log.claims.dispositions()).filter(
        (item) => item.kind === 'RETURNED_TO_VICTIM',
      );
      expect(returned.map((item) => [item.claimId, item.amountUnits]).sort()).toEqual(
        [
          [paid.id, paid.allocatedUnits],
          [late.id, late.form.amountUnits],
          [unpaid!.id, unpaid!.allocatedUnits],
        ].sort(),
      );
      // Nothing waits any more: both allocations stand as recorded.
      const refusal = await desk
        .allocate(orderId, asset, OFFICER, AT, event(OFFICER))
        .catch((error: unknown) => error);
      expect(refusal).toMatchObject({ code: 'ILLEGAL_TRANSITION', reason: 'ALLOCATION_CLOSED' });
      expect((await log.verify()).ok).toBe(true);
    },
  );

  it.skipIf(!available)(
    'a return to a holder is not typed in: recordDisposition refuses it',
    async () => {
      const { log, desk, objection } = await seeded();
      const before = await log.claims.dispositions();
      const refusal = await desk
        .recordDisposition(
          {
            kind: 'RETURNED_TO_HOLDER',
            orderId: objection.orderId,
            asset: objection.asset,
            amountUnits: '1',
          },
          OFFICER,
          AT,
          event(OFFICER),
        )
        .catch((error: unknown) => error);
      expect(refusal).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_FIELD',
        field: 'input.kind',
      });
      expect(await log.claims.dispositions()).toEqual(before);
    },
  );
});
