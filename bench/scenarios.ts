import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, memberCodes } from '../core/federationConfig.js';
import type { Purpose, Role } from '../core/policy/policySpec.js';
import { crossBorderWallets } from '../subgraphs/kit/seed/crossBorderWallets.js';

/** Who sends a scenario's operation: the claims of the caller token and the request headers. */
export interface BenchCaller {
  /** Also the `x-bench-caller` value that tells the stock and Hive gateways which pre-signed context to send. */
  name: string;
  role: Role;
  country: string;
  agency: string;
  purpose: Purpose;
  caseRef: string | null;
}

export interface Scenario {
  id: number;
  name: string;
  /** What the scenario stands for, one line for BENCHMARKS.md. */
  description: string;
  caller: BenchCaller;
  query: string;
  /** Filled in at run time for scenario 1 (a wallet every jurisdiction holds); fixed otherwise. */
  variables: Record<string, unknown>;
  /** Said in BENCHMARKS.md beside the scenario (stand-ins, FORBIDDEN-heavy paths). */
  note?: string;
  /**
   * Most connections this scenario is driven with. The heavy scenarios serve a few requests
   * per second on a shared 2-core machine: 32 connections would queue each request for longer
   * than a measurement window and measure the queue, not the system.
   */
  maxConnections?: number;
}

export const INVESTIGATOR: BenchCaller = {
  name: 'investigator',
  role: 'INVESTIGATOR',
  country: 'FR',
  agency: 'OFAC (Office anti-cybercriminalité)',
  purpose: 'CRIMINAL_INVESTIGATION',
  caseRef: 'FR-PNF-2026-0042',
};

export const ANALYST: BenchCaller = {
  name: 'analyst',
  role: 'ANALYST',
  country: 'DE',
  agency: 'FIU Deutschland',
  purpose: 'AML_INTELLIGENCE',
  caseRef: 'DE-FIU-2026-0007',
};

export const PUBLIC_DASHBOARD: BenchCaller = {
  name: 'public',
  role: 'PUBLIC',
  country: 'FR',
  agency: 'Transparency dashboard',
  purpose: 'STATISTICS',
  caseRef: null,
};

/** A French prosecutor filing a freezing request with Germany (the 2018/1805 certificate). */
export const FILING_PROSECUTOR: BenchCaller = {
  name: 'filing-prosecutor',
  role: 'PROSECUTOR',
  country: 'FR',
  agency: 'Parquet national financier',
  purpose: 'FREEZE_EXECUTION',
  caseRef: 'FR-PNF-2026-0042',
};

/**
 * The same kind of caller, of the agency the seed files France's requests under
 * (subgraphs/kit/seed/seedRequests.ts): what it lists is the seed's, and the filings of the
 * filing scenario, made by another agency, do not grow it between rounds.
 */
export const LISTING_PROSECUTOR: BenchCaller = {
  ...FILING_PROSECUTOR,
  name: 'listing-prosecutor',
  agency: 'FR central prosecution',
};

/**
 * A French asset recovery officer filing victims' claims with Germany, of the agency the seed
 * files France's claims under (subgraphs/kit/seed/seedClaims.ts): its own listing shows the
 * seeded order and asset the scenario claims on.
 */
export const CLAIMS_OFFICER: BenchCaller = {
  name: 'claims-officer',
  role: 'ASSET_RECOVERY_OFFICER',
  country: 'FR',
  agency: "FR victims' office",
  purpose: 'VICTIM_RESTITUTION',
  caseRef: 'FR-VICT-2026-0042',
};

export const BENCH_CALLERS: readonly BenchCaller[] = [
  INVESTIGATOR,
  ANALYST,
  PUBLIC_DASHBOARD,
  FILING_PROSECUTOR,
  LISTING_PROSECUTOR,
  CLAIMS_OFFICER,
];

const WALLET_ACROSS_JURISDICTIONS = /* GraphQL */ `
  query WalletAcrossJurisdictions($id: WalletId!) {
    wallet(id: $id) {
      id
      fr {
        hit
        freezingOrders {
          id
          status
          issuingAuthority
          issuedAt
        }
        confiscationOrders {
          id
          status
          asset
          amount
        }
        watchlistEntries {
          id
          program
        }
      }
      de {
        hit
        freezingOrders {
          id
          status
          issuingAuthority
        }
        watchlistEntries {
          id
          authority
          program
          listingDate
        }
      }
      sg {
        hit
        watchlistEntries {
          id
          program
        }
        exchangeDisclosures {
          id
          disclosedAt
          transaction {
            asset
            amount
            occurredAt
          }
        }
      }
    }
  }
`;

