import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jurisdictionAuditKey } from '../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { openAuditLog } from '../../subgraphs/kit/audit/openAuditLog.js';
import { crossBorderWallets } from '../../subgraphs/kit/seed/crossBorderWallets.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { Asking, FederationFixture } from '../support/federationFixture.js';

// docs/architecture.md §11 through the real processes: a request filed through the gateway
// is stored, decided and executed by the executing member, every step audited there.
let fixture: FederationFixture;

const CASE = 'FR-PNF-2026-0042';
const FR_PROSECUTOR: Asking = {
  role: 'PROSECUTOR',
  country: 'FR',
  agency: 'Parquet national financier',
  purpose: 'FREEZE_EXECUTION',
  caseRef: CASE,
};
const FR_OTHER_AGENCY: Asking = { ...FR_PROSECUTOR, agency: 'Parquet de Lyon' };
const DE_CENTRAL: Asking = {
  role: 'CENTRAL_AUTHORITY',
  country: 'DE',
  agency: 'Bundesamt für Justiz',
  purpose: 'CRIMINAL_INVESTIGATION',
  // The executing side works under a file of its own.
  caseRef: 'DE-RH-2026-0107',
};
const DE_JUDGE: Asking = { ...DE_CENTRAL, role: 'JUDGE', agency: 'Amtsgericht Frankfurt' };
const DE_OFFICER: Asking = {
  ...DE_CENTRAL,
  role: 'ASSET_RECOVERY_OFFICER',
  agency: 'Bundeskriminalamt',
  purpose: 'FREEZE_EXECUTION',
};
const DE_AUDITOR: Asking = {
  role: 'AUDITOR',
  country: 'DE',
  purpose: 'OVERSIGHT_AUDIT',
  caseRef: null,
};

const FIELDS = /* GraphQL */ `
  id
  type
  status
  version
  dueAt
  dueFor
  overdue
  recognisedOrderId
  grantedCategories
  allowedActions
  history {
    version
    action
    from
    to
    role
    auditSeq
  }
`;

const FILE = /* GraphQL */ `
  mutation ($input: FileRequestInput!) {
    de {
      fileRequest(input: $input) {
        ${FIELDS}
      }
    }
  }
`;

const ACT = /* GraphQL */ `
  mutation ($id: ID!, $version: Int!, $action: RequestAction!, $details: RequestActionInput) {
    de {
      actOnRequest(id: $id, version: $version, action: $action, details: $details) {
        ${FIELDS}
      }
    }
  }
`;

interface RequestView {
  id: string;
  type: string;
  status: string;
  version: number;
  dueAt: string | null;
  dueFor: string | null;
  overdue: boolean;
  recognisedOrderId: string | null;
  grantedCategories: string[] | null;
  allowedActions: string[];
  history: {
    version: number;
    action: string;
    from: string | null;
    to: string;
    role: string;
    auditSeq: number;
  }[];
}

async function file(asking: Asking, input: Record<string, unknown>) {
  const { body } = await fixture.ask(asking, FILE, { input });
  return { request: body.data?.de?.fileRequest as RequestView | null, errors: body.errors ?? [] };
}

async function act(
  asking: Asking,
  request: { id: string; version: number },
  action: string,
  details?: Record<string, unknown>,
) {
  const { body } = await fixture.ask(asking, ACT, {
    id: request.id,
    version: request.version,
    action,
    details,
  });
  return { request: body.data?.de?.actOnRequest as RequestView | null, errors: body.errors ?? [] };
}

async function must(result: Promise<{ request: RequestView | null; errors: any[] }>) {
  const { request, errors } = await result;
  expect(errors).toEqual([]);
  return request!;
}

async function read(asking: Asking, id: string) {
  const { body } = await fixture.ask(
    asking,
    `query ($id: ID!) { de { request(id: $id) { ${FIELDS} } } }`,
    { id },
  );
  return body.data?.de?.request as RequestView | null;
}

const WALLET = crossBorderWallets()[3]!;

const freezing = (overrides: Record<string, unknown> = {}) => ({
  type: 'FREEZING',
  freezing: {
    issuingAuthority: 'Parquet national financier, Paris',
    validatingJudge: 'Juge des libertés et de la détention, TJ Paris',
    offence: 'Blanchiment aggravé',
    legalQualification: 'Code pénal art. 324-2',
    property: [{ wallet: WALLET, asset: 'BTC', amount: '1.25' }],
    urgent: true,
    urgencyReason: 'Funds are being moved through a mixer',
    ...overrides,
  },
});

