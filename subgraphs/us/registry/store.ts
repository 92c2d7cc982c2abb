import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PartyRecord, WatchlistEntryRecord } from '../../../core/records.js';
import { ImportRejectedError } from '../../kit/registry/ImportRejectedError.js';
import type { ImportProblem, ImportReport } from '../../kit/registry/ImportRejectedError.js';
import { checkEntries } from './checkEntries.js';
import { WATCHLIST_REGISTRY } from './registryNames.js';

// United States's watchlist as one FollowTheMoney JSON-lines file (https://followthemoney.tech):
// a `Sanction` per entry naming its subject (`entity`), the subject as `Person` or
// `Organization`, and a `CryptoWallet` per listed wallet held by the subject. `publicKey`
// holds the wallet's CAIP-10 id, so no chain has to be guessed from `currency` on reading.

export const FTM_FILE_NAME = 'watchlist.ftm.jsonl';

export interface StoreLocation {
  dataDir: string;
  /** Not used: the store is a file. */
  databaseUrl: string | null;
}

interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

/** The file the registry serves and watches. */
export function storePath(dataDir: string): string {
  return path.join(dataDir, FTM_FILE_NAME);
}

const list = (value: string | null | undefined): string[] => (value ? [value] : []);
const first = (entity: FtmEntity, property: string): string | null =>
  entity.properties[property]?.[0] ?? null;

function toEntities(entry: WatchlistEntryRecord): FtmEntity[] {
  const subject = entry.subject;
  const party: FtmEntity =
    subject.kind === 'Person'
      ? {
          id: subject.id,
          schema: 'Person',
          properties: {
            name: [subject.name],
            firstName: list(subject.firstName),
            lastName: list(subject.lastName),
            birthDate: list(subject.birthDate),
            nationality: list(subject.nationality),
            idNumber: list(subject.idNumber),
          },
        }
      : {
          id: subject.id,
          schema: 'Organization',
          properties: {
            name: [subject.name],
            leiCode: list(subject.lei),
            country: list(subject.country),
            registrationNumber: list(subject.registrationNumber),
          },
        };
  const sanction: FtmEntity = {
    id: entry.id,
    schema: 'Sanction',
    properties: {
      entity: [subject.id],
      authority: [entry.authority],
      program: [entry.program],
      provisions: entry.provisions,
      reason: [entry.reason],
      listingDate: [entry.listingDate],
      startDate: list(entry.startDate),
      endDate: list(entry.endDate),
      sourceUrl: list(entry.sourceUrl),
      modifiedAt: [entry.provenance.lastUpdated],
    },
  };
  const wallets = entry.walletIds.map((walletId, index) => ({
    id: `${entry.id}-wallet-${index + 1}`,
    schema: 'CryptoWallet',
    properties: { publicKey: [walletId], holder: [subject.id] },
  }));
  return [party, sanction, ...wallets];
}

function toParty(entity: FtmEntity): PartyRecord {
  if (entity.schema === 'Person') {
    return {
      kind: 'Person',
      id: entity.id,
      name: first(entity, 'name') ?? '',
      firstName: first(entity, 'firstName'),
      lastName: first(entity, 'lastName'),
      birthDate: first(entity, 'birthDate'),
      nationality: first(entity, 'nationality')?.toUpperCase() ?? null,
      idNumber: first(entity, 'idNumber'),
    };
  }
  return {
    kind: 'Organization',
    id: entity.id,
    name: first(entity, 'name') ?? '',
    lei: first(entity, 'leiCode'),
    country: first(entity, 'country')?.toUpperCase() ?? null,
    registrationNumber: first(entity, 'registrationNumber'),
  };
}

/** Every entry of the file, checked; ImportRejectedError names each bad line. */
export async function readEntries(dataDir: string): Promise<WatchlistEntryRecord[]> {
  const file = storePath(dataDir);
  const text = await readFile(file, 'utf8');
  const problems: ImportProblem[] = [];
  const entities: FtmEntity[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const entity = JSON.parse(line) as FtmEntity;
      if (typeof entity.id !== 'string' || typeof entity.schema !== 'string') {
        throw new Error('an entity needs an id and a schema');
      }
      entities.push({ ...entity, properties: entity.properties ?? {} });
    } catch (error) {
      problems.push({ file, line: index + 1, recordId: null, reason: (error as Error).message });
    }
  });
  const parties = new Map<string, FtmEntity>();
  const walletsOf = new Map<string, string[]>();
  for (const entity of entities) {
    if (['Person', 'Organization', 'Company', 'LegalEntity'].includes(entity.schema)) {
      parties.set(entity.id, entity);
    } else if (entity.schema === 'CryptoWallet') {
      for (const holder of entity.properties.holder ?? []) {
        walletsOf.set(holder, [
          ...(walletsOf.get(holder) ?? []),
          ...(entity.properties.publicKey ?? []),
        ]);
      }
    }
  }
  const entries: WatchlistEntryRecord[] = [];
  for (const sanction of entities.filter((entity) => entity.schema === 'Sanction')) {
    const subjectId = first(sanction, 'entity');
    const subject = subjectId === null ? undefined : parties.get(subjectId);
    if (!subject) {
      problems.push({
        file,
        line: null,
        recordId: sanction.id,
        reason: 'the sanction names no known entity',
      });
      continue;
    }
    const listingDate = first(sanction, 'listingDate') ?? '';
    entries.push({
      id: sanction.id,
      provenance: {
        jurisdiction: 'US',
        registry: WATCHLIST_REGISTRY,
        sourceRecordId: sanction.id,
        lastUpdated: first(sanction, 'modifiedAt') ?? listingDate,
        handlingCode: 'H0',
        sourceReliability: 'A',
        informationAccuracy: 1,
      },
      authority: first(sanction, 'authority') ?? '',
      program: first(sanction, 'program') ?? '',
      provisions: sanction.properties.provisions ?? [],
      reason: first(sanction, 'reason') ?? '',
      listingDate,
      startDate: first(sanction, 'startDate'),
      endDate: first(sanction, 'endDate'),
      sourceUrl: first(sanction, 'sourceUrl'),
      subject: toParty(subject),
      walletIds: walletsOf.get(subject.id) ?? [],
    });
  }
  if (problems.length > 0) throw new ImportRejectedError(problems);
  return checkEntries(entries, file);
}

/**
 * Replaces the file with `entries`, all or nothing: every entry is checked first, then the
 * file is written beside the old one and renamed over it, which the serving registry picks up.
 */
export async function writeEntries(
  location: StoreLocation,
  entries: readonly WatchlistEntryRecord[],
): Promise<ImportReport> {
  const file = storePath(location.dataDir);
  const checked = checkEntries(entries, file);
  const lines = checked.flatMap(toEntities).map((entity) => JSON.stringify(entity));
  const staging = `${file}.${randomUUID()}.tmp`;
  await mkdir(location.dataDir, { recursive: true });
  try {
    await writeFile(staging, lines.join('\n') + '\n');
    await rename(staging, file);
  } finally {
    await rm(staging, { force: true });
  }
  const wallets = checked.reduce((sum, entry) => sum + entry.walletIds.length, 0);
  return {
    registry: WATCHLIST_REGISTRY,
    source: file,
    counts: { Sanction: checked.length, CryptoWallet: wallets },
  };
}
