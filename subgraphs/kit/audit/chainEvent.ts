import { hexToBytes } from '@noble/hashes/utils.js';
import { auditEventHash } from './AuditEvent.js';
import type { AuditEvent, AuditEventInput } from './AuditEvent.js';
import type { ChainHead } from './ChainHead.js';
import { appendToFrontier, leafHash } from './merkle.js';

/** The Merkle leaf of an event: its chain hash's 32 raw bytes. */
export const eventLeaf = (hash: string): Uint8Array => leafHash(hexToBytes(hash));

/** The next event of the chain after `head`, and the head after it. */
export function chainEvent(
  head: ChainHead,
  input: AuditEventInput,
): { event: AuditEvent; head: ChainHead } {
  const unhashed = { ...input, seq: head.seq + 1, prevHash: head.hash };
  const event: AuditEvent = { ...unhashed, hash: auditEventHash(unhashed) };
  const next: ChainHead = {
    ...head,
    seq: event.seq,
    hash: event.hash,
    frontier: appendToFrontier(head.frontier, eventLeaf(event.hash)),
  };
  return { event, head: next };
}
