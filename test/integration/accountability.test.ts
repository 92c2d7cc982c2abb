import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContextSigner } from '../../gateway/auth/createContextSigner.js';
import { jurisdictionAuditKey } from '../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { openAuditLog } from '../../subgraphs/kit/audit/openAuditLog.js';
import { CONTEXT_HEADER, subgraphAudience } from '../../core/auth/createContextVerifier.js';
import { memberConfigs } from '../../core/federationConfig.js';
import { crossBorderWallets } from '../../subgraphs/kit/seed/crossBorderWallets.js';
import { startFederationFixture } from '../support/federationFixture.js';
import { POSTGRES_URL, postgresAvailable } from '../support/services.js';
import type { Asking, FederationFixture } from '../support/federationFixture.js';

// docs/architecture.md §6 through the real processes: every request that touches data leaves an audit
// event before its answer; auditors read metadata; EMERGENCY releases open judicial reviews;
// the public transparency report suppresses small counts.
let fixture: FederationFixture;

const AUDITOR: Asking = {
  role: 'AUDITOR',
  purpose: 'OVERSIGHT_AUDIT',
  caseRef: null,
  country: 'DE',
};
const JUDGE: Asking = { role: 'JUDGE', purpose: 'OVERSIGHT_AUDIT', caseRef: null, country: 'DE' };
const PUBLIC: Asking = { role: 'PUBLIC', purpose: 'STATISTICS', caseRef: null };
const WATCHLIST_QUERY = /* GraphQL */ `
  query ($id: WalletId!) {
    wallet(id: $id) {
      de {
        watchlistEntries {
          id
          subject {
            ... on Person {
              name
              idNumber
            }
          }
        }
      }
    }
  }
`;

beforeAll(async () => {
  fixture = await startFederationFixture({ portOffset: 27_000 });
}, 180_000);

afterAll(async () => {
  await fixture?.stop();
});

async function auditEvents(filter: Record<string, unknown>, first = 100) {
  const { body } = await fixture.ask(
    AUDITOR,
    /* GraphQL */ `
      query ($filter: AuditEventFilter, $first: Int!) {
        de {
          auditEvents(filter: $filter, first: $first) {
            totalCount
            nextCursor
            nodes {
              seq
              kind
              actor
              roles
              purpose
              caseRef
              requestId
              operationHash
              entities
              released
              minimised {
                field
                strategy
              }
              denied {
                field
                reason
              }
              decision
              emergency
              detail {
                key
                value
              }
              prevHash
              hash
            }
          }
        }
      }
    `,
    { filter, first },
  );
  expect(body.errors).toBeUndefined();
  return body.data.de.auditEvents;
}

