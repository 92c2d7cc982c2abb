import type { JWK } from 'jose';
import type { ProofBundle } from '../audit/ProofBundle.js';
import { EVIDENCE_PACKAGE_FORMAT } from './EvidencePackage.js';
import type { CustodyEntry, EvidencePackage } from './EvidencePackage.js';

/** The files of an export and what each holds (docs/evidence.md). */
export const EXPORT_FILES = {
  index: 'package.json',
  manifest: 'manifest.jsonld',
  signature: 'manifest.jws',
  custody: 'custody.json',
  proof: 'audit-proof.json',
} as const;

const encode = (text: string) => new TextEncoder().encode(text);
const pretty = (value: unknown) => encode(`${JSON.stringify(value, null, 2)}\n`);

/**
 * An export of a package as files (path → bytes), for a directory or a zip: the items as
 * stored (absent once destroyed), the manifest's exact bytes and its detached signature, the
 * custody chain, and the audit proof of the package's EVIDENCE_PACKAGE event with the
 * checkpoint that covers it. The member's public key rides along for reading; a verifier
 * trusts only the key the member published.
 */
export function evidenceExportFiles(
  pkg: EvidencePackage,
  custody: readonly CustodyEntry[],
  proof: ProofBundle,
  publicJwk: JWK,
): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  files.set(
    EXPORT_FILES.index,
    pretty({
      format: EVIDENCE_PACKAGE_FORMAT,
      packageId: pkg.id,
      requestId: pkg.requestId,
      jurisdiction: pkg.jurisdiction,
      caseRef: pkg.caseRef,
      issuingState: pkg.issuingState,
      issuingAgency: pkg.issuingAgency,
      createdAt: pkg.createdAt,
      retainUntil: pkg.retainUntil,
      destroyedAt: pkg.destroyedAt,
      manifestSha256: pkg.manifestSha256,
      auditSeq: pkg.auditSeq,
      publicJwk,
      items: pkg.items.map(({ content: _content, ...item }) => item),
    }),
  );
  files.set(EXPORT_FILES.manifest, encode(pkg.manifest));
  files.set(EXPORT_FILES.signature, encode(`${pkg.signature}\n`));
  files.set(EXPORT_FILES.custody, pretty(custody));
  files.set(EXPORT_FILES.proof, pretty(proof));
  for (const item of pkg.items) {
    if (item.content !== null) files.set(item.name, encode(item.content));
  }
  return files;
}
