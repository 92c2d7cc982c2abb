import { closeSync, openSync, readSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Page, PageRequest } from '../../kit/registry/types.js';
import { ImportRejectedError } from '../../kit/registry/ImportRejectedError.js';
import type { ImportProblem, ImportReport } from '../../kit/registry/ImportRejectedError.js';
import { HashPositionIndex } from '../../kit/registry/HashPositionIndex.js';
import { compareNewestFirst, pageNewestFirst } from '../../kit/registry/pageNewestFirst.js';
import { RecordSpill } from './RecordSpill.js';
import { walkJsonFiles } from './walkJsonFiles.js';

/** How one registry's documents become records. */
export interface Ivms101DocumentMapping<T> {
  /** Registry name, for reports. */
  registry: string;
  /** Maps a parsed document; throws a FieldError whose message is the problem's reason. */
  map(document: unknown): T;
  id(record: T): string;
  /** ISO 8601 date the registry lists by, newest first. */
  listedAt(record: T): string;
  /** The wallets the record is found by. */
  walletIds(record: T): readonly string[];
  /** Record types counted in the import report (`ExchangeDisclosure`, `NaturalPerson`, …). */
  recordTypes(record: T): readonly string[];
}

export interface Ivms101StoreOptions {
  /**
   * Longest stretch, in ms, the load keeps the event loop before yielding, so a reload
   * does not stall the requests the previous snapshot is serving. Default
   * DEFAULT_LOAD_SLICE_MS.
   */
  sliceMs?: number;
}

export const DEFAULT_LOAD_SLICE_MS = 20;
/** A document larger than this is refused unread: no transfer needs it, a hostile file might. */
export const MAX_DOCUMENT_BYTES = 1024 * 1024;

/**
 * An immutable, validated snapshot of one registry's folder of IVMS101 documents, with
 * indexes by id and by wallet. Loading is all or nothing: one bad document and `load`
 * throws ImportRejectedError naming every bad one, and no store exists.
 *
 * Records are kept as their JSON text in a private spill file (RecordSpill), not on the
 * heap, and parsed on each read, which also means no caller can mutate what another one
 * is served. In memory are only the indexes: positions by id, by wallet hash
 * (HashPositionIndex), and each position's date and id for paging, a small fraction of
 * what the texts themselves would take.
 */
export class Ivms101Store<T> {
  /** Record texts, newest first. */
  readonly #records: RecordSpill;
  readonly #listedAt: readonly string[];
  readonly #ids: readonly string[];
  readonly #positionById: ReadonlyMap<string, number>;
  /** Positions of the records naming each wallet, by hash: candidates to check. */
  readonly #positionsByWallet: HashPositionIndex;
  readonly #walletIdsOf: (record: T) => readonly string[];
  readonly report: ImportReport;

  private constructor(
    records: RecordSpill,
    listedAt: string[],
    ids: string[],
    positionsByWallet: HashPositionIndex,
    walletIdsOf: (record: T) => readonly string[],
    report: ImportReport,
  ) {
    this.#records = records;
    this.#listedAt = listedAt;
    this.#ids = ids;
    this.#positionById = new Map(ids.map((id, position) => [id, position]));
    this.#positionsByWallet = positionsByWallet;
    this.#walletIdsOf = walletIdsOf;
    this.report = report;
  }

  get size(): number {
    return this.#records.size;
  }

