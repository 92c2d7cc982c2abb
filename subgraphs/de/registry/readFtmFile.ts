import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { FieldError } from '../../kit/registry/checkField.js';
import type { ImportProblem } from '../../kit/registry/ImportRejectedError.js';
import { DateChecker } from './DateChecker.js';
import type { PartySchema } from './PackedParty.js';
import {
  FTM_SCHEMATA,
  parseFtmEntity,
  type FtmProperties,
  type FtmSchema,
  type ParsedEntity,
} from './parseFtmEntity.js';
import { packSanctionFields } from './SanctionEntry.js';
import type { SanctionKind } from './sanctionPrograms.js';
import { StringTable } from './StringTable.js';

/** Sanctions by position in file order. */
export interface ReadSanctions {
  ids: string[];
  kinds: SanctionKind[];
  sortDates: string[];
  /** packSanctionFields JSON. */
  packed: string[];
  byId: Map<string, number>;
  lines: number[];
  /** The ids each Sanction's `entity` names, resolved by resolveSanctions. */
  entityIds: string[][];
}

/** Persons, companies and organisations by position in file order. */
export interface ReadParties {
  /** PackedParty JSON. */
  packed: string[];
  byId: Map<string, number>;
  lines: number[];
  counts: Record<PartySchema, number>;
}

/** CryptoWallets by position in file order. */
export interface ReadWallets {
  byId: Map<string, number>;
  lines: number[];
  /** The FtM entity id; `walletIds` holds the wallet's normalised CAIP-10 id. */
  entityIds: string[];
  walletIds: string[];
  holders: (string | null)[];
  /** Currencies as numbers into `strings`. */
  currencies: (number | null)[];
  /** PackedBalance JSON, null for a wallet without balance or amount. */
  balances: (string | null)[];
}

/** A bulk file, each entity checked, references between entities not yet resolved. */
export interface FtmFileContent {
  /** The path read. */
  file: string;
  /** The file's name, as problems name it. */
  label: string;
  strings: StringTable;
  sanctions: ReadSanctions;
  parties: ReadParties;
  wallets: ReadWallets;
  /** Every bad line or entity, in file order; resolveSanctions adds its own. */
  problems: ImportProblem[];
}

/**
 * Reads Germany's FollowTheMoney bulk file: JSON lines, one entity a line. Every line is
 * read even after a problem, so that one import reports all of them. Only compact entries
 * are kept, no raw JSON, with repeated strings interned.
 */
export async function readFtmFile(file: string): Promise<FtmFileContent> {
  const content: FtmFileContent = {
    file,
    label: basename(file),
    strings: new StringTable(),
    sanctions: {
      ids: [],
      kinds: [],
      sortDates: [],
      packed: [],
      byId: new Map(),
      lines: [],
      entityIds: [],
    },
    parties: {
      packed: [],
      byId: new Map(),
      lines: [],
      counts: { Person: 0, Company: 0, Organization: 0 },
    },
    wallets: {
      byId: new Map(),
      lines: [],
      entityIds: [],
      walletIds: [],
      holders: [],
      currencies: [],
      balances: [],
    },
    problems: [],
  };
  const reader = new EntityReader(content);
  const input = createReadStream(file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let lastBadJsonLine = 0;
  for await (const text of lines) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    let entity: unknown;
    try {
      entity = JSON.parse(text);
    } catch (error) {
      lastBadJsonLine = lineNumber;
      reader.problem(lineNumber, null, `invalid JSON: ${(error as Error).message}`);
      continue;
    }
    reader.read(entity, lineNumber);
  }
  await once(input, 'close').catch(() => undefined);
  // A writer that stopped mid-line leaves bad JSON and no final newline: say so.
  if (lastBadJsonLine === lineNumber && lineNumber > 0 && !(await endsWithNewline(file))) {
    const last = content.problems[content.problems.length - 1]!;
    last.reason = `truncated last line (no newline, ${last.reason})`;
  }
  return content;
}

/** Checks each entity's envelope, parses its properties and files it by schema. */
class EntityReader {
  private readonly dates = new DateChecker();

  constructor(private readonly content: FtmFileContent) {}

  problem(line: number | null, recordId: string | null, reason: string): void {
    this.content.problems.push({ file: this.content.label, line, recordId, reason });
  }

  read(entity: unknown, line: number): void {
    if (typeof entity !== 'object' || entity === null || Array.isArray(entity)) {
      this.problem(line, null, 'not an FtM entity: expected a JSON object');
      return;
    }
    const { id, schema, properties } = entity as Record<string, unknown>;
    if (typeof id !== 'string' || id.trim() === '') {
      this.problem(line, null, 'missing entity "id"');
      return;
    }
    if (!FTM_SCHEMATA.includes(schema as FtmSchema)) {
      this.problem(
        line,
        id,
        `unknown schema ${JSON.stringify(schema)} (expected one of ${FTM_SCHEMATA.join(', ')})`,
      );
      return;
    }
    if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
      this.problem(line, id, 'missing "properties" object');
      return;
    }
    const firstLine = this.lineOf(id);
    if (firstLine !== undefined) {
      this.problem(line, id, `duplicate id ${JSON.stringify(id)} (first on line ${firstLine})`);
      return;
    }
    let parsed: ParsedEntity;
    try {
      parsed = parseFtmEntity(id, schema as FtmSchema, properties as FtmProperties, this.dates);
    } catch (error) {
      if (!(error instanceof FieldError)) throw error;
      this.problem(line, id, `${schema as string}: ${error.message}`);
      return;
    }
    this.add(id, line, parsed);
  }

  private add(id: string, line: number, parsed: ParsedEntity): void {
    const { strings, sanctions, parties, wallets } = this.content;
    switch (parsed.schema) {
      case 'Sanction':
        sanctions.byId.set(id, sanctions.ids.push(id) - 1);
        sanctions.kinds.push(parsed.kind);
        sanctions.sortDates.push(parsed.sortDate);
        sanctions.lines.push(line);
        sanctions.entityIds.push(parsed.entityIds);
        sanctions.packed.push(packSanctionFields(parsed.fields, strings));
        return;
      case 'CryptoWallet':
        wallets.byId.set(id, wallets.walletIds.push(parsed.walletId) - 1);
        wallets.lines.push(line);
        wallets.entityIds.push(id);
        wallets.holders.push(parsed.holder);
        wallets.currencies.push(parsed.currency === null ? null : strings.ref(parsed.currency));
        wallets.balances.push(parsed.balance === null ? null : JSON.stringify(parsed.balance));
        return;
      default:
        parties.byId.set(id, parties.packed.push(JSON.stringify(parsed.party)) - 1);
        parties.lines.push(line);
        parties.counts[parsed.schema] += 1;
    }
  }

  /** The line an id was first seen on, if it was. */
  private lineOf(id: string): number | undefined {
    const { sanctions, parties, wallets } = this.content;
    const sanction = sanctions.byId.get(id);
    if (sanction !== undefined) return sanctions.lines[sanction];
    const wallet = wallets.byId.get(id);
    if (wallet !== undefined) return wallets.lines[wallet];
    const party = parties.byId.get(id);
    return party === undefined ? undefined : parties.lines[party];
  }
}

async function endsWithNewline(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const buffer = Buffer.alloc(1);
    await handle.read(buffer, 0, 1, size - 1);
    return buffer[0] === 0x0a;
  } finally {
    await handle.close();
  }
}
