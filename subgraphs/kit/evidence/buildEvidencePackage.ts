import { createHash } from 'node:crypto';
import { canonicalJson } from '../audit/canonicalJson.js';
import type { CrossBorderRequest, RequestActor } from '../requests/CrossBorderRequest.js';
import type { EvidencePackageDraft } from './EvidenceLog.js';
import type { StoredEvidenceItem } from './EvidencePackage.js';
import { evidenceManifest } from './evidenceManifest.js';
import type { EvidenceRelease } from './releaseForEvidence.js';

/** The `typ` of a manifest's signature: it signs nothing else. */
export const MANIFEST_JWS_TYPE = 'comity-evidence-manifest+jws';

const DAY_MS = 86_400_000;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const safeName = (text: string) => text.replace(/[^A-Za-z0-9._-]/g, '_');

export interface EvidencePackageInput {
  request: CrossBorderRequest;
  release: EvidenceRelease;
  /** Who executed the request (the EXECUTE transition's actor) and under which role. */
  executor: RequestActor & { role: string };
  instrument: string;
  /** The member's retention for formal releases (its `auditRetentionDays`), when the request sets none. */
  defaultRetentionDays: number;
  now: string;
  sign: (payload: string, typ: string) => Promise<string>;
}

/**
 * The package of an executed request: each released record as canonical JSON with its
 * SHA-256 and what was minimised or withheld in it, the CASE/UCO manifest over them, and the
 * member's detached signature over the manifest's canonical bytes. Its retention is the
 * de-anonymisation's own (`retentionDays` of the form) or the member's.
 */
export async function buildEvidencePackage(
  input: EvidencePackageInput,
): Promise<EvidencePackageDraft> {
  const { request, release } = input;
  const packageId = `evp-${request.id}`;
  const items: StoredEvidenceItem[] = release.records.map((record, index) => {
    const content = canonicalJson(record.record);
    return {
      name: `items/${String(index + 1).padStart(3, '0')}-${record.category}-${safeName(record.recordId)}.json`,
      category: record.category,
      recordId: record.recordId,
      sha256: sha256(content),
      size: Buffer.byteLength(content, 'utf8'),
      redactions: record.redactions,
      content,
    };
  });
  const executedAt = request.executedAt ?? input.now;
  const retentionDays =
    request.form.type === 'DE_ANONYMISATION'
      ? request.form.deAnonymisation.retentionDays
      : input.defaultRetentionDays;
  const retainUntil = new Date(Date.parse(executedAt) + retentionDays * DAY_MS).toISOString();
  const authorisation =
    request.form.type === 'DE_ANONYMISATION'
      ? {
          type: 'Judicial authorisation of de-anonymisation',
          identifier: request.form.deAnonymisation.judicialAuthorisation,
          at: request.recognisedAt,
        }
      : {
          type: `Recognition under ${input.instrument}`,
          identifier: `${request.id} recognised by ${request.recognisedBy ?? 'the executing authority'}`,
          at: request.recognisedAt,
        };
  const manifest = canonicalJson(
    evidenceManifest({
      packageId,
      jurisdiction: request.executingState,
      request: {
        id: request.id,
        type: request.type,
        instrument: input.instrument,
        caseRef: request.caseRef,
        issuingState: request.issuingState,
        issuingAgency: request.issuingAgency,
        authorisation,
      },
      performer: {
        subject: input.executor.subject,
        role: input.executor.role,
        agency: input.executor.agency,
        country: input.executor.country,
      },
      executedAt,
      createdAt: input.now,
      retainUntil,
      withheldCategories: release.withheldCategories,
      items,
    }),
  );
  return {
    id: packageId,
    requestId: request.id,
    jurisdiction: request.executingState,
    caseRef: request.caseRef,
    issuingState: request.issuingState,
    issuingAgency: request.issuingAgency,
    createdAt: input.now,
    retainUntil,
    manifest,
    manifestSha256: sha256(manifest),
    signature: await input.sign(manifest, MANIFEST_JWS_TYPE),
    items,
  };
}
