import type { AuditEvent, AuditEventInput } from '../audit/AuditEvent.js';
import type { CustodyEntry, CustodyEntryInput, EvidencePackage } from './EvidencePackage.js';

/** A package as built and signed, before its audit event gives it `auditSeq`. */
export type EvidencePackageDraft = Omit<EvidencePackage, 'auditSeq' | 'destroyedAt'>;

/** The acting request's event, whose kind and detail the evidence log sets. */
export type EvidenceEventBase = Omit<AuditEventInput, 'kind' | 'detail'>;

/**
 * A member's evidence packages and their custody chains, in its audit database. Every write
 * commits with its audit event (EVIDENCE_PACKAGE, EVIDENCE_CUSTODY) in one transaction.
 */
export interface EvidenceLog {
  byRequest(requestId: string): Promise<EvidencePackage | null>;
  byId(packageId: string): Promise<EvidencePackage | null>;
  custody(packageId: string): Promise<CustodyEntry[]>;
  /**
   * Stores the package with its EVIDENCE_PACKAGE event (the manifest's SHA-256 on the chain)
   * and its CREATED and MADE_AVAILABLE custody entries, in one transaction. A request has at
   * most one package: when it already has one, that one is returned and nothing is written.
   */
  store(
    draft: EvidencePackageDraft,
    event: EvidenceEventBase,
    madeAvailableTo: CustodyEntryInput['actor'],
  ): Promise<EvidencePackage>;
  /** Appends a custody entry and its EVIDENCE_CUSTODY event in one transaction. */
  recordCustody(
    packageId: string,
    entry: CustodyEntryInput,
    event: EvidenceEventBase,
  ): Promise<{ entry: CustodyEntry; event: AuditEvent }>;
  /**
   * Destroys the content of every package retained until `now` or earlier: a DESTROYED
   * custody entry and its event, then the items' content set to null; hashes, manifest,
   * signature and custody stay. Returns the packages destroyed.
   */
  destroyExpired(now: string, event: EvidenceEventBase): Promise<string[]>;
  /** A detached JWS over `payload` with the member's Ed25519 key (`signDetachedJws`). */
  sign(payload: string, typ: string): Promise<string>;
}
