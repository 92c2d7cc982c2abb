import type { JsonValue } from '../audit/canonicalJson.js';

/** The export's format marker, in `package.json` of every export. */
export const EVIDENCE_PACKAGE_FORMAT = 'comity-evidence/1';

/** The request types whose execution produces a package (docs/evidence.md). */
export const EVIDENCE_REQUEST_TYPES = [
  'DISCLOSURE',
  'DE_ANONYMISATION',
  'FREEZING',
  'CONFISCATION',
] as const;

/** What the minimisation or the policy did to one field of an item: names, never values. */
export interface ItemRedaction {
  /** Schema coordinate, `ExchangeDisclosure.originatorPersons`. */
  field: string;
  /** A `MinimizeStrategy` (`MASK`, `PSEUDONYM`, …), or `WITHHELD:<reason>` for a denied field. */
  strategy: string;
}

/** One released record, as the issuing case receives it. */
export interface EvidenceItem {
  /** `items/<n>-<category>-<record id>.json` in an export. */
  name: string;
  /** The release field it came from: `watchlistEntries`, `identity`, `freezingOrder`… */
  category: string;
  /** The record's id, or `subject` for a de-anonymised identity. */
  recordId: string;
  /** Lowercase hex SHA-256 of the UTF-8 bytes of `content`. */
  sha256: string;
  size: number;
  /** What was minimised or withheld in this record's types. */
  redactions: ItemRedaction[];
}

/** An item with its content; `content` is null once the package was destroyed. */
export interface StoredEvidenceItem extends EvidenceItem {
  /** The record in the project's canonical JSON (RFC 8785). */
  content: string | null;
}

/** The hash chain of one package's handling. */
export const CUSTODY_ACTIONS = [
  'CREATED',
  'MADE_AVAILABLE',
  'RETRIEVED',
  'RECEIPT_COUNTERSIGNED',
  'EXPORTED',
  'COPIED',
  'SEALED',
  'DESTROYED',
] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

/**
 * What a holder records of its own handling: the executing member (`evidence:custody`) or the
 * receiving case of its copy (`recordEvidenceCustody`). The detail says which side.
 */
export const HOLDER_CUSTODY_ACTIONS = ['COPIED', 'SEALED'] as const;
export type HolderCustodyAction = (typeof HOLDER_CUSTODY_ACTIONS)[number];

/** Who did it: from the gateway-signed context, or the member's own command. */
export interface CustodyActor {
  subject: string;
  role: string;
  agency: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

export interface CustodyEntryInput {
  action: CustodyAction;
  at: string;
  actor: CustodyActor;
  /** Receipts, export targets, destruction reasons; never record values. */
  detail: Record<string, JsonValue>;
}

export interface CustodyEntry extends CustodyEntryInput {
  packageId: string;
  /** 1, 2, 3… per package. */
  seq: number;
  /** The previous entry's hash; for seq 1 the manifest's SHA-256, which binds the chain to it. */
  prevHash: string;
  hash: string;
}

/** A package as the executing member stores it. */
export interface EvidencePackage {
  /** `evp-<request id>`. */
  id: string;
  requestId: string;
  jurisdiction: string;
  caseRef: string;
  issuingState: string;
  issuingAgency: string;
  createdAt: string;
  /** Content is destroyed after this (hashes and custody stay). */
  retainUntil: string;
  /** The manifest's exact bytes (canonical JSON of the JSON-LD document). */
  manifest: string;
  manifestSha256: string;
  /** Detached compact JWS (RFC 7515 App. F) over `manifest`: `header..signature`. */
  signature: string;
  /** The EVIDENCE_PACKAGE event that put `manifestSha256` on the audit chain. */
  auditSeq: number;
  destroyedAt: string | null;
  items: StoredEvidenceItem[];
}