beforeAll(async () => {
  // No restarts: the last test stops Germany to verify its store.
  fixture = await startFederationFixture({ portOffset: 16_000, maxRestarts: 0 });
}, 180_000);

afterAll(async () => {
  await fixture?.stop();
});

describe('a freezing request from France to Germany, filing to execution', () => {
  it('is filed, acknowledged, recognised and executed, and the wallet shows frozen in Germany', async () => {
    const filed = await must(file(FR_PROSECUTOR, freezing()));
    expect(filed).toMatchObject({
      type: 'FREEZING',
      status: 'SUBMITTED',
      version: 1,
      dueFor: 'ACKNOWLEDGE',
    });
    expect(filed.dueAt).not.toBeNull();

    // The issuer cannot decide its own request.
    const selfAck = await act(FR_PROSECUTOR, filed, 'ACKNOWLEDGE');
    expect(selfAck.errors[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ROLE_NOT_ALLOWED',
    });
    // Executing before recognition is not a transition of the machine.
    const early = await act(DE_OFFICER, filed, 'EXECUTE');
    expect(early.errors[0]?.extensions).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect((await read(DE_CENTRAL, filed.id))!.version).toBe(1);

    const acknowledged = await must(act(DE_CENTRAL, filed, 'ACKNOWLEDGE'));
    expect(acknowledged).toMatchObject({ status: 'ACKNOWLEDGED', version: 2, dueFor: 'DECIDE' });
    const recognised = await must(act(DE_JUDGE, acknowledged, 'RECOGNISE'));
    expect(recognised).toMatchObject({ status: 'UNDER_REVIEW', version: 3, dueFor: 'EXECUTE' });
    const executed = await must(act(DE_OFFICER, recognised, 'EXECUTE'));
    expect(executed).toMatchObject({
      status: 'EXECUTED',
      version: 4,
      recognisedOrderId: `rfo-${filed.id}`,
    });
    expect(executed.history.map((step) => [step.action, step.to])).toEqual([
      ['FILE', 'SUBMITTED'],
      ['ACKNOWLEDGE', 'ACKNOWLEDGED'],
      ['RECOGNISE', 'UNDER_REVIEW'],
      ['EXECUTE', 'EXECUTED'],
    ]);

    const { body } = await fixture.ask(
      { role: 'INVESTIGATOR', country: 'DE', purpose: 'FREEZE_EXECUTION', caseRef: 'DE-CHECK-1' },
      `query ($id: WalletId!) { wallet(id: $id) { de { freezingOrders { id status issuingState crossBorderRequestId holdings { asset amount } } } } }`,
      { id: WALLET },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.wallet.de.freezingOrders).toContainEqual({
      id: `rfo-${filed.id}`,
      status: 'ACTIVE',
      issuingState: 'FR',
      crossBorderRequestId: filed.id,
      holdings: [{ asset: 'BTC', amount: '1.25' }],
    });

    // Every transition is an event in Germany's audit chain, by the seq the history names.
    const audit = await fixture.ask(
      DE_AUDITOR,
      `{ de { auditEvents(first: 200) { nodes { seq kind actor detail { key value } } } } }`,
    );
    const events = audit.body.data.de.auditEvents.nodes as {
      seq: number;
      kind: string;
      detail: { key: string; value: string }[];
    }[];
    for (const step of executed.history) {
      const event = events.find((candidate) => candidate.seq === step.auditSeq);
      expect(event?.kind).toBe('REQUEST_TRANSITION');
      expect(event?.detail).toContainEqual({ key: 'crossBorderRequest', value: filed.id });
    }
  });
});

