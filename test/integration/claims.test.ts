import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jurisdictionAuditKey } from '../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { openAuditLog } from '../../subgraphs/kit/audit/openAuditLog.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { Asking, FederationFixture } from '../support/federationFixture.js';

// docs/claims.md through the real processes: a French officer files a victim's claim with
// Germany, which holds the confiscated assets; Germany verifies it, refuses to allocate while
// an innocent holder's objection is open, and records every step in its own chain.
let fixture: FederationFixture;

const FR_OFFICER: Asking = {
  role: 'ASSET_RECOVERY_OFFICER',
  country: 'FR',
  agency: 'AGRASC',
  purpose: 'VICTIM_RESTITUTION',
  caseRef: 'FR-VICT-2026-0001',
};
const DE_PROSECUTOR: Asking = {
  role: 'PROSECUTOR',
  country: 'DE',
  agency: 'Staatsanwaltschaft Frankfurt',
  purpose: 'VICTIM_RESTITUTION',
  caseRef: 'DE-VOLL-2026-0001',
};
const SG_INVESTIGATOR: Asking = {
  ...FR_OFFICER,
  role: 'INVESTIGATOR',
  country: 'SG',
  agency: 'SPF',
};
const PUBLIC: Asking = { role: 'PUBLIC', country: 'FR', purpose: 'STATISTICS', caseRef: null };
const CLAIMANT = 'Amélie Testvictim';

const FIELDS =
  'id state version claimant amountUnits allowedActions history { action to auditSeq }';
const FILE = /* GraphQL */ `
  mutation ($input: FileClaimInput!) { de { fileClaim(input: $input) { ${FIELDS} } } }
`;
const ACT = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!, $action: ClaimAction!, $details: ClaimActionInput) {
    de { actOnClaim(id: $id, version: $version, action: $action, details: $details) { ${FIELDS} } }
  }
