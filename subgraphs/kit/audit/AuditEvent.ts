import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.js';

/**
 * REQUEST_TRANSITION: a cross-border request filed or moved on; its detail names the request
 * (`crossBorderRequest`), type, action, states, version and ground, never the form.
 * EVIDENCE_PACKAGE: an executed request's evidence package was created; its detail carries the
 * manifest's SHA-256, so the next checkpoint covers the manifest. EVIDENCE_CUSTODY: an entry
 * of a package's custody chain (retrieved, countersigned, exported, destroyed…).
 * CLAIM_EVENT: a victim's claim, an innocent holder's objection, an allocation or a
 * disposition recorded; ids, states, assets, amounts and the allocation's hash, never a name.
 */
export const AUDIT_EVENT_KINDS = [
  'ACCESS',
  'REVIEW_DECISION',
  'PURGE',
  'REQUEST_TRANSITION',
  'EVIDENCE_PACKAGE',
  'EVIDENCE_CUSTODY',
  'CLAIM_EVENT',
] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

export const AUDIT_DECISIONS = ['RELEASED', 'MINIMISED', 'DENIED', 'NONE'] as const;
export type AuditDecision = (typeof AUDIT_DECISIONS)[number];

/**
 * One request that touched data, as the jurisdiction records it (docs/architecture.md §6). Field names and
 * pseudonymised ids only — never a record value.
 */
export interface AuditEventInput {
  kind: AuditEventKind;
  /** ISO 8601 UTC; stored and hashed in `Date.prototype.toISOString` form (milliseconds, `Z`). */
  occurredAt: string;
  /** ISO 3166 alpha-2, upper case; must be the log's own jurisdiction. */
  jurisdiction: string;
  actor: string;
  roles: string[];
  agency: string;
  homeCountry: string;
  purpose: string | null;
  caseRef: string | null;
  requestId: string;
  operationHash: string;
  /** Pseudonymised entity ids only. */
  entities: string[];
  /** Field coordinates (`Type.field`) released as they are. */
  released: string[];
  minimised: { field: string; strategy: string }[];
  denied: { field: string; reason: string }[];
  decision: AuditDecision;
  emergency: boolean;
  /** Purge range/count/hash, review id/decision…; numbers are safe integers; never record values. */
  detail: Record<string, string | number | boolean | null>;
}

export interface AuditEvent extends AuditEventInput {
  /** 1, 2, 3… without gaps, in commit order. */
  seq: number;
  /** `hash` of the event at seq − 1, or the purge anchor, or `GENESIS_HASH` for seq 1. */
  prevHash: string;
  hash: string;
}

/** prevHash of the first event ever appended. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hashed content of an event: exactly the eighteen `AuditEventInput` members plus `seq`
 * — `prevHash` and `hash` are not part of it. Unknown members a caller may have added are
 * dropped, so what is hashed is what is stored.
 */
export function auditEventContent(event: AuditEventInput & { seq: number }) {
  return {
    kind: event.kind,
    occurredAt: event.occurredAt,
    jurisdiction: event.jurisdiction,
    actor: event.actor,
    roles: [...event.roles],
    agency: event.agency,
    homeCountry: event.homeCountry,
    purpose: event.purpose,
    caseRef: event.caseRef,
    requestId: event.requestId,
    operationHash: event.operationHash,
    entities: [...event.entities],
    released: [...event.released],
    minimised: event.minimised.map(({ field, strategy }) => ({ field, strategy })),
    denied: event.denied.map(({ field, reason }) => ({ field, reason })),
    decision: event.decision,
    emergency: event.emergency,
    detail: { ...event.detail },
    seq: event.seq,
  };
}

/**
 * The chain link. hash = lowercase hex SHA-256 over the UTF-8 bytes of
 *
 *     prevHash (64 lowercase hex characters) ‖ canonicalJson(auditEventContent(event))
 *
 * i.e. the previous event's hash as text immediately followed by the RFC 8785 canonical JSON
 * of the event's input members and its seq. Binding seq makes a moved event fail at its new
 * place; binding prevHash makes any edit, deletion or insertion break every later link.
 */
export function auditEventHash(event: AuditEventInput & { seq: number; prevHash: string }): string {
  const text = event.prevHash + canonicalJson(auditEventContent(event));
  // node:crypto, not a JavaScript SHA-256: an event is a few kB, hashed on every request.
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
