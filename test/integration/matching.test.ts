import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MATCHING_MEMBERS,
  matchingIdentities,
  matchingPartiesOf,
} from '../../subgraphs/kit/seed/matchingParties.js';
import { startFederationFixture } from '../support/federationFixture.js';
import type { Asking, FederationFixture } from '../support/federationFixture.js';

let fixture: FederationFixture;

beforeAll(async () => {
  fixture = await startFederationFixture({ portOffset: 13_000, maxRestarts: 0 });
}, 180_000);

afterAll(async () => {
  await fixture?.stop();
});

const CASE = { purpose: 'CRIMINAL_INVESTIGATION', caseRef: 'FR-2026-MATCH-1', country: 'FR' };
const ANALYST: Asking = { role: 'ANALYST', ...CASE };
const INVESTIGATOR: Asking = { role: 'INVESTIGATOR', ...CASE };

// An identity every member's seed holds (the overlap set's members), spelled its own way.
const identity = matchingIdentities().find(
  (candidate) =>
    candidate.reference.kind === 'Person' &&
    MATCHING_MEMBERS.every((member) =>
      matchingPartiesOf(member).some((party) => party.identity === candidate.identity),
    ),
)!;
const reference = identity.reference as { name: string; birthDate: string; nationality: string };
const QUERY = {
  schema: 'PERSON',
  names: [reference.name],
  birthDate: reference.birthDate,
  nationality: reference.nationality,
};

const PARTY_MATCHES = /* GraphQL */ `
  query ($query: PartyMatchQuery!) {
    partyMatches(query: $query) {
      fr {
        hit
        candidates {
          jurisdiction
          scoreBand
          pseudonym
          requestTypes
          score
          features {
            name
            value
            contribution
          }
          recordId
        }
      }
      de {
        hit
        candidates {
          jurisdiction
          scoreBand
          pseudonym
          requestTypes
          score
          recordId
        }
      }
      sg {
        hit
        candidates {
          jurisdiction
          scoreBand
          pseudonym
          score
          recordId
        }
      }
    }
  }
`;

