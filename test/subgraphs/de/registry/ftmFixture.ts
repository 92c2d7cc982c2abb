import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { FtmIndex } from '../../../../subgraphs/de/registry/FtmIndex.js';
import {
  ImportRejectedError,
  type ImportProblem,
} from '../../../../subgraphs/kit/registry/ImportRejectedError.js';

export const ETH = 'eip155:1:0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae';
export const ETH_NORMALISED = 'eip155:1:0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe';
export const BTC =
  'bip122:000000000019d6689c085ae165831e93:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';

/** A small hand-written FtM bulk file: one watchlist entry, one Arrest, one Einziehung. */
export const FTM_ENTITIES = [
  {
    id: 'de-person-1',
    schema: 'Person',
    properties: {
      name: ['Jana Krüger'],
      firstName: ['Jana'],
      lastName: ['Krüger'],
      birthDate: ['1984-02-29'],
      nationality: ['de'],
      idNumber: ['L01X00T47'],
    },
  },
  {
    id: 'de-company-2',
    schema: 'Company',
    properties: {
      name: ['Nordlicht Digital GmbH'],
      leiCode: ['5299000J2N45DDNE4Y28'],
      jurisdiction: ['de'],
      registrationNumber: ['HRB 123456'],
    },
  },
  {
    id: 'de-wallet-1',
    schema: 'CryptoWallet',
    properties: { publicKey: [ETH], currency: ['ETH'], holder: ['de-person-1'] },
  },
  {
    id: 'de-sanction-0000001',
    schema: 'Sanction',
    properties: {
      entity: ['de-person-1'],
      authority: ['Deutsche Bundesbank'],
      program: ['EU 2014/269'],
      provisions: ['Einfrieren von Geldern', 'Bereitstellungsverbot'],
      reason: ['Umgehung restriktiver Maßnahmen'],
      listingDate: ['2022-03-15'],
      startDate: ['2022-03-15'],
      sourceUrl: ['https://example.org/s/1'],
    },
  },
  {
    id: 'de-wallet-2',
    schema: 'CryptoWallet',
    properties: {
      publicKey: [BTC],
      currency: ['BTC'],
      holder: ['de-company-2'],
      balance: ['1.5'],
      balanceDate: ['2024-01-10'],
    },
  },
  {
    id: 'de-arrest-0000001',
    schema: 'Sanction',
    properties: {
      entity: ['de-company-2', 'de-wallet-2'],
      authority: ['Amtsgericht Frankfurt am Main'],
      authorityId: ['5 Js 1234/23'],
      program: ['DE-STPO-111E'],
      provisions: ['§ 111e Abs. 1 StPO'],
      reason: ['Geldwäsche (§ 261 StGB)'],
      status: ['ACTIVE'],
      startDate: ['2024-01-05'],
      endDate: ['2024-07-05'],
      country: ['de', 'fr'],
      recordId: ['VA-2024-1'],
      summary: ['H1 B2'],
      modifiedAt: ['2024-02-01T10:00:00+01:00'],
    },
  },
  {
    id: 'de-wallet-3',
    schema: 'CryptoWallet',
    properties: {
      publicKey: [ETH],
      currency: ['ETH'],
      holder: ['de-company-2'],
      amount: ['10'],
      balance: ['7.25'],
    },
  },
  {
    id: 'de-einziehung-0000002',
    schema: 'Sanction',
    properties: {
      entity: ['de-company-2', 'de-wallet-3'],
      authority: ['Landgericht Berlin I'],
      authorityId: ['(505 KLs) 254 Js 52/22'],
      program: ['DE-STGB-73'],
      provisions: ['§ 73 Abs. 1 StGB'],
      reason: ['Betrug (§ 263 StGB)'],
      status: ['EXECUTED'],
      startDate: ['2023-05-02'],
      date: ['2023-09-01'],
    },
  },
];

export const toJsonLines = (entities: readonly object[]) =>
  entities.map((entity) => JSON.stringify(entity)).join('\n') + '\n';

/** A temp data folder; `remove` in afterAll. */
export async function tempDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'comity-de-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeFtmFile(dir: string, content: string): Promise<string> {
  const file = join(dir, 'entities.ftm.jsonl');
  await writeFile(file, content);
  return file;
}

/** The fixture with entity `id` replaced by `patch` of it. */
export function patched(
  id: string,
  patch: (entity: (typeof FTM_ENTITIES)[number]) => object,
): object[] {
  return FTM_ENTITIES.map((entity) => (entity.id === id ? patch(structuredClone(entity)) : entity));
}

/** Loading `file` fails as a whole, with exactly `problems`, each named by file and line. */
export async function expectLoadRejected(file: string, problems: ImportProblem[]): Promise<void> {
  const error = await FtmIndex.load(file).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ImportRejectedError);
  expect((error as ImportRejectedError).problems).toEqual(problems);
  for (const { file: name, line } of problems) {
    expect((error as Error).message).toContain(`${name}:${line}`);
  }
}