describe('who sees a request', () => {
  it('shows the issuing agency its own requests and nobody else’s', async () => {
    const filed = await must(file(FR_PROSECUTOR, freezing({ urgent: false, urgencyReason: null })));
    const outgoing = `{ de { requests(direction: OUTGOING, first: 100) { totalCount nodes { id } } } }`;
    const own = await fixture.ask(FR_PROSECUTOR, outgoing);
    expect(own.body.data.de.requests.nodes.map((node: { id: string }) => node.id)).toContain(
      filed.id,
    );
    const other = await fixture.ask(FR_OTHER_AGENCY, outgoing);
    expect(other.body.data.de.requests.nodes.map((node: { id: string }) => node.id)).not.toContain(
      filed.id,
    );
    expect(await read(FR_OTHER_AGENCY, filed.id)).toBeNull();
    // Another agency of the same country can neither see nor withdraw it.
    const withdrawn = await act(FR_OTHER_AGENCY, filed, 'WITHDRAW');
    expect(withdrawn.errors[0]?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect((await read(FR_PROSECUTOR, filed.id))!.status).toBe('SUBMITTED');
    // Germany takes 2018/1805 freezing orders from the Union only.
    const singapore = await file(
      { ...FR_PROSECUTOR, country: 'SG', agency: 'Attorney-General’s Chambers' },
      freezing(),
    );
    expect(singapore.request).toBeNull();
    expect(singapore.errors[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      jurisdiction: 'DE',
    });
    // Incoming lists are Germany's own staff's.
    const incoming = await fixture.ask(
      FR_PROSECUTOR,
      `{ de { requests(direction: INCOMING) { totalCount } } }`,
    );
    expect(incoming.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const german = await fixture.ask(
      DE_CENTRAL,
      `{ de { requests(direction: INCOMING, first: 100) { nodes { id } } } }`,
    );
    expect(german.body.data.de.requests.nodes.map((node: { id: string }) => node.id)).toContain(
      filed.id,
    );
  });
});

describe('forms and refusals', () => {
  it('names the field of a bad form and stores nothing', async () => {
    const before = await fixture.ask(
      FR_PROSECUTOR,
      `{ de { requests(direction: OUTGOING, first: 500) { totalCount } } }`,
    );
    const bad = await file(
      FR_PROSECUTOR,
      freezing({ property: [{ wallet: 'eth:0x123', asset: 'ETH', amount: '1' }] }),
    );
    expect(bad.errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      inputPath: 'input.freezing.property[0].wallet',
    });
    const mismatched = await file(FR_PROSECUTOR, {
      type: 'CONFISCATION',
      freezing: freezing().freezing,
    });
    expect(mismatched.errors[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = await fixture.ask(
      FR_PROSECUTOR,
      `{ de { requests(direction: OUTGOING, first: 500) { totalCount } } }`,
    );
    expect(after.body.data.de.requests.totalCount).toBe(before.body.data.de.requests.totalCount);
  });

  it('refuses with a ground from the catalogue, and nothing after', async () => {
    const filed = await must(file(FR_PROSECUTOR, freezing()));
    const unknown = await act(DE_JUDGE, filed, 'REFUSE', { ground: 'BECAUSE', reason: 'no' });
    expect(unknown.errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      inputPath: 'details.ground',
    });
    const refused = await must(
      act(DE_JUDGE, filed, 'REFUSE', {
        ground: 'NE_BIS_IN_IDEM',
        reason: 'Judged in Germany in 2025',
      }),
    );
    expect(refused.status).toBe('REFUSED');
    const again = await act(DE_OFFICER, refused, 'EXECUTE');
    expect(again.errors[0]?.extensions).toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      reason: 'FINAL_STATE',
    });
  });

  it('lets exactly one of two concurrent decisions win', async () => {
    const filed = await must(file(FR_PROSECUTOR, freezing()));
    const acknowledged = await must(act(DE_CENTRAL, filed, 'ACKNOWLEDGE'));
    const results = await Promise.all([
      act(DE_JUDGE, acknowledged, 'RECOGNISE'),
      act(DE_JUDGE, acknowledged, 'REFUSE', { ground: 'NE_BIS_IN_IDEM', reason: 'Judged already' }),
    ]);
    const winners = results.filter((result) => result.request !== null);
    expect(winners).toHaveLength(1);
    const loser = results.find((result) => result.request === null)!;
    expect(loser.errors[0]?.extensions?.code).toBe('VERSION_CONFLICT');
    const stored = await read(DE_CENTRAL, filed.id);
    expect(stored!.version).toBe(3);
    expect(stored!.history).toHaveLength(3);
  });
});