describe('partyMatches through the gateway', () => {
  it('finds one person in every member, each spelling its own way', async () => {
    const { body } = await fixture.ask(INVESTIGATOR, PARTY_MATCHES, { query: QUERY });
    for (const member of ['fr', 'de'] as const) {
      const result = body.data.partyMatches[member];
      expect(result.hit).toBe(true);
      const own = matchingPartiesOf(member).find((party) => party.identity === identity.identity)!;
      expect(result.candidates[0].recordId).toMatch(/-M\d{6}$|-m\d{6}$/);
      expect(result.candidates[0].score).toBeGreaterThanOrEqual(0.8);
      expect(own).toBeDefined();
    }
    const features = body.data.partyMatches.fr.candidates[0].features;
    const total = features.reduce(
      (sum: number, f: { contribution: number }) => sum + f.contribution,
      0,
    );
    expect(Math.min(1, total)).toBeCloseTo(body.data.partyMatches.fr.candidates[0].score, 2);
    expect(features.map((f: { name: string }) => f.name)).toContain('name_similarity');
    // The pseudonym is the case's, never the value; the request types are France's for France.
    expect(body.data.partyMatches.fr.candidates[0].pseudonym).toMatch(/^psn_/);
    expect(body.data.partyMatches.fr.candidates[0].requestTypes).toContain('DE_ANONYMISATION');
  });

  it('gives an analyst hit, band and pseudonym, and withholds the score', async () => {
    const { body } = await fixture.ask(ANALYST, PARTY_MATCHES, { query: QUERY });
    const fr = body.data.partyMatches.fr;
    expect(fr.hit).toBe(true);
    expect(fr.candidates[0].scoreBand).toMatch(/HIGH|MEDIUM/);
    expect(fr.candidates[0].pseudonym).toMatch(/^psn_/);
    expect(fr.candidates[0].score).toBeNull();
    expect(fr.candidates[0].recordId).toBeNull();
    const denied = (body.errors ?? []).filter(
      (error) => error.path?.join('.') === 'partyMatches.fr.candidates.0.score',
    );
    expect(denied[0]!.extensions).toMatchObject({ code: 'FORBIDDEN', jurisdiction: 'FR' });
  });

  it('withholds the pseudonym without a case reference', async () => {
    const { body } = await fixture.ask(
      { role: 'ANALYST', purpose: 'AML_INTELLIGENCE', caseRef: null, country: 'FR' },
      /* GraphQL */ `
        query ($query: PartyMatchQuery!) {
          partyMatches(query: $query) {
            fr {
              hit
              candidates {
                pseudonym
              }
            }
          }
        }
      `,
      { query: QUERY },
    );
    expect(body.data.partyMatches.fr.hit).toBe(true);
    expect(body.data.partyMatches.fr.candidates[0].pseudonym).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'CASE_REF_REQUIRED',
    });
  });

  it('refuses a bad query naming the input path, before any member is asked', async () => {
    const { body } = await fixture.ask(INVESTIGATOR, PARTY_MATCHES, {
      query: { schema: 'COMPANY', names: ['Atlas'], lei: '5299000J2N45DDNE4Y29' },
    });
    expect(body.data.partyMatches).toBeNull();
    expect(body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'BAD_LEI',
      inputPath: 'query.lei',
    });
  });

  it('audits the query in every member as a keyed hash, never in clear', async () => {
    const caseRef = `FR-2026-MATCH-AUDIT-${Date.now()}`;
    await fixture.ask({ ...INVESTIGATOR, caseRef }, PARTY_MATCHES, { query: QUERY });
    const { body } = await fixture.ask(
      { role: 'AUDITOR', purpose: 'OVERSIGHT_AUDIT', country: 'DE' },
      /* GraphQL */ `
        query ($caseRef: String) {
          de {
            auditEvents(filter: { caseRef: $caseRef }, first: 5) {
              nodes {
                detail {
                  key
                  value
                }
              }
            }
          }
        }
      `,
      { caseRef },
    );
    const detail = body.data.de.auditEvents.nodes[0].detail as { key: string; value: string }[];
    const hashes = detail.find((entry) => entry.key === 'matchQueryHashes')!.value;
    expect(hashes).toMatch(/^psn_/);
    expect(JSON.stringify(body)).not.toContain(reference.name.split(' ').at(-1)!);
  });
});

describe('batch screening through the gateway', () => {
  it('screens wallets and party queries in one request, bad items reported one by one', async () => {
    const seeded = matchingPartiesOf('FR')[0]!;
    const { body } = await fixture.ask(
      INVESTIGATOR,
      /* GraphQL */ `
        query ($ids: [String!]!, $queries: [PartyMatchQuery!]!) {
          screenWallets(ids: $ids) {
            input
            error {
              reason
              inputPath
            }
            wallet {
              id
              fr {
                hit
              }
            }
          }
          screenParties(queries: $queries) {
            index
            error {
              reason
              inputPath
            }
            search {
              fr {
                hit
              }
            }
          }
        }
      `,
      {
        ids: [seeded.walletId, 'eth:0xnot-an-address', seeded.walletId],
        queries: [QUERY, { schema: 'PERSON', names: ['A B'], nationality: 'XX' }],
      },
    );
    expect(body.data.screenWallets[0].wallet.fr.hit).toBe(true);
    expect(body.data.screenWallets[1]).toMatchObject({
      wallet: null,
      error: { inputPath: 'ids[1]' },
    });
    expect(body.data.screenWallets[2].wallet.fr.hit).toBe(true);
    expect(body.data.screenParties[0].search.fr.hit).toBe(true);
    expect(body.data.screenParties[1]).toMatchObject({
      search: null,
      error: { reason: 'BAD_COUNTRY', inputPath: 'queries[1].nationality' },
    });
  });
});

