/**
 * Record positions by a string key (a wallet id), in typed arrays: a fraction of what a Map
 * keyed by the strings costs, since the strings themselves are never kept. Keys are
 * kept only as 32-bit FNV-1a hashes, so a lookup returns candidates: the positions of
 * every record whose key hashes alike. Callers check each candidate against the record
 * itself; with n keys a foreign key is among them with probability about n / 2^32.
 */
export class HashPositionIndex {
  #buckets = new Int32Array(16).fill(-1);
  #hashes = new Uint32Array(8);
  #positions = new Uint32Array(8);
  #next = new Int32Array(8);
  #size = 0;

  add(key: string, position: number): void {
    if (this.#size === this.#hashes.length) this.#grow();
    const entry = this.#size++;
    const hash = fnv1a(key);
    this.#hashes[entry] = hash;
    this.#positions[entry] = position;
    this.#link(entry, hash);
  }

  /** Candidate positions for `key`, ascending, each once. */
  candidates(key: string): number[] {
    const hash = fnv1a(key);
    const found: number[] = [];
    for (
      let entry = this.#buckets[hash & (this.#buckets.length - 1)]!;
      entry !== -1;
      entry = this.#next[entry]!
    ) {
      if (this.#hashes[entry] === hash) found.push(this.#positions[entry]!);
    }
    return found.length < 2 ? found : [...new Set(found)].sort((a, b) => a - b);
  }

  #link(entry: number, hash: number): void {
    const bucket = hash & (this.#buckets.length - 1);
    this.#next[entry] = this.#buckets[bucket]!;
    this.#buckets[bucket] = entry;
  }

  /** Doubles the entry arrays and keeps twice as many buckets as entries. */
  #grow(): void {
    const capacity = this.#hashes.length * 2;
    const hashes = new Uint32Array(capacity);
    hashes.set(this.#hashes);
    const positions = new Uint32Array(capacity);
    positions.set(this.#positions);
    this.#hashes = hashes;
    this.#positions = positions;
    this.#next = new Int32Array(capacity);
    this.#buckets = new Int32Array(capacity * 2).fill(-1);
    for (let entry = 0; entry < this.#size; entry++) this.#link(entry, this.#hashes[entry]!);
  }
}

function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
