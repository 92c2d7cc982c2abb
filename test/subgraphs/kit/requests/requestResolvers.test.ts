import { loadMemberPolicy } from '../../../../subgraphs/membership.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContextClaims } from '../../../../core/auth/ContextClaims.js';
import type { Role } from '../../../../core/policy/policySpec.js';
import { derivePseudonymKey } from '../../../../core/policy/pseudonym.js';
import type { WatchlistEntryRecord } from '../../../../core/records.js';
import { generateAuditSigningKey } from '../../../../subgraphs/kit/audit/jurisdictionAuditKey.js';
import { openAuditLog } from '../../../../subgraphs/kit/audit/openAuditLog.js';
import type { AuditLog } from '../../../../subgraphs/kit/audit/openAuditLog.js';
import { createRegistryLoaders } from '../../../../subgraphs/kit/createRegistryLoaders.js';
import { ReleaseLedger } from '../../../../subgraphs/kit/policy/ReleaseLedger.js';
import type {
  JurisdictionRegistries,
  WatchlistRegistry,
} from '../../../../subgraphs/kit/registry/types.js';
import type { CrossBorderRequest } from '../../../../subgraphs/kit/requests/CrossBorderRequest.js';
import { requestResolvers } from '../../../../subgraphs/kit/requests/requestResolvers.js';
import type { SubgraphContext } from '../../../../subgraphs/kit/SubgraphContext.js';

// The resolvers under the member's clock: deadlines fall due, a de-anonymisation's authorisation
// lapses unless a judge reviews it, and its release ends with it. Germany's real policy, an
// in-memory store, and a clock the test moves.

const WALLET = 'eip155:1:0x3260caCc9faEE9939805F85c757E66999B79b3d3';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let clock = new Date('2026-06-01T08:00:00.000Z');
let log: AuditLog;
let resolvers: ReturnType<typeof requestResolvers>;

const subject: WatchlistEntryRecord = {
  id: 'de-sanction-1',
  provenance: {
    jurisdiction: 'DE',
    registry: 'test',
    sourceRecordId: '1',
    lastUpdated: '2026-01-01',
    handlingCode: 'H0',
    sourceReliability: 'A',
    informationAccuracy: 1,
  },
  authority: 'Council',
  program: 'TEST',
  provisions: [],
  reason: 'test',
  listingDate: '2026-01-01',
  startDate: null,
  endDate: null,
  sourceUrl: null,
  subject: {
    kind: 'Person',
    id: 'p-1',
    name: 'Viktor Petrov',
    firstName: 'Viktor',
    lastName: 'Petrov',
    birthDate: '1979-04-12',
    nationality: 'RU',
    idNumber: 'X1234567',
  },
  walletIds: [WALLET],
};
const watchlist = {
  kind: 'WATCHLIST',
  name: 'test',
  backend: 'memory',
  close: async () => {},
  entriesByIds: async (ids: readonly string[]) =>
    ids.map((id) => (id === subject.id ? subject : null)),
  entriesByWallets: async (wallets: readonly string[]) =>
    wallets.map((wallet) => (wallet === WALLET ? [subject] : [])),
  listEntries: async () => ({ records: [subject], totalCount: 1, nextCursor: null }),
} as unknown as WatchlistRegistry;
const registries: JurisdictionRegistries = { assets: null, watchlist, disclosures: null };

interface Caller {
  role: Role;
  country: string;
  agency: string;
  caseRef: string;
}
const FR: Caller = { role: 'PROSECUTOR', country: 'FR', agency: 'PNF', caseRef: 'FR-PNF-1' };
const DE_CA: Caller = {
  role: 'CENTRAL_AUTHORITY',
  country: 'DE',
  agency: 'BfJ',
  caseRef: 'DE-RH-1',
};
const DE_JUDGE: Caller = { ...DE_CA, role: 'JUDGE', agency: 'AG Frankfurt' };

function context(caller: Caller): SubgraphContext {
  return {
    jurisdiction: 'DE',
    claims: { operationHash: 'test' } as unknown as ContextClaims,
    requestId: `test-${Math.random()}`,
    caller: {
      subject: `${caller.role.toLowerCase()}@${caller.country}`,
      roles: [caller.role],
      homeCountry: caller.country,
      agency: caller.agency,
      purpose: 'CRIMINAL_INVESTIGATION',
      caseRef: caller.caseRef,
    },
    pseudonymKey: null,
    releases: new ReleaseLedger(),
    accessDecisions: new Map(),
    loaders: createRegistryLoaders(registries),
    audit: { kind: 'ACCESS', detail: {} },
  };
}

const DE_ANONYMISATION = {
  type: 'DE_ANONYMISATION',
  deAnonymisation: {
    issuingAuthority: 'Juge d’instruction, Paris',
    offence: 'Blanchiment en bande organisée',
    maxPenaltyYears: 10,
    judicialAuthorisation: 'JI-2026-118',
    wallet: WALLET,
    categories: [
      { category: 'IDENTITY', necessity: 'Suspect', proportionality: 'Name only' },
      { category: 'BIRTH_DATE', necessity: 'Namesakes', proportionality: 'Date only' },
    ],
    lessIntrusiveMeans: 'Open sources checked',
    retentionDays: 365,
    noticeDeferredUntil: '2027-12-31T00:00:00Z',
  },
};

const file = (caller: Caller, input: unknown) =>
  resolvers.JurisdictionMutations.fileRequest(null, { input }, context(caller));