describe('from a hit to a request', () => {
  // A French prosecutor on a case finds the person in Germany, names Germany's pseudonym in
  // a DE_ANONYMISATION, and Germany, executing it, finds its own party behind the pseudonym.
  const caseRef = `FR-2026-MATCH-DEANON-${Date.now()}`;
  const FR_PROSECUTOR: Asking = {
    role: 'PROSECUTOR',
    country: 'FR',
    agency: 'Parquet national financier',
    purpose: 'CRIMINAL_INVESTIGATION',
    caseRef,
  };
  // Germany decides under a file of its own.
  const DE_CENTRAL: Asking = {
    role: 'CENTRAL_AUTHORITY',
    country: 'DE',
    agency: 'Bundesamt für Justiz',
    purpose: 'CRIMINAL_INVESTIGATION',
    caseRef: 'DE-RH-2026-0311',
  };
  const DE_JUDGE: Asking = { ...DE_CENTRAL, role: 'JUDGE', agency: 'Amtsgericht Frankfurt' };
  const ACT = /* GraphQL */ `
    mutation ($id: ID!, $version: Int!, $action: RequestAction!, $details: RequestActionInput) {
      de {
        actOnRequest(id: $id, version: $version, action: $action, details: $details) {
          id
          version
          status
        }
      }
    }
  `;
  const act = async (
    asking: Asking,
    request: { id: string; version: number },
    action: string,
    details?: Record<string, unknown>,
  ) => {
    const { body } = await fixture.ask(asking, ACT, { ...request, action, details });
    expect(body.errors ?? []).toEqual([]);
    return body.data.de.actOnRequest as { id: string; version: number; status: string };
  };

  it('files a DE_ANONYMISATION for a candidate pseudonym, and Germany releases who it is', async () => {
    const { body: matched } = await fixture.ask(
      FR_PROSECUTOR,
      /* GraphQL */ `
        query ($query: PartyMatchQuery!) {
          partyMatches(query: $query) {
            de {
              candidates {
                jurisdiction
                pseudonym
                requestTypes
              }
            }
          }
        }
      `,
      { query: QUERY },
    );
    const candidate = matched.data.partyMatches.de.candidates[0];
    expect(candidate.jurisdiction).toBe('DE');
    expect(candidate.pseudonym).toMatch(/^psn_/);
    expect(candidate.requestTypes).toContain('DE_ANONYMISATION');

    const { body: filing } = await fixture.ask(
      FR_PROSECUTOR,
      /* GraphQL */ `
        mutation ($input: FileRequestInput!) {
          de {
            fileRequest(input: $input) {
              id
              version
              status
            }
          }
        }
      `,
      {
        input: {
          type: 'DE_ANONYMISATION',
          deAnonymisation: {
            issuingAuthority: 'Juge d’instruction, TJ Paris',
            offence: 'Blanchiment en bande organisée',
            maxPenaltyYears: 10,
            judicialAuthorisation: 'Ordonnance JI-2026-207',
            pseudonym: candidate.pseudonym,
            categories: [
              {
                category: 'IDENTITY',
                necessity: 'The person screened is the suspect',
                proportionality: 'Name only',
              },
            ],
            lessIntrusiveMeans: 'The match was screened first',
            retentionDays: 365,
            noticeDeferredUntil: '2027-12-31T00:00:00Z',
          },
        },
      },
    );
    expect(filing.errors ?? []).toEqual([]);
    const filed = filing.data.de.fileRequest as { id: string; version: number; status: string };
    expect(filed.status).toBe('SUBMITTED');
    const acknowledged = await act(DE_CENTRAL, filed, 'ACKNOWLEDGE');
    const recognised = await act(DE_JUDGE, acknowledged, 'RECOGNISE', {
      grantedCategories: ['IDENTITY'],
    });
    const executed = await act(DE_CENTRAL, recognised, 'EXECUTE');
    expect(executed.status).toMatch(/EXECUTED$/);

    const { body } = await fixture.ask(
      FR_PROSECUTOR,
      /* GraphQL */ `
        query ($id: ID!) {
          de {
            request(id: $id) {
              release {
                identity {
                  name
                }
              }
            }
          }
        }
      `,
      { id: filed.id },
    );
    // The party Germany's own registry holds for this identity, spelled Germany's way.
    const german = matchingPartiesOf('DE').find((party) => party.identity === identity.identity)!;
    expect(body.data.de.request.release.identity.name).toBe(german.party.name);
  });
});