`;

let orderId = '';
let asset = '';

beforeAll(async () => {
  fixture = await startFederationFixture({ portOffset: 9_000, scale: 300, maxRestarts: 0 });
  const { body } = await fixture.ask(
    DE_PROSECUTOR,
    '{ de { claims(first: 50) { nodes { orderId asset } } } }',
  );
  const first = body.data.de.claims.nodes[0];
  orderId = first.orderId;
  asset = first.asset;
}, 180_000);

afterAll(async () => {
  await fixture?.stop();
});

const input = () => ({
  orderId,
  asset,
  amountUnits: '1000',
  lossAt: '2025-06-01T12:00:00Z',
  evidence: [{ transactionHash: 'B'.repeat(64) }],
  claimant: { name: CLAIMANT, birthDate: '1970-04-02', idNumber: 'FR-ID-99887766', country: 'FR' },
});

describe('a victim claim from France on an asset Germany holds', () => {
  it('is filed, verified by Germany, and never shows the claimant in clear', async () => {
    const filed = await fixture.ask(FR_OFFICER, FILE, { input: input() });
    expect(filed.body.errors).toBeUndefined();
    const claim = filed.body.data.de.fileClaim;
    expect(claim).toMatchObject({ state: 'FILED', version: 1, allowedActions: ['WITHDRAW'] });
    expect(claim.claimant).toMatch(/^psn_[a-z2-7]{26}$/);
    expect(JSON.stringify(filed.body)).not.toContain('Testvictim');

    const foreign = await fixture.ask(FR_OFFICER, ACT, {
      id: claim.id,
      version: 1,
      action: 'START_VERIFICATION',
    });
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ROLE_NOT_ALLOWED',
    });

    const started = await fixture.ask(DE_PROSECUTOR, ACT, {
      id: claim.id,
      version: 1,
      action: 'START_VERIFICATION',
    });
    expect(started.body.data.de.actOnClaim.state).toBe('UNDER_VERIFICATION');
    const stale = await fixture.ask(DE_PROSECUTOR, ACT, {
      id: claim.id,
      version: 1,
      action: 'VERIFY',
      details: { reason: 'r' },
    });
    expect(stale.body.errors?.[0]?.extensions?.code).toBe('VERSION_CONFLICT');
    const noReason = await fixture.ask(DE_PROSECUTOR, ACT, {
      id: claim.id,
      version: 2,
      action: 'VERIFY',
    });
    expect(noReason.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'MISSING_FIELD',
    });
    const verified = await fixture.ask(DE_PROSECUTOR, ACT, {
      id: claim.id,
      version: 2,
      action: 'VERIFY',
      details: { reason: 'Transfer traced to the confiscated wallet; identity checked' },
    });
    expect(verified.body.data.de.actOnClaim).toMatchObject({ state: 'VERIFIED', version: 3 });
    expect(
      verified.body.data.de.actOnClaim.history.map((step: { action: string }) => step.action),
    ).toEqual(['FILE', 'START_VERIFICATION', 'VERIFY']);
  });

  it('refuses a bad form, naming the field, and stores nothing', async () => {
    const { body } = await fixture.ask(FR_OFFICER, FILE, {
      input: { ...input(), evidence: [{ transactionHash: 'xyz' }] },
    });
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      inputPath: 'input.evidence[0].transactionHash',
    });
  });

  it('is not accepted by Singapore, which holds no assets, nor from outside the Union', async () => {
    const sg = await fixture.ask(FR_OFFICER, FILE.replace('de {', 'sg {').replace('de {', 'sg {'), {
      input: input(),
    });
    expect(sg.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const fromSg = await fixture.ask(SG_INVESTIGATOR, FILE, { input: input() });
    expect(fromSg.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('shows every claim on the asset with its conflicts, and suspends allocation while an objection is open', async () => {
    const { body } = await fixture.ask(
      DE_PROSECUTOR,
      `query ($orderId: ID!) { de { claimsOnOrder(orderId: $orderId) {
          asset availableUnits victimsClaimedUnits stateClaimUnits openObjections allocationSuspended allocationStands
          conflicts { kind claimIds } claims { claimant filingState state }
          recordedAllocation { sha256 oversubscribed lines { claimId allocatedUnits explanation } } } } }`,
      { orderId },
    );
    expect(body.errors).toBeUndefined();
    const view = body.data.de.claimsOnOrder.find(
      (entry: { asset: string }) => entry.asset === asset,
    );
    expect(view.allocationSuspended).toBe(true);
    expect(view.conflicts.map((conflict: { kind: string }) => conflict.kind)).toEqual(
      expect.arrayContaining(['OVER_SUBSCRIBED', 'SAME_LOSS']),
    );
    expect(new Set(view.claims.map((claim: { filingState: string }) => claim.filingState))).toEqual(
      new Set(['DE', 'FR']),
    );
    expect(view.recordedAllocation.oversubscribed).toBe(true);
    for (const claim of view.claims) expect(claim.claimant).toMatch(/^psn_/);
    const refused = await fixture.ask(
      DE_PROSECUTOR,
      'mutation ($orderId: ID!, $asset: String!) { de { allocateRecovery(orderId: $orderId, asset: $asset) { sha256 } } }',
      { orderId, asset },
    );
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      reason: 'ALLOCATION_SUSPENDED',
    });
  });

  it('divides, by a later allocation, what a paid allocation left among claims verified since', async () => {
    const VIEW = `query ($orderId: ID!) { de { claimsOnOrder(orderId: $orderId) {
        asset allocationStands
        claims { id state version filingState amountUnits allocationId allocatedUnits }
        proposedAllocation { sha256 follows allocatableUnits lines { claimId allocatedUnits explanation } }
        recordedAllocation { id sha256 follows closedSharesUnits disposedUnits lines { claimId allocatedUnits } } } } }`;
    const view = async () =>
      (await fixture.ask(DE_PROSECUTOR, VIEW, { orderId })).body.data.de.claimsOnOrder.find(
        (entry: { asset: string }) => entry.asset === asset,
      );
    type Claim = {
      id: string;
      state: string;
      version: number;
      filingState: string;
      amountUnits: string;
      allocationId: string | null;
      allocatedUnits: string | null;
    };
    const JUDGE: Asking = { ...DE_PROSECUTOR, role: 'JUDGE', agency: 'Landgericht Frankfurt' };
    const objections = await fixture.ask(
      JUDGE,
      'query ($orderId: ID!) { de { objections(orderId: $orderId) { id version state asset } } }',
      { orderId },
    );
    const open = objections.body.data.de.objections.find(
      (objection: { state: string; asset: string }) =>
        objection.state === 'OPEN' && objection.asset === asset,
    );
    const dismissed = await fixture.ask(
      JUDGE,
      'mutation ($id: ID!, $version: Int!) { de { decideObjection(id: $id, version: $version, decision: DISMISSED, reason: "Acquired after notice of the freeze") { state } } }',
      { id: open.id, version: open.version },
    );
    expect(dismissed.body.data.de.decideObjection.state).toBe('DISMISSED');

    // A share of the seeded allocation is paid: it is closed, and the claims verified since
    // (the seed's and this file's) wait for a later allocation.
    let before = await view();
    const claims: Claim[] = before.claims;
    const paid = claims.find((claim) => claim.state === 'PAID')!;
    const late = claims.filter((claim) => claim.state === 'VERIFIED');
    expect(late.length).toBe(2);
    expect(before.allocationStands).toBe(false);
    expect(before.proposedAllocation.follows).toEqual([paid.allocationId]);

    // France's victims' office withdraws an unpaid share of the closed allocation, freeing it.
    const withdrawn = claims
      .filter((claim) => claim.state === 'ALLOCATED' && claim.filingState === 'FR')
      .sort((a, b) => (BigInt(a.amountUnits) < BigInt(b.amountUnits) ? -1 : 1))[0]!;
    const filer: Asking = { ...FR_OFFICER, agency: "FR victims' office" };
    const out = await fixture.ask(filer, ACT, {
      id: withdrawn.id,
      version: withdrawn.version,
      action: 'WITHDRAW',
    });
    expect(out.body.data.de.actOnClaim.state).toBe('WITHDRAWN');

    const ALLOCATE =
      'mutation ($orderId: ID!, $asset: String!) { de { allocateRecovery(orderId: $orderId, asset: $asset) { id sha256 follows allocatableUnits lines { claimId allocatedUnits explanation } } } }';
    const allocated = await fixture.ask(DE_PROSECUTOR, ALLOCATE, { orderId, asset });
    expect(allocated.body.errors).toBeUndefined();
    const later = allocated.body.data.de.allocateRecovery;
    expect(later.follows).toEqual([paid.allocationId]);
    expect(later.lines.map((line: { claimId: string | null }) => line.claimId)).toEqual([
      ...late.map((claim) => claim.id).sort(),
      null,
    ]);
    // The freed share covers both late claims: each in full, the rest the state's.
    for (const claim of late) {
      const line = later.lines.find((entry: { claimId: string }) => entry.claimId === claim.id);
      expect(line.allocatedUnits).toBe(claim.amountUnits);
    }
    expect(later.lines.at(-1).explanation).toContain(`shares of closed ${paid.allocationId} `);

    // Recomputed through the gateway it is the same bytes: it stands.
    before = await view();
    expect(before.allocationStands).toBe(true);
    expect(before.recordedAllocation).toMatchObject({ id: later.id, sha256: later.sha256 });
    expect(before.proposedAllocation.sha256).toBe(later.sha256);

    const mine = before.claims.find(
      (claim: Claim) => claim.amountUnits === '1000' && claim.filingState === 'FR',
    );
    expect(mine).toMatchObject({ state: 'ALLOCATED', allocationId: later.id });
    const pay = await fixture.ask(DE_PROSECUTOR, ACT, {
      id: mine.id,
      version: mine.version,
      action: 'PAY',
    });
    expect(pay.body.errors).toBeUndefined();
    expect(pay.body.data.de.actOnClaim.state).toBe('PAID');
  });

  it('publishes restitution figures with small cells suppressed', async () => {
    const { body } = await fixture.ask(
      PUBLIC,
      '{ de { transparency { restitution { timeToPayment { payments medianDays } dispositions { kind count amount } } } } }',
    );
    expect(body.errors).toBeUndefined();
    const restitution = body.data.de.transparency.restitution;
    expect(restitution.timeToPayment).toEqual({ payments: '<5', medianDays: null });
    expect(restitution.dispositions.length).toBeGreaterThan(0);
    for (const cell of restitution.dispositions)
      expect(cell).toMatchObject({ count: '<5', amount: null });
  });

  it("records every step in Germany's chain, which verifies, with no claimant identity in it", async () => {
    const child = fixture.federation.processes.de!.child!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    const log = await openAuditLog({
      databaseUrl: null,
      pgliteDataDir: path.join(fixture.dataRoot, 'de', 'audit-pglite'),
      schema: 'audit_de',
      jurisdiction: 'DE',
      signingKey: await jurisdictionAuditKey('de', path.join(fixture.dataRoot, 'keys')),
      checkpointIntervalMs: 0,
    });
    try {
      expect((await log.verify()).ok).toBe(true);
      const events = await log.list({ kind: 'CLAIM_EVENT' }, { first: 1000, after: null });
      expect(events.totalCount).toBeGreaterThan(10);
      const text = JSON.stringify(events.events);
      expect(text).not.toContain('Testvictim');
      expect(text).not.toContain('FR-ID-99887766');
      expect(text).not.toContain('Seeded Victim');
    } finally {
      await log.close();
    }
  });
});