describe('disclosure and de-anonymisation release to the issuing case alone', () => {
  it('releases the granted categories and withholds the rest', async () => {
    const entries = await fixture.ask(
      {
        role: 'INVESTIGATOR',
        country: 'DE',
        purpose: 'CRIMINAL_INVESTIGATION',
        caseRef: 'DE-PICK-1',
      },
      `{ de { watchlistEntries(first: 1) { nodes { wallets { id } } } } }`,
    );
    const wallet = entries.body.data.de.watchlistEntries.nodes[0].wallets[0].id as string;
    const disclosure = { ...FR_PROSECUTOR, purpose: 'CRIMINAL_INVESTIGATION' };
    const filed = await must(
      file(disclosure, {
        type: 'DISCLOSURE',
        disclosure: {
          issuingAuthority: 'Parquet national financier, Paris',
          offence: 'Blanchiment aggravé',
          wallets: [wallet],
          categories: [
            { category: 'WATCHLIST_ENTRIES', justification: 'The wallet received the proceeds' },
            { category: 'FREEZING_ORDERS', justification: 'Whether it is frozen already' },
          ],
          emergency: false,
        },
      }),
    );
    const acknowledged = await must(act(DE_CENTRAL, filed, 'ACKNOWLEDGE'));
    const recognised = await must(
      act(DE_JUDGE, acknowledged, 'RECOGNISE', { grantedCategories: ['WATCHLIST_ENTRIES'] }),
    );
    // Germany's central authority produces the records (DE policy: executingRoles).
    const done = await must(act(DE_CENTRAL, recognised, 'EXECUTE'));
    expect(done.status).toBe('PARTIALLY_EXECUTED');

    const release = /* GraphQL */ `
      query ($id: ID!) {
        de {
          request(id: $id) {
            release {
              watchlistEntries {
                id
              }
              freezingOrders {
                id
              }
            }
          }
        }
      }
    `;
    const own = await fixture.ask(disclosure, release, { id: filed.id });
    expect(own.body.data.de.request.release.watchlistEntries.length).toBeGreaterThan(0);
    expect(own.body.data.de.request.release.freezingOrders).toBeNull();
    expect(own.body.errors).toContainEqual(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'FORBIDDEN', reason: 'NOT_GRANTED' }),
      }),
    );
    const otherCase = await fixture.ask({ ...disclosure, caseRef: 'FR-OTHER-1' }, release, {
      id: filed.id,
    });
    expect(otherCase.body.data.de.request.release).toBeNull();
    expect(otherCase.body.errors?.[0]?.extensions?.reason).toBe('NOT_ISSUING_CASE');
  });

  it('refuses a de-anonymisation below the threshold or without authorisation, and executes a valid one', async () => {
    const entries = await fixture.ask(
      {
        role: 'INVESTIGATOR',
        country: 'DE',
        purpose: 'CRIMINAL_INVESTIGATION',
        caseRef: 'DE-PICK-2',
      },
      `{ de { watchlistEntries(first: 2) { nodes { wallets { id } } } } }`,
    );
    const wallet = entries.body.data.de.watchlistEntries.nodes[1].wallets[0].id as string;
    const asking = { ...FR_PROSECUTOR, purpose: 'CRIMINAL_INVESTIGATION' };
    const form = (overrides: Record<string, unknown>) => ({
      type: 'DE_ANONYMISATION',
      deAnonymisation: {
        issuingAuthority: 'Juge d’instruction, TJ Paris',
        offence: 'Blanchiment en bande organisée',
        maxPenaltyYears: 10,
        judicialAuthorisation: 'Ordonnance JI-2026-118',
        wallet,
        categories: [
          {
            category: 'IDENTITY',
            necessity: 'The holder is the suspect',
            proportionality: 'Name only',
          },
          {
            category: 'BIRTH_DATE',
            necessity: 'Tell namesakes apart',
            proportionality: 'Date only',
          },
        ],
        lessIntrusiveMeans: 'Exchange records were checked first',
        retentionDays: 365,
        noticeDeferredUntil: '2027-12-31T00:00:00Z',
        ...overrides,
      },
    });
    const petty = await file(asking, form({ maxPenaltyYears: 1 }));
    expect(petty.errors[0]?.extensions).toMatchObject({
      code: 'REQUEST_NOT_ACCEPTED',
      reason: 'BELOW_THRESHOLD',
    });
    const unauthorised = await file(asking, form({ judicialAuthorisation: ' ' }));
    expect(unauthorised.errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      inputPath: 'input.deAnonymisation.judicialAuthorisation',
    });

    const filed = await must(file(asking, form({})));
    const acknowledged = await must(act(DE_CENTRAL, filed, 'ACKNOWLEDGE'));
    const recognised = await must(
      act(DE_JUDGE, acknowledged, 'RECOGNISE', { grantedCategories: ['IDENTITY'] }),
    );
    const wrongRole = await act(DE_OFFICER, recognised, 'EXECUTE');
    expect(wrongRole.errors[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ROLE_NOT_ALLOWED',
    });
    const executed = await must(act(DE_CENTRAL, recognised, 'EXECUTE'));
    expect(executed.status).toBe('PARTIALLY_EXECUTED');

    const { body } = await fixture.ask(
      asking,
      `query ($id: ID!) { de { request(id: $id) { authorisationReviewAt release { identity { name birthDate } } } } }`,
      { id: filed.id },
    );
    expect(body.data.de.request.authorisationReviewAt).not.toBeNull();
    expect(body.data.de.request.release.identity.name).toMatch(/\S/);
    expect(body.data.de.request.release.identity.name).not.toMatch(/^psn_/);
    expect(body.data.de.request.release.identity.birthDate).toBeNull();
    expect(body.errors).toContainEqual(
      expect.objectContaining({ extensions: expect.objectContaining({ reason: 'NOT_GRANTED' }) }),
    );
  });
});

