import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import {
  ImportRejectedError,
  type ImportProblem,
  type ImportReport,
} from '../../kit/registry/ImportRejectedError.js';
import { FieldError } from '../../kit/registry/checkField.js';
import type { SqlClient, SqlExecutor } from '../../../core/sql/SqlClient.js';
import { DEFAULT_SCHEMA, bumpDataVersion, checkSchemaName } from './ensureSchema.js';
import {
  parseConfiscationOrder,
  parseExchangeDisclosure,
  parseFreezingOrder,
  parseWatchlistEntry,
  type ExportRecordParser,
} from './parseExportRecord.js';
import {
  CONFISCATION_ORDERS,
  EXCHANGE_DISCLOSURES,
  FREEZING_ORDERS,
  WATCHLIST_ENTRIES,
  type TableSpec,
} from './tableSpecs.js';

interface ExportFile<R extends { id: string }> {
  spec: TableSpec<R>;
  parse: ExportRecordParser<R>;
}

function exportFile<R extends { id: string }>(
  spec: TableSpec<R>,
  parse: ExportRecordParser<R>,
): ExportFile<R> {
  return { spec, parse };
}

/** The national export: one JSON-lines file per record type, named as below. */
export const EXPORT_FILES = {
  'freezing-orders.jsonl': exportFile(FREEZING_ORDERS, parseFreezingOrder),
  'confiscation-orders.jsonl': exportFile(CONFISCATION_ORDERS, parseConfiscationOrder),
  'watchlist.jsonl': exportFile(WATCHLIST_ENTRIES, parseWatchlistEntry),
  'disclosures.jsonl': exportFile(EXCHANGE_DISCLOSURES, parseExchangeDisclosure),
} as const;

export type ExportFileName = keyof typeof EXPORT_FILES;
export const EXPORT_FILE_NAMES = Object.keys(EXPORT_FILES) as ExportFileName[];

/** Rows per multi-row INSERT: large enough to amortise the round trip, small enough for PGlite. */
export const IMPORT_CHUNK_SIZE = 1_000;

export interface ImportRegistryExportOptions {
  client: SqlClient;
  /** Path of one export file; its base name says what it holds (see EXPORT_FILES). */
  file: string;
  /** PostgreSQL schema of the tables; default `fr`. */
  schema?: string;
  /** Called after every chunk with the number of lines read so far. */
  onProgress?: (linesDone: number) => void;
}

/**
 * Loads one export file, all or nothing. Every line is checked (fields, dates, enums,
 * addresses, ids unique in the file and against the table); the file is streamed line by
 * line and loaded in chunks inside ONE transaction, so a bad line anywhere — or a database
 * error midway — rolls back everything and the data served before is untouched.
 */
export async function importRegistryExport(
  options: ImportRegistryExportOptions,
): Promise<ImportReport> {
  const fileName = path.basename(options.file);
  const format = EXPORT_FILES[fileName as ExportFileName] as ExportFile<{ id: string }> | undefined;
  if (!format) {
    throw new Error(
      `unknown French export file ${JSON.stringify(fileName)}; expected one of ${EXPORT_FILE_NAMES.join(', ')}`,
    );
  }
  const schema = checkSchemaName(options.schema ?? DEFAULT_SCHEMA);
  const { spec, parse } = format;
  const table = `${schema}.${spec.table}`;

  return options.client.transaction(async (tx) => {
    const problems: ImportProblem[] = [];
    const firstLineOfId = new Map<string, number>();
    const tableHadRows = await hasRows(tx, table);
    let chunk: { record: { id: string }; line: number }[] = [];
    let loaded = 0;
    let lineNumber = 0;

    const flush = async () => {
      const pending = chunk;
      chunk = [];
      if (pending.length === 0) return;
      // Ids already stored are looked up in every chunk, before and after a first problem, so
      // that the report names every one of them, not only those before the first bad line.
      if (tableHadRows) {
        const { rows } = await tx.query<{ id: string }>(
          `SELECT id FROM ${table} WHERE id = ANY($1::text[])`,
          [pending.map((entry) => entry.record.id)],
        );
        if (rows.length > 0) {
          const existing = new Set(rows.map((row) => row.id));
          for (const entry of pending) {
            if (existing.has(entry.record.id)) {
              problems.push({
                file: fileName,
                line: entry.line,
                recordId: entry.record.id,
                reason: `duplicate id "${entry.record.id}": already in ${spec.table}`,
              });
            }
          }
          return;
        }
      }
      // After the first problem nothing more is written: the transaction will roll back, and
      // the rest of the file is only read to report every problem at once.
      if (problems.length > 0) return;
      await insertChunk(
        tx,
        table,
        pending.map((entry) => spec.toRow(entry.record)),
      );
      loaded += pending.length;
    };

    const lines = createInterface({
      input: createReadStream(options.file, { encoding: 'utf8' }),
      crlfDelay: Infinity,
    });
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        problems.push({
          file: fileName,
          line: lineNumber,
          recordId: idInText(line),
          reason: 'invalid JSON (truncated or malformed line)',
        });
        continue;
      }
      const rawId = (raw as { id?: unknown } | null)?.id;
      const recordId = typeof rawId === 'string' && rawId !== '' ? rawId : null;
      try {
        const record = parse(raw, spec.registry);
        const seenOn = firstLineOfId.get(record.id);
        if (seenOn !== undefined) {
          throw new FieldError(`duplicate id "${record.id}": already on line ${seenOn}`);
        }
        firstLineOfId.set(record.id, lineNumber);
        chunk.push({ record, line: lineNumber });
      } catch (error) {
        if (!(error instanceof FieldError)) throw error;
        problems.push({ file: fileName, line: lineNumber, recordId, reason: error.message });
      }
      if (chunk.length >= IMPORT_CHUNK_SIZE) {
        await flush();
        options.onProgress?.(lineNumber);
      }
    }
    await flush();
    options.onProgress?.(lineNumber);
    if (problems.length > 0) throw new ImportRejectedError(problems);
    await bumpDataVersion(tx, schema);
    return { registry: spec.registry, source: fileName, counts: { [spec.recordType]: loaded } };
  });
}

async function hasRows(db: SqlExecutor, table: string): Promise<boolean> {
  const { rows } = await db.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM ${table}) AS found`,
  );
  return rows[0]?.found === true;
}

/**
 * One multi-row INSERT per chunk: the rows travel as one jsonb parameter and
 * jsonb_populate_recordset maps their keys onto the table's columns by name, which is the
 * same statement on PostgreSQL and PGlite and as fast as a VALUES list.
 */
async function insertChunk(db: SqlExecutor, table: string, rows: object[]): Promise<void> {
  await db.query(
    `INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`,
    [JSON.stringify(rows)],
  );
}

/** The record id of a line that is not valid JSON, when it can still be read. */
function idInText(line: string): string | null {
  return /"id"\s*:\s*"([^"\\]{1,200})"/.exec(line)?.[1] ?? null;
}
