import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  ExchangeDisclosureRecord,
  PersonRecord,
  WatchlistEntryRecord,
} from '../../core/records.js';
import { openRegistries as openGermanRegistries } from '../../subgraphs/de/registry/index.js';
import type { DeRegistries } from '../../subgraphs/de/registry/index.js';
import {
  parseExchangeDisclosure,
  parseWatchlistEntry,
} from '../../subgraphs/fr/registry/parseExportRecord.js';
import { FR_REGISTRY_NAMES } from '../../subgraphs/fr/registry/registryNames.js';
import { openRegistries as openSingaporeRegistries } from '../../subgraphs/sg/registry/index.js';
import type { SingaporeRegistries } from '../../subgraphs/sg/registry/index.js';

/**
 * The seeded records as their backends hold them, read beside the running federation, so that
 * tests compare what the gateway answers with the source values rather than with another
 * answer of the system under test. France is read from its export files (its PGlite folder is
 * locked by the running subgraph); Germany and Singapore through their own registry openers,
 * read-only and without file watching.
 */
export interface SeededRecords {
  fr: { watchlist: WatchlistEntryRecord[]; disclosures: ExchangeDisclosureRecord[] };
  de: DeRegistries;
  sg: SingaporeRegistries;
  /** The federation's pseudonym secret, which the subgraphs wrote beside the dev keys. */
  pseudonymSecret: Uint8Array;
  close(): Promise<void>;
}

/** The members whose records readSeededRecords reads, each through its own registry code. */
export const SEEDED_RECORD_MEMBERS = [
  'fr',
  'de',
  'sg',
] as const satisfies readonly (keyof SeededRecords)[];

async function readExport<R>(
  file: string,
  parse: (raw: unknown, registry: string) => R,
  registry: string,
): Promise<R[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => parse(JSON.parse(line), registry));
}

export async function readSeededRecords(dataRoot: string, keysDir: string): Promise<SeededRecords> {
  const frExport = path.join(dataRoot, 'fr', 'export');
  const [watchlist, disclosures] = await Promise.all([
    readExport(
      path.join(frExport, 'watchlist.jsonl'),
      parseWatchlistEntry,
      FR_REGISTRY_NAMES.watchlist,
    ),
    readExport(
      path.join(frExport, 'disclosures.jsonl'),
      parseExchangeDisclosure,
      FR_REGISTRY_NAMES.disclosures,
    ),
  ]);
  const de = await openGermanRegistries({
    dataDir: path.join(dataRoot, 'de'),
    databaseUrl: null,
    countQuery: () => {},
    watchIntervalMs: 0,
    log: () => {},
  });
  const sg = await openSingaporeRegistries({
    dataDir: path.join(dataRoot, 'sg'),
    databaseUrl: null,
    countQuery: () => {},
  });
  const secretText = await readFile(path.join(keysDir, 'pseudonym-secret'), 'utf8');
  return {
    fr: { watchlist, disclosures },
    de,
    sg,
    pseudonymSecret: new Uint8Array(Buffer.from(secretText.trim(), 'base64')),
    close: async () => {
      await Promise.all([de.close(), sg.close()]);
    },
  };
}

/** The entry's subject as a person; throws when the seed put an organisation there. */
export function personSubject(entry: WatchlistEntryRecord | null | undefined): PersonRecord {
  if (!entry) throw new Error('no such seeded watchlist entry');
  if (entry.subject.kind !== 'Person') {
    throw new Error(`${entry.id}: the seeded subject is an ${entry.subject.kind}, not a Person`);
  }
  return entry.subject;
}