const FREEZING_ORDERS_ACROSS_BORDERS = /* GraphQL */ `
  query FreezingOrdersAcrossBorders {
    fr {
      freezingOrders(first: 50) {
        totalCount
        nodes {
          id
          issuingAuthority
          offence
          status
          issuedAt
          wallets {
            id
            de {
              watchlistEntries {
                id
                authority
                program
                subject {
                  name
                }
              }
            }
            sg {
              exchangeDisclosures {
                id
                originatingVasp {
                  name
                  country
                }
                beneficiaryVasp {
                  name
                  country
                }
                transaction {
                  asset
                  amount
                  occurredAt
                }
              }
            }
          }
        }
      }
    }
  }
`;

// FR and SG deny ANALYST every order and watchlist field (docs/policy-matrix.md), so an
// analyst cannot start from French freezing orders: the same shape (50 records in one
// country, each joined to the two others) starts from the German watchlist, which releases
// entries to analysts with the subject pseudonymised, and asks FR and SG hit / no-hit only.
const ANALYST_HIT_NO_HIT = /* GraphQL */ `
  query AnalystHitNoHit {
    de {
      watchlistEntries(first: 50) {
        totalCount
        nodes {
          id
          program
          listingDate
          subject {
            id
            name
          }
          wallets {
            id
            fr {
              hit
            }
            sg {
              hit
            }
          }
        }
      }
    }
  }
`;

/** The public dashboard's transparency report, exactly as the trusted-document manifest holds it. */
export const TRANSPARENCY_QUERY = (
  JSON.parse(
    readFileSync(path.join(REPO_ROOT, 'gateway', 'persisted-operations.json'), 'utf8'),
  ) as { operations: { name: string; body: string }[] }
).operations.find((operation) => operation.name === 'TransparencyStatistics')!.body;

const FILE_FREEZING_REQUEST = /* GraphQL */ `
  mutation FileFreezingRequest($input: FileRequestInput!) {
    de {
      fileRequest(input: $input) {
        id
        status
        version
        dueAt
      }
    }
  }
`;

/** A complete, valid 2018/1805 freezing certificate: a prosecutor's, so with a validating judge. */
const FREEZING_REQUEST_INPUT = {
  type: 'FREEZING',
  freezing: {
    issuingAuthority: 'Parquet national financier, Paris',
    validatingJudge: 'Juge des libertés et de la détention, TJ Paris',
    offence: 'Blanchiment aggravé',
    legalQualification: 'Code pénal art. 324-2',
    property: [{ wallet: crossBorderWallets()[3]!, asset: 'BTC', amount: '1.25' }],
    urgent: true,
    urgencyReason: 'Funds are being moved through a mixer',
  },
};

const FILE_VICTIM_CLAIM = /* GraphQL */ `
  mutation FileVictimClaim($input: FileClaimInput!) {
    de {
      fileClaim(input: $input) {
        id
        state
        version
        claimant
        allowedActions
      }
    }
  }
`;

/** A victim's claim; `orderId` and `asset` are the seeded German order's, set at run time. */
export const VICTIM_CLAIM_INPUT = {
  orderId: '',
  asset: '',
  amountUnits: '1000000000000000',
  lossAt: '2025-06-01T12:00:00Z',
  evidence: [{ transactionHash: `0x${'c'.repeat(64)}` }],
  claimant: {
    name: 'Bench Victim',
    birthDate: '1975-03-14',
    idNumber: 'FR-ID-BENCH-0001',
    country: 'FR',
  },
};

/** OUTGOING is per member (no central copy): the issuer's view is one listing on each of them. */
function outgoingRequestsQuery(members: readonly string[]): string {
  const namespaces = members
    .map((code) => `    ${code} {\n      ...OutgoingRequests\n    }`)
    .join('\n');
  return /* GraphQL */ `
  query OutgoingRequests {
${namespaces}
  }

  fragment OutgoingRequests on Jurisdiction {
    requests(direction: OUTGOING, first: 50) {
      totalCount
      nodes {
        id
        type
        status
        dueAt
        overdue
      }
    }
  }
`;
}