describe('preservation and confiscation', () => {
  it('executes a preservation with its 60-day life and a confiscation into the registry', async () => {
    const asking = { ...FR_PROSECUTOR, purpose: 'CRIMINAL_INVESTIGATION' };
    const preservation = await must(
      file(asking, {
        type: 'PRESERVATION',
        preservation: {
          issuingAuthority: 'Parquet national financier, Paris',
          offence: 'Escroquerie en bande organisée',
          wallets: [WALLET],
          reason: 'Production order to follow',
        },
      }),
    );
    const steps = [
      [DE_CENTRAL, 'ACKNOWLEDGE'],
      [DE_JUDGE, 'RECOGNISE'],
    ] as const;
    let current = preservation;
    for (const [who, action] of steps) current = await must(act(who, current, action));
    const executed = await must(act(DE_CENTRAL, current, 'EXECUTE'));
    expect(executed.status).toBe('EXECUTED');
    const { body } = await fixture.ask(
      asking,
      `query ($id: ID!) { de { request(id: $id) { executedAt expiresAt } } }`,
      {
        id: preservation.id,
      },
    );
    const { executedAt, expiresAt } = body.data.de.request;
    expect(Date.parse(expiresAt) - Date.parse(executedAt)).toBe(60 * 24 * 3600 * 1000);

    const confiscation = await must(
      file(
        { ...FR_PROSECUTOR, role: 'JUDGE', purpose: 'CONFISCATION_EXECUTION' },
        {
          type: 'CONFISCATION',
          confiscation: {
            issuingAuthority: 'Tribunal correctionnel de Paris',
            offence: 'Blanchiment aggravé',
            legalQualification: 'Code pénal art. 324-2',
            decidedAt: '2026-06-01T00:00:00Z',
            finalAt: '2026-07-01T00:00:00Z',
            property: [{ wallet: WALLET, asset: 'BTC', amount: '1.25' }],
          },
        },
      ),
    );
    let step = await must(act(DE_CENTRAL, confiscation, 'ACKNOWLEDGE'));
    step = await must(act(DE_JUDGE, step, 'RECOGNISE'));
    step = await must(act(DE_OFFICER, step, 'EXECUTE'));
    expect(step).toMatchObject({ status: 'EXECUTED', recognisedOrderId: `rco-${confiscation.id}` });
  });
});

describe('statistics and the audit chain', () => {
  it('publishes requests by type, country and outcome with small cells suppressed', async () => {
    const { body } = await fixture.ask(
      { role: 'PUBLIC', country: 'FR', purpose: 'STATISTICS', caseRef: null },
      `{ de { transparency { crossBorderRequests { month type fromCountry toCountry outcome ground count decided timelyShare } } } }`,
    );
    expect(body.errors).toBeUndefined();
    const cells = body.data.de.transparency.crossBorderRequests as {
      type: string;
      fromCountry: string;
      toCountry: string;
      outcome: string;
      count: string;
      decided: string;
      timelyShare: number | null;
    }[];
    // This file's own French requests are among them, each cell of them under five.
    const french = cells.filter((cell) => cell.fromCountry === 'FR' && cell.toCountry === 'DE');
    expect(french.map((cell) => cell.type)).toEqual(
      expect.arrayContaining(['FREEZING', 'DISCLOSURE']),
    );
    for (const cell of cells) {
      expect(cell.count).toMatch(/^(<5|[5-9]|[1-9][0-9]+)$/);
      if (cell.decided === '<5') expect(cell.timelyShare).toBeNull();
    }
  });

  it('has recorded every transition in Germany’s chain, which verifies', async () => {
    const { body } = await fixture.ask(
      DE_CENTRAL,
      `{ de { requests(direction: INCOMING, first: 500) { nodes { id history { auditSeq } } } } }`,
    );
    const seqs = (body.data.de.requests.nodes as { history: { auditSeq: number }[] }[]).flatMap(
      (node) => node.history.map((step) => step.auditSeq),
    );
    expect(new Set(seqs).size).toBe(seqs.length);

    // Stop Germany and open its store the way `npm run audit:verify` does.
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
      const events = await log.list({ kind: 'REQUEST_TRANSITION' }, { first: 1000, after: null });
      expect(events.totalCount).toBe(seqs.length);
    } finally {
      await log.close();
    }
  });
});