const act = (
  caller: Caller,
  request: { id: string; version: number },
  action: string,
  details: Record<string, unknown> = {},
) =>
  resolvers.JurisdictionMutations.actOnRequest(
    null,
    { id: request.id, version: request.version, action: action as never, details },
    context(caller),
  );
const read = (caller: Caller, id: string) =>
  resolvers.Jurisdiction.request(
    null,
    { id },
    context(caller),
  ) as Promise<CrossBorderRequest | null>;

async function executedDeAnonymisation(): Promise<CrossBorderRequest> {
  let request = await file(FR, DE_ANONYMISATION);
  request = await act(DE_CA, request, 'ACKNOWLEDGE');
  request = await act(DE_JUDGE, request, 'RECOGNISE', { grantedCategories: ['IDENTITY'] });
  return act(DE_CA, request, 'EXECUTE');
}

beforeAll(async () => {
  log = await openAuditLog({
    databaseUrl: null,
    pgliteDataDir: null,
    schema: 'audit_de',
    jurisdiction: 'DE',
    signingKey: await generateAuditSigningKey('de'),
    checkpointIntervalMs: 0,
  });
  resolvers = requestResolvers({
    code: 'DE',
    log,
    policy: await loadMemberPolicy('de'),
    registries,
    onRecognisedOrdersChanged: async () => {},
    caseKey: (caseRef) => derivePseudonymKey(new Uint8Array(32).fill(1), caseRef),
    now: () => clock,
  });
});

afterAll(async () => {
  await log.close();
});

describe('a de-anonymisation under the member’s clock', () => {
  it('releases the identity until its authorisation lapses unreviewed, then expires it', async () => {
    clock = new Date('2026-06-01T08:00:00.000Z');
    const executed = await executedDeAnonymisation();
    expect(executed.state).toBe('PARTIALLY_EXECUTED');
    expect(executed.releasedSubject?.name).toBe('Viktor Petrov');
    const reviewAt = Date.parse(executed.authorisationReviewAt!);
    expect(reviewAt - clock.getTime()).toBe(30 * DAY);

    const release = resolvers.CrossBorderRequest.release(executed, null, context(FR));
    expect(release).not.toBeNull();

    clock = new Date(reviewAt + HOUR);
    const lapsed = await read(FR, executed.id);
    expect(lapsed!.state).toBe('EXPIRED');
    expect(() => resolvers.CrossBorderRequest.release(lapsed!, null, context(FR))).toThrow(
      /not executed|authorisation has ended/,
    );
    const history = await log.requests.history(executed.id);
    expect(history.at(-1)).toMatchObject({ action: 'EXPIRE', actor: 'system', role: 'SYSTEM' });
    expect((await log.verify()).ok).toBe(true);
  });

  it('stays in force when a judge reviews it in time, and the judge can revoke it', async () => {
    clock = new Date('2026-07-01T08:00:00.000Z');
    const executed = await executedDeAnonymisation();
    clock = new Date(clock.getTime() + 20 * DAY);
    const newDate = new Date(clock.getTime() + 25 * DAY).toISOString();
    const reviewed = await act(DE_JUDGE, executed, 'REVIEW_AUTHORISATION', {
      reviewAt: newDate,
      reason: 'Investigation ongoing; identity still needed',
    });
    expect(reviewed.authorisationReviewAt).toBe(newDate);
    // Past the first review date, within the new one: still in force.
    clock = new Date(Date.parse(executed.authorisationReviewAt!) + DAY);
    expect((await read(FR, executed.id))!.state).toBe('PARTIALLY_EXECUTED');
    // The issuer may not revoke a judge's authorisation; the executing member's judge may.
    await expect(act(FR, reviewed, 'REVOKE')).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' },
    });
    const revoked = await act(DE_JUDGE, reviewed, 'REVOKE');
    expect(revoked.state).toBe('REVOKED');
  });
});

describe('deadlines under the member’s clock', () => {
  const urgentFreezing = {
    type: 'FREEZING',
    freezing: {
      issuingAuthority: 'PNF',
      validatingJudge: null,
      offence: 'Blanchiment',
      legalQualification: 'Code pénal art. 324-1',
      property: [{ wallet: WALLET, asset: 'ETH', amount: '1' }],
      urgent: true,
      urgencyReason: 'Funds moving',
    },
  };

  it('falls overdue when the decision is late, and stops running while postponed', async () => {
    clock = new Date('2026-09-01T08:00:00.000Z');
    let request = await file(FR, urgentFreezing);
    request = await act(DE_CA, request, 'ACKNOWLEDGE');
    const overdue = () => resolvers.CrossBorderRequest.overdue(request);
    const dueFor = () => resolvers.CrossBorderRequest.dueFor(request);
    expect(await dueFor()).toBe('DECIDE');
    clock = new Date(Date.parse(request.receivedAt) + 47 * HOUR);
    expect(await overdue()).toBe(false);
    clock = new Date(Date.parse(request.receivedAt) + 49 * HOUR);
    expect(await overdue()).toBe(true);
    const { grounds } = (await loadMemberPolicy('de')).requests;
    request = await act(DE_JUDGE, request, 'POSTPONE', {
      ground: Object.keys(grounds).find((code) => grounds[code]!.use !== 'REFUSAL'),
      reason: 'Domestic investigation of the same wallet',
      postponedUntil: new Date(clock.getTime() + 30 * DAY).toISOString(),
    });
    expect(request.state).toBe('POSTPONED');
    expect(await overdue()).toBe(false);
    expect(await resolvers.CrossBorderRequest.dueAt(request)).toBeNull();
  });
});