/** Used for scenario 4 when `Jurisdiction.transparency` is missing or unresolved. */
export const TRANSPARENCY_STAND_IN_QUERY = /* GraphQL */ `
  query TransparencyStandIn {
    members {
      code
      name
      registries {
        kind
        name
        backend
      }
    }
  }
`;

/** The connection counts a scenario runs at: the run's, capped by the scenario's maximum. */
export function connectionsFor(scenario: Scenario, connections: readonly number[]): number[] {
  return [
    ...new Set(connections.map((count) => Math.min(count, scenario.maxConnections ?? count))),
  ];
}

export function scenarios(): Scenario[] {
  return [
    {
      id: 1,
      name: 'wallet across jurisdictions',
      description:
        'directory `wallet(id)` → `Wallet.fr` / `Wallet.de` / `Wallet.sg` records (INVESTIGATOR, CRIMINAL_INVESTIGATION)',
      caller: INVESTIGATOR,
      query: WALLET_ACROSS_JURISDICTIONS,
      variables: {},
    },
    {
      id: 2,
      name: '50 FR freezing orders joined to DE and SG',
      description:
        "`fr.freezingOrders(first: 50)`, each order's wallets → DE watchlist entries and SG disclosures (INVESTIGATOR)",
      caller: INVESTIGATOR,
      query: FREEZING_ORDERS_ACROSS_BORDERS,
      variables: {},
    },
    {
      id: 3,
      name: 'analyst hit/no-hit, 50 DE entries joined to FR and SG',
      description:
        '`de.watchlistEntries(first: 50)` with pseudonymised subjects, each wallet → FR and SG hit / no-hit (ANALYST, AML_INTELLIGENCE, case ref)',
      caller: ANALYST,
      query: ANALYST_HIT_NO_HIT,
      variables: {},
      maxConnections: 8,
      note: 'FR and SG deny ANALYST their order and watchlist lists, so the analyst path starts from the German watchlist (see docs/policy-matrix.md).',
    },
    {
      id: 4,
      name: 'transparency statistics',
      description: `\`${memberCodes().join('/')} { transparency { requests recoveries overdueEmergencyReviews } }\` (PUBLIC, STATISTICS)`,
      caller: PUBLIC_DASHBOARD,
      query: TRANSPARENCY_QUERY,
      variables: {},
      maxConnections: 8,
    },
    {
      id: 5,
      name: 'filing a freezing request with Germany',
      description:
        '`mutation { de { fileRequest(input) } }` with a 2018/1805 freezing certificate (PROSECUTOR, FR, FREEZE_EXECUTION, case ref)',
      caller: FILING_PROSECUTOR,
      query: FILE_FREEZING_REQUEST,
      variables: { input: FREEZING_REQUEST_INPUT },
      maxConnections: 8,
      note: "A write: every call files a new request, stored in Germany's own database with its FILE transition and a REQUEST_TRANSITION event in Germany's audit chain, in one transaction; Germany's store grows by one request per call over the run. Behind the stock and Hive gateways the subgraph does the same write (the pre-signed context carries the same claims).",
    },
    {
      id: 6,
      name: 'outgoing requests on every member',
      description: `\`${memberCodes().join('/')} { requests(direction: OUTGOING, first: 50) }\`: the requests the caller's agency filed, as each member received them (PROSECUTOR, FR, FREEZE_EXECUTION, case ref)`,
      caller: LISTING_PROSECUTOR,
      query: outgoingRequestsQuery(memberCodes()),
      variables: {},
      maxConnections: 8,
      note: "The caller's agency is the one the seed files France's requests under, so the answer is the seed's at every round: scenario 5's filings come from another French agency and are not listed.",
    },
    {
      id: 7,
      name: "filing a victim's claim with Germany",
      description:
        "`mutation { de { fileClaim(input) } }` on Germany's seeded confiscation: form checked, claim policy, claimant pseudonymised (ASSET_RECOVERY_OFFICER, FR, VICTIM_RESTITUTION, case ref)",
      caller: CLAIMS_OFFICER,
      query: FILE_VICTIM_CLAIM,
      variables: { input: VICTIM_CLAIM_INPUT },
      maxConnections: 8,
      note: "A write: every call files a new claim in Germany's own database with a CLAIM_EVENT in its audit chain, in one transaction, after reading the order it claims on; Germany's claims grow by one per call over the run.",
    },
  ];
}
