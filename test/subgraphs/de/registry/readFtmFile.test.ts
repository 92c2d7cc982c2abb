import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFtmFile } from '../../../../subgraphs/de/registry/readFtmFile.js';
import {
  expectLoadRejected,
  FTM_ENTITIES,
  patched,
  tempDataDir,
  toJsonLines,
  writeFtmFile,
} from './ftmFixture.js';

// Line numbers are 1-based positions in FTM_ENTITIES: person 1, company 2, wallet 3,
// sanction 4, wallet 5, arrest 6, wallet 7, einziehung 8.
const cases: {
  name: string;
  content: () => string;
  line: number;
  recordId: string | null;
  reason: RegExp;
}[] = [
  {
    name: 'Sanction without entity',
    content: () =>
      toJsonLines(
        patched('de-sanction-0000001', (e) => ({
          ...e,
          properties: { ...e.properties, entity: [] },
        })),
      ),
    line: 4,
    recordId: 'de-sanction-0000001',
    reason: /missing property "entity"/,
  },
  {
    name: 'CryptoWallet without publicKey',
    content: () =>
      toJsonLines(
        patched('de-wallet-1', (e) => ({
          ...e,
          properties: { currency: ['ETH'], holder: ['de-person-1'] },
        })),
      ),
    line: 3,
    recordId: 'de-wallet-1',
    reason: /missing field "publicKey"/,
  },
  {
    name: 'bad date',
    content: () =>
      toJsonLines(
        patched('de-arrest-0000001', (e) => ({
          ...e,
          properties: { ...e.properties, startDate: ['2024-02-30'] },
        })),
      ),
    line: 6,
    recordId: 'de-arrest-0000001',
    reason: /bad date in "startDate"/,
  },
  {
    name: 'bad address (checksum)',
    content: () =>
      toJsonLines(
        patched('de-wallet-1', (e) => ({
          ...e,
          properties: {
            ...e.properties,
            publicKey: ['eip155:1:0xde0B295669a9fd93d5f28d9ec85e40f4cb697bae'],
          },
        })),
      ),
    line: 3,
    recordId: 'de-wallet-1',
    reason: /bad address in "publicKey": .*checksum mismatch/,
  },
  {
    name: 'unknown schema',
    content: () => toJsonLines([...FTM_ENTITIES, { id: 'de-x', schema: 'Vessel', properties: {} }]),
    line: 9,
    recordId: 'de-x',
    reason: /unknown schema "Vessel"/,
  },
  {
    name: 'duplicate id',
    content: () => toJsonLines([...FTM_ENTITIES, FTM_ENTITIES[0]!]),
    line: 9,
    recordId: 'de-person-1',
    reason: /duplicate id "de-person-1" \(first on line 1\)/,
  },
  {
    name: 'truncated last line',
    content: () => toJsonLines(FTM_ENTITIES).trimEnd().slice(0, -20),
    line: 8,
    recordId: null,
    reason: /truncated last line .*invalid JSON/,
  },
  {
    name: 'order without status',
    content: () =>
      toJsonLines(
        patched('de-arrest-0000001', (e) => ({
          ...e,
          properties: { ...e.properties, status: ['PENDING'] },
        })),
      ),
    line: 6,
    recordId: 'de-arrest-0000001',
    reason: /bad value in "status"/,
  },
  {
    name: 'bad provenance marking',
    content: () =>
      toJsonLines(
        patched('de-arrest-0000001', (e) => ({
          ...e,
          properties: { ...e.properties, summary: ['H4 Z9'] },
        })),
      ),
    line: 6,
    recordId: 'de-arrest-0000001',
    reason: /bad provenance marking in "summary"/,
  },
];

describe('readFtmFile names every malformed entity by file, line and id', () => {
  let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
  beforeAll(async () => {
    dataDir = await tempDataDir();
  });
  afterAll(() => dataDir.remove());

  it('reads the fixture without a problem', async () => {
    const content = await readFtmFile(await writeFtmFile(dataDir.dir, toJsonLines(FTM_ENTITIES)));
    expect(content.problems).toEqual([]);
    expect(content.sanctions.ids).toEqual([
      'de-sanction-0000001',
      'de-arrest-0000001',
      'de-einziehung-0000002',
    ]);
    expect(content.sanctions.kinds).toEqual([
      'WatchlistEntry',
      'FreezingOrder',
      'ConfiscationOrder',
    ]);
    expect(content.parties.counts).toEqual({ Person: 1, Company: 1, Organization: 0 });
    expect(content.wallets.walletIds).toHaveLength(3);
  });

  it.each(cases)('$name', async ({ content, line, recordId, reason }) => {
    const file = await writeFtmFile(dataDir.dir, content());
    const { problems } = await readFtmFile(file);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'entities.ftm.jsonl', line, recordId });
    expect(problems[0]!.reason).toMatch(reason);
    await expectLoadRejected(file, problems);
  });

  it('reports every problem of a file, not just the first', async () => {
    const file = await writeFtmFile(
      dataDir.dir,
      toJsonLines([
        ...FTM_ENTITIES,
        FTM_ENTITIES[0]!,
        { id: 'x', schema: 'Vessel', properties: {} },
      ]),
    );
    const { problems } = await readFtmFile(file);
    expect(problems.map((problem) => problem.line)).toEqual([9, 10]);
    await expectLoadRejected(file, problems);
  });
});
