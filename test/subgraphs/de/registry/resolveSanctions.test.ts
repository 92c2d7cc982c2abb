import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFtmFile } from '../../../../subgraphs/de/registry/readFtmFile.js';
import { resolveSanctions } from '../../../../subgraphs/de/registry/resolveSanctions.js';
import {
  BTC,
  ETH_NORMALISED,
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
  recordId: string;
  reason: RegExp;
}[] = [
  {
    name: 'dangling Sanction.entity',
    content: () =>
      toJsonLines(
        patched('de-sanction-0000001', (e) => ({
          ...e,
          properties: { ...e.properties, entity: ['de-nobody'] },
        })),
      ),
    line: 4,
    recordId: 'de-sanction-0000001',
    reason: /dangling reference: entity "de-nobody" names no entity/,
  },
  {
    name: 'dangling CryptoWallet.holder',
    content: () =>
      toJsonLines(
        patched('de-wallet-2', (e) => ({
          ...e,
          properties: { ...e.properties, holder: ['de-nobody'] },
        })),
      ),
    line: 5,
    recordId: 'de-wallet-2',
    reason: /dangling reference: holder "de-nobody" names no entity/,
  },
  {
    name: 'Sanction naming two parties',
    content: () =>
      toJsonLines(
        patched('de-sanction-0000001', (e) => ({
          ...e,
          properties: { ...e.properties, entity: ['de-person-1', 'de-company-2'] },
        })),
      ),
    line: 4,
    recordId: 'de-sanction-0000001',
    reason: /must name exactly one Person, Company or Organization \(found 2\)/,
  },
  {
    name: 'Einziehung without a confiscated amount',
    content: () =>
      toJsonLines(
        patched('de-wallet-3', (e) => ({
          ...e,
          properties: { ...e.properties, amount: undefined },
        })),
      ),
    line: 8,
    recordId: 'de-einziehung-0000002',
    reason: /no wallet of the order carries "amount" and "currency"/,
  },
];

describe('resolveSanctions checks what entities refer to', () => {
  let dataDir: Awaited<ReturnType<typeof tempDataDir>>;
  beforeAll(async () => {
    dataDir = await tempDataDir();
  });
  afterAll(() => dataDir.remove());

  it('finds each Sanction its wallets: named ones, else the ones its party holds', async () => {
    const content = await readFtmFile(await writeFtmFile(dataDir.dir, toJsonLines(FTM_ENTITIES)));
    const { byWallet } = resolveSanctions(content);
    expect(content.problems).toEqual([]);
    // Sanction 0 names only its person, who holds the ETH wallet; the orders name wallets.
    expect(byWallet.candidates(ETH_NORMALISED)).toEqual([0, 2]);
    expect(byWallet.candidates(BTC)).toEqual([1]);
  });

  it.each(cases)('$name', async ({ content, line, recordId, reason }) => {
    const file = await writeFtmFile(dataDir.dir, content());
    const read = await readFtmFile(file);
    expect(read.problems).toEqual([]);
    resolveSanctions(read);
    const { problems } = read;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'entities.ftm.jsonl', line, recordId });
    expect(problems[0]!.reason).toMatch(reason);
    await expectLoadRejected(file, problems);
  });
});
