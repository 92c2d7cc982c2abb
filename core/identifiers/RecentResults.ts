/**
 * A bounded memo of a pure function's recent results. Seed writers encode an address and
 * normalise it straight away, and bulk files repeat wallets; both would otherwise hash the
 * same address twice; a subgraph pseudonymises the same entities request after request
 * (createPseudonymizer). Only results of successful, deterministic computations go in, keyed
 * by the exact input, so a hit returns exactly what recomputing would. When full it is
 * emptied rather than tracked per entry: memory stays flat at the cost of a few misses.
 */
export class RecentResults<V> {
  private readonly results = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    return this.results.get(key);
  }

  set(key: string, value: V): void {
    if (this.results.size >= this.capacity) this.results.clear();
    this.results.set(key, value);
  }
}
