import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRejectedError } from '../../../../subgraphs/kit/registry/ImportRejectedError.js';
import type { ImportProblem } from '../../../../subgraphs/kit/registry/ImportRejectedError.js';
import { openRegistries } from '../../../../subgraphs/sg/registry/index.js';
import type { SingaporeRegistries } from '../../../../subgraphs/sg/registry/index.js';
import { DISCLOSURE_DOCUMENT, WATCHLIST_DOCUMENT } from './ivms101Fixtures.js';

type Document = Record<string, any>;

const ORIGINATOR_WALLET = 'eip155:1:0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe';
const BENEFICIARY_WALLET = 'eip155:1:0x52908400098527886E0F7030069857D2E4169EE7';
const LISTED_WALLET =
  'bip122:000000000019d6689c085ae165831e93:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const UNKNOWN_WALLET = 'tron:728126428:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t';

function disclosure(id: string, disclosedAt: string, edit?: (document: Document) => void) {
  const document: Document = structuredClone(DISCLOSURE_DOCUMENT);
  document.id = id;
  document.disclosedAt = disclosedAt;
  edit?.(document);
  return document;
}

function watchlistEntry(id: string, edit?: (document: Document) => void) {
  const document: Document = structuredClone(WATCHLIST_DOCUMENT);
  document.id = id;
  edit?.(document);
  return document;
}

const roots: string[] = [];

/** A data folder with three disclosures (one in a shard sub-folder) and one watchlist entry. */
async function dataDir(): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'comity-sg-'));
  roots.push(root);
  await mkdir(path.join(root, 'disclosures', '0000'), { recursive: true });
  await mkdir(path.join(root, 'watchlist'), { recursive: true });
  await put(
    root,
    'disclosures/0000/SG-TR-0000001.json',
    disclosure('SG-TR-0000001', '2024-01-01T00:00:00Z'),
  );
  await put(
    root,
    'disclosures/SG-TR-0000002.json',
    disclosure('SG-TR-0000002', '2024-03-01T00:00:00Z', (document) => {
      // The pair swapped: the same wallets, the other way round.
      const { originator, beneficiary } = document.ivms101;
      [originator.accountNumber, beneficiary.accountNumber] = [
        beneficiary.accountNumber,
        originator.accountNumber,
      ];
    }),
  );
  await put(
    root,
    'disclosures/SG-TR-0000003.json',
    disclosure('SG-TR-0000003', '2024-02-01T00:00:00Z', (document) => {
      document.ivms101.beneficiary.accountNumber = ['trx:TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t'];
      document.ivms101.originator.accountNumber = [
        'btc:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
      ];
    }),
  );
  await put(root, 'watchlist/SG-WL-0000001.json', watchlistEntry('SG-WL-0000001'));
  return root;
}

async function put(root: string, file: string, document: unknown): Promise<string> {
  const target = path.join(root, file);
  await writeFile(target, typeof document === 'string' ? document : JSON.stringify(document));
  return target;
}

async function rejection(promise: Promise<unknown>): Promise<ImportRejectedError> {
  const error = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(ImportRejectedError);
  return error as ImportRejectedError;
}

afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