describe('accountability, end to end', () => {
  it('records who asked what, field names and pseudonymised ids only', async () => {
    const investigator: Asking = { role: 'INVESTIGATOR', caseRef: 'DE-AUDIT-1', country: 'DE' };
    const { body } = await fixture.ask(investigator, WATCHLIST_QUERY, {
      id: crossBorderWallets()[0],
    });
    expect(body.errors).toBeUndefined();
    const names = body.data.wallet.de.watchlistEntries
      .map((entry: { subject: { name?: string } | null }) => entry.subject?.name)
      .filter(Boolean) as string[];
    expect(names.length).toBeGreaterThan(0);

    const page = await auditEvents({ caseRef: 'DE-AUDIT-1' });
    expect(page.totalCount).toBe(1);
    const [event] = page.nodes;
    expect(event.kind).toBe('ACCESS');
    expect(event.actor).toBe('investigator@test');
    expect(event.roles).toEqual(['INVESTIGATOR']);
    expect(event.purpose).toBe('CRIMINAL_INVESTIGATION');
    expect(event.operationHash).toMatch(/^[0-9a-f]{64}$/);
    expect(event.released).toContain('WalletRecords.watchlistEntries');
    expect(event.released).toContain('Person.name');
    // German investigators do not get identity numbers outside EMERGENCY: recorded as such.
    expect(event.minimised).toContainEqual({ field: 'Person.idNumber', strategy: 'REDACT' });
    expect(event.entities.length).toBeGreaterThan(0);
    for (const entity of event.entities) expect(entity).toMatch(/^psn_/);
    // Names, never values: nothing the answer carried appears in the event.
    const serialized = JSON.stringify(event);
    for (const name of names) expect(serialized).not.toContain(name);
    expect(serialized).not.toContain(crossBorderWallets()[0]);
  });

  it('lets auditors filter by actor, decision and time, page by page, and nobody else', async () => {
    const analyst: Asking = {
      role: 'ANALYST',
      purpose: 'AML_INTELLIGENCE',
      caseRef: 'DE-AUDIT-2',
      country: 'FR',
    };
    await fixture.ask(analyst, '{ de { freezingOrders(first: 1) { nodes { id } } } }');
    const denied = await auditEvents({ actor: 'analyst@test', decision: 'DENIED' });
    expect(denied.totalCount).toBe(1);
    expect(denied.nodes[0].denied).toContainEqual({
      field: 'Jurisdiction.freezingOrders',
      reason: 'ROLE_NOT_ALLOWED',
    });
    const future = await auditEvents({ from: '2999-01-01T00:00:00Z' });
    expect(future.totalCount).toBe(0);
    const firstPage = await auditEvents({}, 1);
    expect(firstPage.nodes).toHaveLength(1);
    expect(firstPage.nextCursor).not.toBeNull();

    const { body } = await fixture.ask(
      { role: 'INVESTIGATOR', caseRef: 'X-1' },
      '{ de { auditEvents(first: 5) { totalCount } } }',
    );
    expect(body.data.de.auditEvents).toBeNull();
    expect(body.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', jurisdiction: 'DE' });

    // A French auditor has no authority over the German log.
    const { body: foreign } = await fixture.ask(
      { ...AUDITOR, country: 'FR' },
      '{ de { auditEvents(first: 5) { totalCount nodes { seq actor } } } }',
    );
    expect(foreign.data.de.auditEvents).toBeNull();
    expect(foreign.errors![0]!.extensions).toMatchObject({
      code: 'FORBIDDEN',
      jurisdiction: 'DE',
      reason: 'FOREIGN_OVERSIGHT',
    });
  });

  it('turns an EMERGENCY release into a review a judge confirms once, and audits the decision', async () => {
    const emergency: Asking = {
      role: 'INVESTIGATOR',
      purpose: 'EMERGENCY',
      caseRef: 'DE-EMERG-7',
      country: 'DE',
    };
    const { body } = await fixture.ask(emergency, WATCHLIST_QUERY, { id: crossBorderWallets()[1] });
    expect(body.errors).toBeUndefined();

    const list = async (queue: string) =>
      (
        await fixture.ask(
          JUDGE,
          /* GraphQL */ `
            query ($queue: ReviewQueue!) {
              de {
                emergencyReviews(queue: $queue) {
                  totalCount
                  nodes {
                    id
                    status
                    overdue
                    caseRef
                    fields
                    eventSeq
                    deadline
                    createdAt
                  }
                }
              }
            }
          `,
          { queue },
        )
      ).body.data.de.emergencyReviews;
    const pending = await list('PENDING');
    const review = pending.nodes.find((node: { caseRef: string }) => node.caseRef === 'DE-EMERG-7');
    expect(review).toBeDefined();
    expect(review.status).toBe('PENDING');
    expect(review.overdue).toBe(false);
    expect(review.fields).toContain('Person.idNumber');
    expect(Date.parse(review.deadline) - Date.parse(review.createdAt)).toBe(48 * 3600 * 1000);

    const decide = (decision: string, judge: Asking = JUDGE) =>
      fixture.ask(
        judge,
        /* GraphQL */ `
          mutation ($id: ID!, $decision: ReviewDecision!) {
            de {
              decideEmergencyReview(id: $id, decision: $decision, note: "urgent threat confirmed") {
                id
                status
                decidedBy
              }
            }
          }
        `,
        { id: review.id, decision },
      );
    // Oversight is national: a French judge cannot decide a German review, which stays pending.
    const foreign = await decide('REJECTED', { ...JUDGE, country: 'FR' });
    expect(foreign.body.data?.de?.decideEmergencyReview ?? null).toBeNull();
    expect(foreign.body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      jurisdiction: 'DE',
      reason: 'FOREIGN_OVERSIGHT',
    });
    expect(
      (await list('PENDING')).nodes.some((node: { id: string }) => node.id === review.id),
    ).toBe(true);

    const confirmed = await decide('CONFIRMED');
    expect(confirmed.body.errors).toBeUndefined();
    expect(confirmed.body.data.de.decideEmergencyReview).toMatchObject({
      status: 'CONFIRMED',
      decidedBy: 'judge@test',
    });
    const again = await decide('REJECTED');
    expect(again.body.data?.de?.decideEmergencyReview ?? null).toBeNull();
    expect(JSON.stringify(again.body.errors)).toMatch(/already|decided/i);

    const decisions = await auditEvents({ actor: 'judge@test' });
    const reviewEvent = decisions.nodes.find(
      (node: { kind: string }) => node.kind === 'REVIEW_DECISION',
    );
    expect(reviewEvent).toBeDefined();
    // What the judge decided on which review is on record; the judge's note is not.
    expect(reviewEvent.detail).toEqual(
      expect.arrayContaining([
        { key: 'decision', value: 'CONFIRMED' },
        { key: 'reviewId', value: review.id },
      ]),
    );
    expect(JSON.stringify(reviewEvent)).not.toContain('urgent threat confirmed');
    expect((await list('DECIDED')).nodes.map((node: { id: string }) => node.id)).toContain(
      review.id,
    );

    // Not a judge: no reviews.
    const { body: refused } = await fixture.ask(
      { role: 'INVESTIGATOR', caseRef: 'X' },
      '{ de { emergencyReviews { totalCount } } }',
    );
    expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('publishes transparency statistics to the public with every cell below 5 shown as <5', async () => {
    const members = memberConfigs();
    const report =
      'transparency { jurisdiction requests { month purpose role decision emergency count } ' +
      'recoveries { month kind asset orders amount } overdueEmergencyReviews }';
    const { body } = await fixture.ask(
      PUBLIC,
      `{ ${members.map(({ code }) => `${code.toLowerCase()} { ${report} }`).join(' ')} }`,
    );
    expect(body.errors).toBeUndefined();
    const reportOf = (code: string) => body.data[code.toLowerCase()].transparency;
    const cells: string[] = members.flatMap(({ code }) => [
      ...reportOf(code).requests.map((row: { count: string }) => row.count),
      ...reportOf(code)
        .recoveries.map((row: { orders: string }) => row.orders)
        .filter(Boolean),
    ]);
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      expect(cell === '<5' || Number(cell) >= 5).toBe(true);
    }
    expect(body.data.de.transparency.requests.length).toBeGreaterThan(0);
    // Recovery totals come from the asset registries: a member that keeps none reports none.
    const frRecoveries = body.data.fr.transparency.recoveries;
    expect(frRecoveries.some((row: { kind: string }) => row.kind === 'FREEZING')).toBe(true);
    for (const { code, registries } of members) {
      const recoveries = reportOf(code).recoveries;
      if (!registries.some(({ kind }) => kind === 'ASSET_REGISTRY')) {
        expect(recoveries, code).toEqual([]);
        continue;
      }
      for (const row of recoveries) {
        if (row.orders === '<5') expect(row.amount).toBeNull();
        else expect(row.amount).toMatch(/^\d+(\.\d+)?$/);
      }
    }
    // PUBLIC sees aggregates only.
    const { body: records } = await fixture.ask(PUBLIC, '{ fr { freezingOrders { totalCount } } }');
    expect(records.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    // The statistics just computed are reused for a minute, but only behind the policy: a
    // caller the policy refuses (no statistics purpose) gets none of them.
    const { body: refused } = await fixture.ask(
      { ...PUBLIC, purpose: 'CRIMINAL_INVESTIGATION' },
      '{ fr { transparency { requests { count } overdueEmergencyReviews } } }',
    );
    expect(refused.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
    expect(refused.data?.fr?.transparency ?? null).toBeNull();
  });

  it('keeps a gap-free chain under 50 concurrent requests', async () => {
    const analyst: Asking = {
      role: 'ANALYST',
      purpose: 'AML_INTELLIGENCE',
      caseRef: 'DE-CONC',
      country: 'FR',
    };
    const wallets = crossBorderWallets().slice(0, 50);
    const answers = await Promise.all(
      wallets.map((id) =>
        fixture.ask(analyst, 'query ($id: WalletId!) { wallet(id: $id) { de { hit } } }', { id }),
      ),
    );
    for (const answer of answers) expect(answer.body.data.wallet.de.hit).toBe(true);
    const page = await auditEvents({ caseRef: 'DE-CONC' });
    expect(page.totalCount).toBe(50);
    const all = await auditEvents({}, 500);
    const seqs = all.nodes
      .map((node: { seq: number }) => node.seq)
      .sort((a: number, b: number) => a - b);
    expect(seqs).toEqual(seqs.map((_: number, index: number) => index + 1));
    const bySeq = new Map(all.nodes.map((node: { seq: number; hash: string }) => [node.seq, node]));
    for (const node of all.nodes as { seq: number; prevHash: string }[]) {
      if (node.seq > 1)
        expect(node.prevHash).toBe((bySeq.get(node.seq - 1) as { hash: string }).hash);
    }
  });
});

describe('durability: the audit event is written before the response leaves', () => {
  let killed: FederationFixture;

  beforeAll(async () => {
    // Every subgraph waits 4 s between the durable audit write and its response, and is not
    // restarted when killed, so the test can kill it in between.
    killed = await startFederationFixture({
      portOffset: 28_000,
      env: { COMITY_FAULT_DELAY_AFTER_AUDIT_MS: '4000' },
      maxRestarts: 0,
    });
  }, 180_000);

  afterAll(async () => {
    await killed?.stop();
  });

  it('a subgraph killed (SIGKILL) after the write leaves the event and sends no response', async () => {
    const signer = createContextSigner({
      privateJwk: killed.keys.context.current.privateJwk,
      kid: killed.keys.context.current.kid,
    });
    const token = await signer.sign(
      {
        sub: 'durability@test',
        roles: ['INVESTIGATOR'],
        country: 'DE',
        agency: 'Test agency',
        purpose: 'CRIMINAL_INVESTIGATION',
        caseRef: 'DE-KILL-1',
        requestId: 'durability-request-1',
        operationHash: 'f'.repeat(64),
      },
      subgraphAudience('de'),
    );
    const pending = fetch(`${killed.federation.baseUrls.de}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CONTEXT_HEADER]: token },
      body: JSON.stringify({ query: '{ de { watchlistEntries(first: 3) { nodes { id } } } }' }),
    }).then(
      (response) => ({ answered: true as const, status: response.status }),
      () => ({ answered: false as const }),
    );
    // The write happens within milliseconds of the request; the response waits 4 s.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const child = killed.federation.processes.de!.child!;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    expect(await pending).toEqual({ answered: false });

    // The process is gone: open its audit store the way `npm run audit:verify` does.
    const log = await openAuditLog({
      databaseUrl: null,
      pgliteDataDir: path.join(killed.dataRoot, 'de', 'audit-pglite'),
      schema: 'audit_de',
      jurisdiction: 'DE',
      signingKey: await jurisdictionAuditKey('de', path.join(killed.dataRoot, 'keys')),
      checkpointIntervalMs: 0,
    });
    try {
      const page = await log.list({ caseRef: 'DE-KILL-1' }, { first: 10, after: null });
      expect(page.events.map((event) => event.requestId)).toEqual(['durability-request-1']);
      expect((await log.verify()).ok).toBe(true);
    } finally {
      await log.close();
    }
  });
});

describe('draining: SIGTERM lets requests in flight finish', () => {
  let draining: FederationFixture;

  beforeAll(async () => {
    draining = await startFederationFixture({
      portOffset: 24_000,
      env: { COMITY_FAULT_DELAY_AFTER_AUDIT_MS: '2500' },
      maxRestarts: 0,
    });
  }, 180_000);

  afterAll(async () => {
    await draining?.stop();
  });

  it('a subgraph and then the gateway answer what they already accepted, then exit', async () => {
    const asking: Asking = { role: 'INVESTIGATOR', caseRef: 'SG-DRAIN', country: 'SG' };
    const query = '{ sg { watchlistEntries(first: 2) { nodes { id } } } }';
    // A subgraph stopped while a request waits in it.
    const first = draining.ask(asking, query);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const sg = draining.federation.processes.sg!.child!;
    const sgExit = new Promise<number | null>((resolve) => sg.once('exit', resolve));
    sg.kill('SIGTERM');
    const answered = await first;
    expect(answered.status).toBe(200);
    expect(answered.body.data.sg.watchlistEntries.nodes).toHaveLength(2);
    expect(await sgExit).toBe(0);

    // The gateway stopped while a request waits on a (slow) subgraph.
    const second = draining.ask(asking, '{ de { watchlistEntries(first: 2) { nodes { id } } } }');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const gateway = draining.federation.processes.gateway!.child!;
    const gatewayExit = new Promise<number | null>((resolve) => gateway.once('exit', resolve));
    gateway.kill('SIGTERM');
    const drained = await second;
    expect(drained.status).toBe(200);
    expect(drained.body.data.de.watchlistEntries.nodes).toHaveLength(2);
    expect(await gatewayExit).toBe(0);
  });
});

const postgres = await postgresAvailable();

describe.skipIf(!postgres)('an audit store that fails releases nothing', () => {
  let broken: FederationFixture;
  const schemas = ['audit_fr', 'audit_de', 'audit_sg'];
  const dropSchemas = async () => {
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    try {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await dropSchemas();
    broken = await startFederationFixture({
      portOffset: 25_000,
      env: { AUDIT_DATABASE_URL: POSTGRES_URL },
    });
  }, 180_000);

  afterAll(async () => {
    await broken?.stop();
    await dropSchemas();
  });

  it('holds the response until its audit event is durable', async () => {
    const asking: Asking = { role: 'INVESTIGATOR', caseRef: 'DE-HELD-1', country: 'DE' };
    const query = '{ de { watchlistEntries(first: 2) { nodes { id } } } }';
    // A first request: DE answers, and one event of this case is on record.
    expect((await broken.ask(asking, query)).body.data.de.watchlistEntries.nodes).toHaveLength(2);
    const count = async (client: pg.Client) =>
      Number(
        (
          await client.query<{ n: string }>(
            `SELECT count(*) AS n FROM audit_de.events WHERE case_ref = 'DE-HELD-1'`,
          )
        ).rows[0]!.n,
      );
    // A transaction of the test's holds the chain head: DE's append waits for it.
    const holder = new pg.Client({ connectionString: POSTGRES_URL });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT seq FROM audit_de.chain_head WHERE id FOR UPDATE');
      let settled = false;
      const held = broken.ask(asking, query).finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // Apollo has long built the response; none of it has left.
      expect(settled).toBe(false);
      expect(await count(holder)).toBe(1);
      await holder.query('COMMIT');
      const answered = await held;
      expect(answered.body.data.de.watchlistEntries.nodes).toHaveLength(2);
      expect(await count(holder)).toBe(2);
    } finally {
      await holder.end();
    }
  });

  it('answers AUDIT_UNAVAILABLE with no data when the audit log cannot be written', async () => {
    const asking: Asking = { role: 'INVESTIGATOR', caseRef: 'DE-AUDIT-DOWN', country: 'DE' };
    const query = '{ de { watchlistEntries(first: 2) { nodes { id subject { name } } } } }';
    const before = await broken.ask(asking, query);
    expect(before.body.data.de.watchlistEntries.nodes).toHaveLength(2);

    // Take the German audit store away under the running subgraph.
    const client = new pg.Client({ connectionString: POSTGRES_URL });
    await client.connect();
    await client.query('DROP SCHEMA audit_de CASCADE');
    await client.end();

    const after = await broken.ask(asking, query);
    expect(after.body.data?.de ?? null).toBeNull();
    const error = after.body.errors!.find(
      (entry) => entry.extensions?.code === 'AUDIT_UNAVAILABLE',
    );
    expect(error?.extensions?.jurisdiction).toBe('DE');
    const names = before.body.data.de.watchlistEntries.nodes
      .map((node: { subject: { name: string } | null }) => node.subject?.name)
      .filter(Boolean) as string[];
    for (const name of names) expect(JSON.stringify(after.body)).not.toContain(name);
    // France, whose store is intact, still answers.
    const fr = await broken.ask(asking, '{ fr { watchlistEntries(first: 1) { nodes { id } } } }');
    expect(fr.body.data.fr.watchlistEntries.nodes).toHaveLength(1);
  });
});
