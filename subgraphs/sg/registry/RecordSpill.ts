import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Bytes gathered before one write: few system calls, flat memory. */
const WRITE_CHUNK_BYTES = 4 * 1024 * 1024;

/**
 * The record texts of one store snapshot, kept in a private temporary file instead of the
 * heap: a large registry's documents are far more JSON than the heap should hold, while
 * the store itself only needs their positions. The file is unlinked as soon as it is opened, so it belongs to this
 * process alone, nothing on disk names it, and the system reclaims it when the descriptor
 * closes — on close(), or when the process ends however it ends. Reads hit the page
 * cache, which the kernel can evict, rather than the process's resident memory.
 *
 * Texts are appended while loading (any order), then `seal` fixes the order positions
 * are read in; the content never changes after that, so a snapshot stays what was
 * validated even if the documents it came from are replaced on disk.
 */
export class RecordSpill {
  #fd: number | null;
  readonly #chunk = Buffer.allocUnsafe(WRITE_CHUNK_BYTES);
  #chunkUsed = 0;
  #fileBytes = 0;
  #appendedOffsets: number[] = [];
  #appendedLengths: number[] = [];
  #offsets = new Float64Array(0);
  #lengths = new Uint32Array(0);
  #readBuffer = Buffer.allocUnsafe(64 * 1024);

  constructor(directory: string = os.tmpdir()) {
    const file = path.join(directory, `comity-records-${process.pid}-${randomUUID()}.tmp`);
    this.#fd = openSync(file, 'wx+', 0o600);
    unlinkSync(file);
  }

  /** Appends one text; returns its number in append order. */
  append(text: string): number {
    const fd = this.#open();
    const bytes = Buffer.byteLength(text, 'utf8');
    if (this.#chunkUsed + bytes > this.#chunk.length) this.#flush(fd);
    const offset = this.#fileBytes + this.#chunkUsed;
    if (bytes > this.#chunk.length) {
      writeSync(fd, text, offset, 'utf8');
      this.#fileBytes += bytes;
    } else {
      this.#chunk.write(text, this.#chunkUsed, 'utf8');
      this.#chunkUsed += bytes;
    }
    this.#appendedOffsets.push(offset);
    this.#appendedLengths.push(bytes);
    return this.#appendedOffsets.length - 1;
  }

  /** Ends appending; position i of `read` is the text appended as number `order[i]`. */
  seal(order: readonly number[]): void {
    this.#flush(this.#open());
    this.#offsets = Float64Array.from(order, (number) => this.#appendedOffsets[number]!);
    this.#lengths = Uint32Array.from(order, (number) => this.#appendedLengths[number]!);
    this.#appendedOffsets = [];
    this.#appendedLengths = [];
  }

  get size(): number {
    return this.#offsets.length;
  }

  read(position: number): string {
    const fd = this.#open();
    const length = this.#lengths[position]!;
    if (length > this.#readBuffer.length) this.#readBuffer = Buffer.allocUnsafe(length);
    const read = readSync(fd, this.#readBuffer, 0, length, this.#offsets[position]!);
    if (read !== length) throw new Error(`record spill file truncated at position ${position}`);
    return this.#readBuffer.toString('utf8', 0, length);
  }

  /** Idempotent. */
  close(): void {
    if (this.#fd === null) return;
    closeSync(this.#fd);
    this.#fd = null;
  }

  #open(): number {
    if (this.#fd === null) throw new Error('record spill is closed');
    return this.#fd;
  }

  #flush(fd: number): void {
    let written = 0;
    while (written < this.#chunkUsed) {
      written += writeSync(
        fd,
        this.#chunk,
        written,
        this.#chunkUsed - written,
        this.#fileBytes + written,
      );
    }
    this.#fileBytes += this.#chunkUsed;
    this.#chunkUsed = 0;
  }
}
