import { auditEventHash } from './AuditEvent.js';
import type { AuditEvent } from './AuditEvent.js';

export type VerifyProblem =
  'EDITED' | 'DELETED' | 'INSERTED' | 'REORDERED' | 'CHECKPOINT_MISMATCH' | 'BAD_SIGNATURE';

export type VerifyFailure = {
  ok: false;
  /** The first sequence number at which the log is not what was appended. */
  firstBadSeq: number;
  problem: VerifyProblem;
  message: string;
};

export type VerifyResult = { ok: true; events: number; checkpoints: number } | VerifyFailure;

/** The last event verified: where the next one must link. */
export interface ChainPoint {
  seq: number;
  hash: string;
  /** That event's own prevHash; null at the genesis or a purge anchor. */
  prevHash: string | null;
}

/** Does `event` follow `prev` exactly: next seq, linked to its hash, and hashing to its own hash? */
export function followsInChain(prev: ChainPoint, event: AuditEvent): boolean {
  return (
    event.seq === prev.seq + 1 &&
    event.prevHash === prev.hash &&
    auditEventHash(event) === event.hash
  );
}

/** How far a renumbered event is looked for (deleting or inserting rows and renumbering). */
const RENUMBER_SEARCH = 64;

/**
 * Names what happened at the first event that does not follow `prev`. `window` starts with
 * that event and holds the ones after it; `headSeq` is the last seq the appenders recorded in
 * `chain_head`. They tell the tamperings apart:
 *
 * - DELETED: a gap in seq (reported at the first missing seq), or the event's hash only
 *   verifies under a higher seq (the rows after a deletion were renumbered down).
 * - INSERTED: a seq past the head recorded by the appenders, or at or below one already verified; the previous event links where this one
 *   does (a well-forged row was slipped in just before, reported at that row); the next event
 *   links to `prev` (the chain skips this row); or its hash only verifies under a lower seq.
 * - REORDERED: the event links to a later event's hash (whole rows swapped), or its content
 *   hashes correctly at a later position (contents swapped) — reported at the first of them.
 * - EDITED: the event links correctly but its content no longer gives its hash, or nothing
 *   above explains the broken link.
 */
export function diagnoseChainBreak(
  prev: ChainPoint,
  window: AuditEvent[],
  headSeq: number = Number.POSITIVE_INFINITY,
): VerifyFailure {
  const event = window[0];
  if (!event) throw new Error('diagnoseChainBreak needs the event that broke the chain');
  const later = window.slice(1);
  const expected = prev.seq + 1;
  const fail = (firstBadSeq: number, problem: VerifyProblem, message: string): VerifyFailure => ({
    ok: false,
    firstBadSeq,
    problem,
    message,
  });

  if (event.seq < expected) {
    return fail(event.seq, 'INSERTED', `event ${event.seq} appears where ${expected} was expected`);
  }
  if (event.seq > headSeq) {
    return fail(
      event.seq,
      'INSERTED',
      `event ${event.seq} is past the head (${headSeq}): never appended through the log`,
    );
  }
  if (event.seq > expected) {
    const missing = event.seq - 1 === expected ? `${expected}` : `${expected}..${event.seq - 1}`;
    return fail(expected, 'DELETED', `event(s) ${missing} are missing`);
  }

  const hashAt = (seq: number, prevHash: string) => auditEventHash({ ...event, seq, prevHash });
  if (event.prevHash === prev.hash) {
    const home = later.find((other) => hashAt(other.seq, other.prevHash) === other.hash);
    if (home) {
      return fail(
        event.seq,
        'REORDERED',
        `event ${event.seq} holds the content of event ${home.seq}`,
      );
    }
    return fail(event.seq, 'EDITED', `event ${event.seq} no longer matches its hash`);
  }

  const successorOf = later.find((other) => other.hash === event.prevHash);
  if (successorOf) {
    return fail(
      event.seq,
      'REORDERED',
      `event ${event.seq} links to the later event ${successorOf.seq}`,
    );
  }
  if (prev.prevHash !== null && event.prevHash === prev.prevHash) {
    return fail(
      prev.seq,
      'INSERTED',
      `event ${prev.seq} was inserted: event ${event.seq} links past it`,
    );
  }
  if (later[0]?.prevHash === prev.hash) {
    return fail(event.seq, 'INSERTED', `event ${event.seq} was inserted: the chain skips it`);
  }
  for (let shift = 1; shift <= RENUMBER_SEARCH; shift++) {
    if (hashAt(event.seq + shift, event.prevHash) === event.hash) {
      return fail(
        event.seq,
        'DELETED',
        `${shift} event(s) before ${event.seq} were deleted and the rest renumbered`,
      );
    }
    if (event.seq - shift > 0 && hashAt(event.seq - shift, event.prevHash) === event.hash) {
      return fail(
        event.seq,
        'INSERTED',
        `${shift} event(s) were inserted before ${event.seq} and the rest renumbered`,
      );
    }
  }
  return fail(event.seq, 'EDITED', `event ${event.seq} does not link to event ${prev.seq}`);
}
