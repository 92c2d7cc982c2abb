import type { MinimizeStrategy } from '../../../core/policy/policySpec.js';
import type { AccessDenialReason } from '../../../core/policy/decideAccess.js';

/**
 * What one request released, minimised and withheld, by schema coordinate (`Person.name`):
 * field names and decisions, never values. The policy transformers fill it; the audit log
 * records it.
 */
export class ReleaseLedger {
  readonly released = new Set<string>();
  readonly minimised = new Map<string, MinimizeStrategy>();
  readonly denied = new Map<string, AccessDenialReason>();
  /** Ids of the records and wallets the request touched (pseudonymised before logging). */
  readonly entities = new Set<string>();

  release(coordinate: string): void {
    this.released.add(coordinate);
  }

  minimise(coordinate: string, strategy: MinimizeStrategy): void {
    this.minimised.set(coordinate, strategy);
  }

  deny(coordinate: string, reason: AccessDenialReason): void {
    this.denied.set(coordinate, reason);
  }

  touch(ids: Iterable<string>): void {
    for (const id of ids) this.entities.add(id);
  }

  /** Whether the request touched data at all: only such requests are audited. */
  get touchedData(): boolean {
    return (
      this.entities.size > 0 ||
      this.released.size > 0 ||
      this.minimised.size > 0 ||
      this.denied.size > 0
    );
  }

  /** released, minimised or denied, in that order of precedence for the request. */
  get decision(): 'NONE' | 'RELEASED' | 'MINIMISED' | 'DENIED' {
    if (this.denied.size > 0) return 'DENIED';
    if (this.minimised.size > 0) return 'MINIMISED';
    return this.released.size > 0 ? 'RELEASED' : 'NONE';
  }
}