  static async load<T>(
    directory: string,
    mapping: Ivms101DocumentMapping<T>,
    options: Ivms101StoreOptions = {},
  ): Promise<Ivms101Store<T>> {
    const problems: ImportProblem[] = [];
    try {
      if (!(await stat(directory)).isDirectory()) throw new Error('not a directory');
    } catch {
      throw new ImportRejectedError([
        { file: directory, line: null, recordId: null, reason: 'no such directory' },
      ]);
    }

    interface Loaded {
      /** Its number in the spill file's append order. */
      spilled: number;
      id: string;
      listedAt: string;
      walletIds: readonly string[];
    }
    const loaded: Loaded[] = [];
    const fileById = new Map<string, string>();
    const counts: Record<string, number> = {};
    const records = new RecordSpill();

    // Documents are read synchronously, in slices between which the load yields: for many
    // small files the sync API's open/read/close costs far less than the promise API's.
    const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    const readOne = (file: string): void => {
      const problem = (recordId: string | null, reason: string) =>
        problems.push({ file, line: null, recordId, reason });
      let text: string;
      try {
        const read = readDocument(file, buffer);
        if (read === null) {
          problem(null, `document larger than ${MAX_DOCUMENT_BYTES} bytes`);
          return;
        }
        text = read;
      } catch (error) {
        problem(null, `unreadable: ${(error as Error).message}`);
        return;
      }
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (error) {
        problem(null, `invalid JSON (truncated?): ${(error as Error).message}`);
        return;
      }
      const rawId = (document as { id?: unknown } | null)?.id;
      const documentId = typeof rawId === 'string' && rawId !== '' ? rawId : null;
      let record: T;
      try {
        record = mapping.map(document);
      } catch (error) {
        problem(documentId, (error as Error).message);
        return;
      }
      const id = mapping.id(record);
      const earlier = fileById.get(id);
      if (earlier !== undefined) {
        problem(id, `duplicate id ${JSON.stringify(id)}, also in ${earlier}`);
        return;
      }
      fileById.set(id, file);
      // Once the load is known to fail, records are no longer kept, only checked.
      if (problems.length > 0) return;
      for (const type of mapping.recordTypes(record)) counts[type] = (counts[type] ?? 0) + 1;
      loaded.push({
        spilled: records.append(JSON.stringify(record)),
        id,
        listedAt: mapping.listedAt(record),
        walletIds: mapping.walletIds(record),
      });
    };
    try {
      const sliceMs = options.sliceMs ?? DEFAULT_LOAD_SLICE_MS;
      let sliceStarted = performance.now();
      for await (const file of walkJsonFiles(directory)) {
        readOne(file);
        if (performance.now() - sliceStarted >= sliceMs) {
          await new Promise(setImmediate);
          sliceStarted = performance.now();
        }
      }
      if (problems.length > 0) {
        problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
        throw new ImportRejectedError(problems);
      }
      fileById.clear();

      loaded.sort((a, b) => compareNewestFirst(a.listedAt, a.id, b.listedAt, b.id));
      const positionsByWallet = new HashPositionIndex();
      loaded.forEach(({ walletIds }, position) => {
        for (const walletId of new Set(walletIds)) positionsByWallet.add(walletId, position);
      });
      records.seal(loaded.map(({ spilled }) => spilled));
      const listedAt = loaded.map(({ listedAt }) => listedAt);
      const ids = loaded.map(({ id }) => id);
      loaded.length = 0;
      return new Ivms101Store<T>(records, listedAt, ids, positionsByWallet, mapping.walletIds, {
        registry: mapping.registry,
        source: directory,
        counts,
      });
    } catch (error) {
      records.close();
      throw error;
    }
  }

  /** Releases the spill file; reads afterwards throw. Idempotent. */
  close(): void {
    this.#records.close();
  }

  byId(id: string): T | null {
    const position = this.#positionById.get(id);
    return position === undefined ? null : this.#at(position);
  }

  /** Records naming the wallet, newest first. */
  byWallet(walletId: string): T[] {
    const found: T[] = [];
    for (const position of this.#positionsByWallet.candidates(walletId)) {
      const record = this.#at(position);
      // A hash match is only a candidate: keep the records that really name the wallet.
      if (this.#walletIdsOf(record).includes(walletId)) found.push(record);
    }
    return found;
  }

  /** Newest first, after the record the cursor names (pageNewestFirst). */
  page(request: PageRequest): Page<T> {
    const { start, end, nextCursor } = pageNewestFirst(
      this.size,
      (position) => ({ sortValue: this.#listedAt[position]!, id: this.#ids[position]! }),
      request,
    );
    const records: T[] = [];
    for (let position = start; position < end; position++) records.push(this.#at(position));
    return { records, nextCursor, totalCount: this.size };
  }

  #at(position: number): T {
    return JSON.parse(this.#records.read(position)) as T;
  }
}

/** Most documents are a few kilobytes: one read of this size takes them whole. */
const READ_BUFFER_BYTES = 64 * 1024;

/**
 * The document's text, or null when it is larger than MAX_DOCUMENT_BYTES. Reads through one
 * reused buffer (open, read, close: the fewest system calls per small file) and
 * stops at the limit rather than trusting a size read beforehand.
 */
function readDocument(file: string, buffer: Buffer): string | null {
  const fd = openSync(file, 'r');
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > MAX_DOCUMENT_BYTES) return null;
      // A short read of a regular file is its end; a full one may have more behind it.
      if (chunks.length === 0 && bytesRead < buffer.length) {
        return buffer.toString('utf8', 0, bytesRead);
      }
      chunks.push(Buffer.from(buffer.subarray(0, bytesRead)));
    }
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