describe('openRegistries (sg, IVMS101 documents)', () => {
  const queries: string[] = [];
  let registries: SingaporeRegistries;

  beforeAll(async () => {
    registries = await openRegistries({
      dataDir: await dataDir(),
      databaseUrl: null,
      countQuery: (registry, method) => queries.push(`${registry} ${method}`),
    });
  });
  afterAll(() => registries.close());

  it('describes its registries', () => {
    expect(registries.assets).toBeNull();
    expect(registries.disclosures).toMatchObject({
      kind: 'EXCHANGE_DISCLOSURES',
      name: 'sg-mas-travel-rule',
      backend: 'ivms101-json',
    });
    expect(registries.watchlist).toMatchObject({
      kind: 'WATCHLIST',
      name: 'sg-mas-wallets-of-interest',
      backend: 'ivms101-json',
    });
  });

  it('answers a batch of ids aligned with the keys, in one counted query', async () => {
    queries.length = 0;
    const found = await registries.disclosures.disclosuresByIds([
      'SG-TR-0000003',
      'SG-TR-4040404',
      'SG-TR-0000001',
    ]);
    expect(found.map((record) => record?.id ?? null)).toEqual([
      'SG-TR-0000003',
      null,
      'SG-TR-0000001',
    ]);
    expect(queries).toEqual(['sg-mas-travel-rule disclosuresByIds']);
  });

  it('finds disclosures by originator and beneficiary accounts, newest first, in one query', async () => {
    queries.length = 0;
    const found = await registries.disclosures.disclosuresByWallets([
      BENEFICIARY_WALLET,
      UNKNOWN_WALLET,
      'eip155:1:0x0000000000000000000000000000000000000001',
      ORIGINATOR_WALLET,
    ]);
    expect(found.map((records) => records.map((record) => record.id))).toEqual([
      ['SG-TR-0000002', 'SG-TR-0000001'],
      ['SG-TR-0000003'],
      [],
      ['SG-TR-0000002', 'SG-TR-0000001'],
    ]);
    expect(queries).toEqual(['sg-mas-travel-rule disclosuresByWallets']);
  });

  it('answers watchlist batches aligned, in one counted query each', async () => {
    queries.length = 0;
    const byIds = await registries.watchlist.entriesByIds(['nope', 'SG-WL-0000001']);
    const byWallets = await registries.watchlist.entriesByWallets([
      LISTED_WALLET,
      ORIGINATOR_WALLET,
    ]);
    expect(byIds.map((record) => record?.id ?? null)).toEqual([null, 'SG-WL-0000001']);
    expect(byWallets.map((records) => records.map((record) => record.id))).toEqual([
      ['SG-WL-0000001'],
      [],
    ]);
    expect(queries).toEqual([
      'sg-mas-wallets-of-interest entriesByIds',
      'sg-mas-wallets-of-interest entriesByWallets',
    ]);
  });

  it('lists newest first with an opaque cursor and the total count', async () => {
    const first = await registries.disclosures.listDisclosures({ first: 2, after: null });
    expect(first.records.map((record) => record.id)).toEqual(['SG-TR-0000002', 'SG-TR-0000003']);
    expect(first.totalCount).toBe(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await registries.disclosures.listDisclosures({
      first: 2,
      after: first.nextCursor,
    });
    expect(second.records.map((record) => record.id)).toEqual(['SG-TR-0000001']);
    expect(second.nextCursor).toBeNull();
    await expect(
      registries.disclosures.listDisclosures({ first: 2, after: 'garbage' }),
    ).rejects.toThrow(GraphQLError);
  });

  it('answers a bad "after" cursor with BAD_USER_INPUT, on both lists', async () => {
    const forged = [
      'garbage',
      Buffer.from(JSON.stringify(['2024-02-30', 'SG-TR-0000002'])).toString('base64url'),
      Buffer.from(JSON.stringify({ listedAt: '2024-01-01', id: 'x' })).toString('base64url'),
    ];
    const lists = [
      (after: string) => registries.disclosures.listDisclosures({ first: 2, after }),
      (after: string) => registries.watchlist.listEntries({ first: 2, after }),
    ];
    for (const list of lists) {
      for (const after of forged) {
        const error: unknown = await list(after).catch((thrown: unknown) => thrown);
        expect(error).toBeInstanceOf(GraphQLError);
        expect((error as GraphQLError).extensions).toEqual({
          code: 'BAD_USER_INPUT',
          argumentName: 'after',
          reason: 'BAD_CURSOR',
        });
      }
    }
  });

  it('serves copies: a caller mutating a record does not change the next answer', async () => {
    const [record] = await registries.disclosures.disclosuresByIds(['SG-TR-0000001']);
    record!.originator.accountNumbers.length = 0;
    const [again] = await registries.disclosures.disclosuresByIds(['SG-TR-0000001']);
    expect(again!.originator.accountNumbers).toEqual([ORIGINATOR_WALLET]);
  });
});

describe('malformed documents', () => {
  const VASP_NAME = 'ivms101.originatingVASP.originatingVASP.legalPerson.name.nameIdentifier[0]';
  const NATURAL = 'ivms101.originator.originatorPersons[0].naturalPerson';
  const cases: {
    name: string;
    file: string;
    document: unknown;
    recordId: string | null;
    reason: string;
  }[] = [
    {
      name: 'truncated JSON',
      file: 'disclosures/SG-TR-0000009.json',
      document: JSON.stringify(disclosure('SG-TR-0000009', '2024-01-01T00:00:00Z')).slice(0, 200),
      recordId: null,
      reason: 'invalid JSON (truncated?): ',
    },
    {
      name: 'no originator persons',
      file: 'disclosures/SG-TR-0000009.json',
      document: disclosure('SG-TR-0000009', '2024-01-01T00:00:00Z', (d) => {
        d.ivms101.originator.originatorPersons = [];
      }),
      recordId: 'SG-TR-0000009',
      reason: 'field "ivms101.originator.originatorPersons" must not be empty',
    },
    {
      name: 'no account number',
      file: 'disclosures/SG-TR-0000009.json',
      document: disclosure('SG-TR-0000009', '2024-01-01T00:00:00Z', (d) => {
        delete d.ivms101.beneficiary.accountNumber;
      }),
      recordId: 'SG-TR-0000009',
      reason: 'missing field "ivms101.beneficiary.accountNumber"',
    },
    {
      name: 'no VASP name',
      file: 'disclosures/SG-TR-0000009.json',
      document: disclosure('SG-TR-0000009', '2024-01-01T00:00:00Z', (d) => {
        d.ivms101.originatingVASP.originatingVASP.legalPerson.name.nameIdentifier = [
          { legalPersonNameIdentifierType: 'LEGL' },
        ];
      }),
      recordId: 'SG-TR-0000009',
      reason: `missing field "${VASP_NAME}.legalPersonName"`,
    },
    {
      name: 'bad date (not a calendar date)',
      file: 'disclosures/SG-TR-0000009.json',
      document: disclosure('SG-TR-0000009', '2024-01-01T00:00:00Z', (d) => {
        d.ivms101.originator.originatorPersons[0].naturalPerson.dateAndPlaceOfBirth.dateOfBirth =
          '1984-02-30';
      }),
      recordId: 'SG-TR-0000009',
      reason: `bad date in "${NATURAL}.dateAndPlaceOfBirth.dateOfBirth": "1984-02-30"`,
    },
    {
      name: 'bad date (not ISO 8601)',
      file: 'disclosures/SG-TR-0000009.json',
      document: disclosure('SG-TR-0000009', '02/01/2024'),
      recordId: 'SG-TR-0000009',
      reason: 'bad date in "disclosedAt": "02/01/2024" is not ISO 8601',
    },
    {
      name: 'bad geographic address',
      file: 'disclosures/SG-TR-0000009.json',
      document: disclosure('SG-TR-0000009', '2024-01-01T00:00:00Z', (d) => {
        d.ivms101.originator.originatorPersons[0].naturalPerson.geographicAddress = [
          { addressType: 'HOME', townName: 'Singapore', country: 'SG' },
        ];
      }),
      recordId: 'SG-TR-0000009',
      reason:
        `bad address in "${NATURAL}.geographicAddress[0]": ` +
        'needs addressLine, or streetName with buildingNumber or buildingName and townName',
    },
    {
      name: 'bad wallet address',
      file: 'disclosures/SG-TR-0000009.json',
      document: disclosure('SG-TR-0000009', '2024-01-01T00:00:00Z', (d) => {
        d.ivms101.originator.accountNumber = ['eth:0xde0b295669a9fd93d5f28d9ec85e40f4cb697baX'];
      }),
      recordId: 'SG-TR-0000009',
      reason: 'bad address in "ivms101.originator.accountNumber[0]": bad character',
    },
    {
      name: 'unknown name identifier type',
      file: 'disclosures/SG-TR-0000009.json',
      document: disclosure('SG-TR-0000009', '2024-01-01T00:00:00Z', (d) => {
        d.ivms101.originator.originatorPersons[0].naturalPerson.name[0].nameIdentifier[0].nameIdentifierType =
          'NICK';
      }),
      recordId: 'SG-TR-0000009',
      reason:
        `bad value in "${NATURAL}.name[0].nameIdentifier[0].nameIdentifierType": "NICK" ` +
        '(expected one of ALIA, BIRT, MAID, LEGL, MISC)',
    },
    {
      name: 'watchlist entry without a program',
      file: 'watchlist/SG-WL-0000009.json',
      document: watchlistEntry('SG-WL-0000009', (d) => {
        delete d.listing.program;
      }),
      recordId: 'SG-WL-0000009',
      reason: 'missing field "listing.program"',
    },
  ];

  it.each(cases)(
    'rejects $name, naming file, record and reason, loading nothing',
    async (testCase) => {
      const root = await dataDir();
      const file = await put(root, testCase.file, testCase.document);
      const error = await rejection(
        openRegistries({ dataDir: root, databaseUrl: null, countQuery: () => {} }),
      );
      expect(error.problemCount).toBe(1);
      const [problem] = error.problems as ImportProblem[];
      expect(problem).toMatchObject({ file, line: null, recordId: testCase.recordId });
      expect(problem!.reason.startsWith(testCase.reason)).toBe(true);
      expect(error.message).toContain(file);
    },
  );

  it('rejects an id used by two documents, naming both files', async () => {
    const root = await dataDir();
    const copy = await put(
      root,
      'disclosures/copy.json',
      disclosure('SG-TR-0000001', '2025-01-01T00:00:00Z'),
    );
    const original = path.join(root, 'disclosures/0000/SG-TR-0000001.json');
    const error = await rejection(
      openRegistries({ dataDir: root, databaseUrl: null, countQuery: () => {} }),
    );
    expect(error.problemCount).toBe(1);
    const [problem] = error.problems;
    expect(problem!.recordId).toBe('SG-TR-0000001');
    // Documents are read concurrently, so either one may be the second seen.
    const files = [
      problem!.file,
      problem!.reason.replace(/^duplicate id "SG-TR-0000001", also in /, ''),
    ];
    expect(files.sort()).toEqual([original, copy].sort());
  });

  it('keeps serving the previous data when a reload finds a bad document', async () => {
    const root = await dataDir();
    const registries = await openRegistries({
      dataDir: root,
      databaseUrl: null,
      countQuery: () => {},
    });
    try {
      // A valid new disclosure and a bad one arrive together: neither is served.
      await put(
        root,
        'disclosures/SG-TR-0000004.json',
        disclosure('SG-TR-0000004', '2024-04-01T00:00:00Z'),
      );
      const bad = await put(root, 'disclosures/SG-TR-0000005.json', '{"id": "SG-TR-0000005", ');
      const error = await rejection(registries.reload());
      expect(error.problems.map((problem) => problem.file)).toEqual([bad]);
      const page = await registries.disclosures.listDisclosures({ first: 10, after: null });
      expect(page.totalCount).toBe(3);
      expect(await registries.disclosures.disclosuresByIds(['SG-TR-0000004'])).toEqual([null]);

      await rm(bad);
      const reports = await registries.reload();
      expect(reports.map((report) => [report.registry, report.counts])).toEqual([
        ['sg-mas-travel-rule', { ExchangeDisclosure: 4, NaturalPerson: 4, LegalPerson: 4 }],
        ['sg-mas-wallets-of-interest', { WatchlistEntry: 1, Person: 1 }],
      ]);
      const [found] = await registries.disclosures.disclosuresByIds(['SG-TR-0000004']);
      expect(found?.id).toBe('SG-TR-0000004');
    } finally {
      await registries.close();
    }
  });
});
