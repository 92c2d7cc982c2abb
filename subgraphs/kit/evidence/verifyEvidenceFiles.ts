import { createHash } from 'node:crypto';
import type { JWK } from 'jose';
import type { ProofBundle } from '../audit/ProofBundle.js';
import { verifyProofBundle } from '../audit/verifyProofBundle.js';
import { MANIFEST_JWS_TYPE } from './buildEvidencePackage.js';
import { custodyEntryHash } from './custodyEntryHash.js';
import { EVIDENCE_PACKAGE_FORMAT } from './EvidencePackage.js';
import type { CustodyEntry, EvidenceItem } from './EvidencePackage.js';
import { EXPORT_FILES } from './evidenceExportFiles.js';
import { receiptPayload, RECEIPT_JWS_TYPE } from './receiptPayload.js';
import { detachedJwsProblem } from './verifyDetachedJws.js';

/** What failed, named so that a clerk can say which part of the package is wrong. */
export type EvidenceCheck =
  | 'FORMAT'
  | 'UNKNOWN_KEY'
  | 'SIGNATURE'
  | 'MANIFEST'
  | 'ITEM'
  | 'CUSTODY'
  | 'INCLUSION_PROOF'
  | 'CHECKPOINT_SIGNATURE';

export type EvidenceVerification =
  | { ok: true; summary: string[] }
  | { ok: false; check: EvidenceCheck; reason: string; summary: string[] };

interface PackageIndex {
  format: string;
  packageId: string;
  requestId: string;
  jurisdiction: string;
  caseRef: string;
  createdAt: string;
  retainUntil: string;
  destroyedAt: string | null;
  manifestSha256: string;
  auditSeq: number;
  items: EvidenceItem[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const sameKey = (a: JWK, b: JWK) => a.kty === b.kty && a.crv === b.crv && a.x === b.x;
/** Text from the export shown to a clerk: no terminal control sequences, one line. */
const printable = (value: unknown) => String(value).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** One custody entry as a clerk reads it: what, when, by whom, and what it says. */
function custodyLine(entry: CustodyEntry, countersignature: string | null): string {
  const by = `${entry.seq}. ${entry.action} ${entry.at} by ${entry.actor.agency} (${entry.actor.country})`;
  const { detail } = entry;
  switch (entry.action) {
    case 'RETRIEVED':
      return `${by}, receipt of ${detail.caseRef}`;
    case 'RECEIPT_COUNTERSIGNED':
      return `${by}, receipt ${detail.receiptSeq} ${countersignature}`;
    case 'EXPORTED':
      return `${by}, as a ${detail.format}`;
    case 'COPIED':
    case 'SEALED':
      return `${by}, ${detail.side === 'RECEIVING' ? 'its copy' : 'held by the executing member'}: ${detail.note}`;
    case 'DESTROYED':
      return `${by}: ${detail.reason}`;
    default:
      return by;
  }
}

class Failure extends Error {
  constructor(
    readonly check: EvidenceCheck,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Verifies an exported evidence package offline, in the order a court would ask: is the key
 * the member's published one, does the signature hold over the manifest, do the items
 * present match the manifest's hashes (none added, none missing unless destroyed), is the
 * custody chain unbroken from the manifest, is the package's event in the audit log a signed
 * checkpoint describes. Stops at the first failure and names it. `trustedKey(cc)` gives the
 * key a member published (the member's and any receiver's); null when not known.
 */
export function verifyEvidenceFiles(
  files: ReadonlyMap<string, Uint8Array>,
  trustedKey: (country: string) => JWK | null,
): EvidenceVerification {
  const summary: string[] = [];
  try {
    const file = (name: string) => {
      const bytes = files.get(name);
      if (!bytes) throw new Failure('FORMAT', `${name} is missing`);
      return bytes;
    };
    const json = <T>(name: string): T => {
      try {
        return JSON.parse(decode(file(name))) as T;
      } catch (error) {
        if (error instanceof Failure) throw error;
        throw new Failure('FORMAT', `${name} is not JSON`);
      }
    };
    const index = json<PackageIndex>(EXPORT_FILES.index);
    if (index.format !== EVIDENCE_PACKAGE_FORMAT) {
      throw new Failure(
        'FORMAT',
        `${EXPORT_FILES.index} is not a ${EVIDENCE_PACKAGE_FORMAT} package`,
      );
    }
    const cc = index.jurisdiction;
    summary.push(
      `Evidence package ${index.packageId} of ${cc}, request ${index.requestId}, case ${index.caseRef}`,
      `created ${index.createdAt}, retained until ${index.retainUntil}` +
        (index.destroyedAt ? `, content destroyed ${index.destroyedAt}` : ''),
    );

    // The key first: everything after is only as good as the key it verifies with.
    const key = trustedKey(cc);
    if (!key) throw new Failure('UNKNOWN_KEY', `no published key of ${cc} to verify with`);
    const proof = json<ProofBundle>(EXPORT_FILES.proof);
    if (!proof?.publicJwk || !sameKey(proof.publicJwk, key)) {
      throw new Failure(
        'UNKNOWN_KEY',
        `the audit proof is signed with a key that is not ${cc}'s published one`,
      );
    }

    const manifestBytes = file(EXPORT_FILES.manifest);
    const manifestText = decode(manifestBytes);
    const signature = decode(file(EXPORT_FILES.signature)).trim();
    const signatureProblem = detachedJwsProblem(signature, manifestText, MANIFEST_JWS_TYPE, key);
    if (signatureProblem) {
      throw new Failure('SIGNATURE', `the manifest's signature: ${signatureProblem}`);
    }
    summary.push(`manifest signed by ${cc} (key ${String(key.kid ?? key.x)})`);
    const manifestSha256 = sha256(manifestBytes);
    if (manifestSha256 !== index.manifestSha256) {
      throw new Failure(
        'MANIFEST',
        `the manifest's SHA-256 is not the one ${EXPORT_FILES.index} states`,
      );
    }

    // Items: what the manifest lists, hash for hash, against what the export holds.
    let manifest: { '@graph'?: Record<string, any>[] };
    try {
      manifest = JSON.parse(manifestText);
    } catch {
      throw new Failure('MANIFEST', 'the manifest is not JSON');
    }
    const nodes = new Map((manifest['@graph'] ?? []).map((node) => [node['@id'], node]));
    // What the summary shows a clerk comes from package.json, which nobody signed: it must
    // say what the signed manifest says, or a forged case or date would read as verified.
    const ofType = (type: string) => [...nodes.values()].find((node) => node['@type'] === type);
    const provenance = ofType('case-investigation:ProvenanceRecord');
    const action = ofType('case-investigation:InvestigativeAction');
    const requestNode = nodes.get(action?.['uco-action:object']?.[0]?.['@id']);
    if (
      provenance?.['case-investigation:exhibitNumber']?.['@value'] !== index.packageId ||
      provenance?.['uco-core:description']?.['@value'] !==
        `Evidence package ${index.packageId} of ${cc}, created ${index.createdAt}, retained until ${index.retainUntil}` ||
      requestNode?.['uco-core:name']?.['@value'] !== index.requestId ||
      !String(requestNode?.['uco-core:description']?.['@value']).includes(
        `, case ${index.caseRef}, under `,
      )
    ) {
      throw new Failure(
        'MANIFEST',
        `${EXPORT_FILES.index} states a package, request, case or date the signed manifest does not`,
      );
    }
    const listed = new Map<string, string>();
    for (const node of nodes.values()) {
      if (node['@type'] !== 'uco-observable:File') continue;
      const facet = nodes.get(node['uco-core:hasFacet']?.[0]?.['@id']);
      const hash = nodes.get(facet?.['uco-observable:hash']?.[0]?.['@id']);
      listed.set(node['uco-core:name']?.['@value'], hash?.['uco-types:hashValue']?.['@value']);
    }
    const indexed = new Map(index.items.map((item) => [item.name, item.sha256]));
    for (const [name, hash] of indexed) {
      if (listed.get(name) !== hash) {
        throw new Failure(
          'MANIFEST',
          `${EXPORT_FILES.index} lists ${name} with a hash the manifest does not`,
        );
      }
    }
    const destroyed = index.destroyedAt !== null;
    for (const [name, hash] of listed) {
      const bytes = files.get(name);
      if (!bytes) {
        if (destroyed) continue;
        throw new Failure('ITEM', `item ${name} is missing`);
      }
      if (sha256(bytes) !== hash)
        throw new Failure('ITEM', `item ${name} does not match its SHA-256`);
    }
    for (const name of files.keys()) {
      if (name.startsWith('items/') && !listed.has(name)) {
        throw new Failure('ITEM', `item ${name} is not in the manifest`);
      }
    }
    summary.push(
      destroyed
        ? `${listed.size} item(s) listed; content destroyed, hashes kept`
        : `${listed.size} item(s), each matching its SHA-256 in the manifest`,
    );

    // Custody: one unbroken chain from the manifest's hash.
    const custody = json<CustodyEntry[]>(EXPORT_FILES.custody);
    if (!Array.isArray(custody) || custody.length === 0) {
      throw new Failure('CUSTODY', 'the custody chain is empty');
    }
    let prev = manifestSha256;
    const countersignatures = new Map<number, string>();
    for (const [position, entry] of custody.entries()) {
      if (entry.seq !== position + 1 || entry.packageId !== index.packageId) {
        throw new Failure('CUSTODY', `custody entry ${position + 1} is out of place`);
      }
      if (entry.prevHash !== prev || custodyEntryHash(entry) !== entry.hash) {
        throw new Failure(
          'CUSTODY',
          `custody entry ${entry.seq} (${entry.action}) does not match its hash`,
        );
      }
      if (entry.action === 'RECEIPT_COUNTERSIGNED') {
        const receipt = custody.find((e) => e.seq === entry.detail.receiptSeq);
        const receiverKey = trustedKey(entry.actor.country);
        if (!receipt || receipt.hash !== entry.detail.receiptHash) {
          throw new Failure(
            'CUSTODY',
            `custody entry ${entry.seq} countersigns no receipt of this chain`,
          );
        }
        if (!receiverKey) {
          countersignatures.set(
            entry.seq,
            `(signature not checked: no published key of ${entry.actor.country})`,
          );
        } else {
          const problem = detachedJwsProblem(
            String(entry.detail.signature),
            receiptPayload({ id: index.packageId, manifestSha256 }, receipt),
            RECEIPT_JWS_TYPE,
            receiverKey,
          );
          if (problem) {
            throw new Failure(
              'CUSTODY',
              `custody entry ${entry.seq}: ${entry.actor.country}'s countersignature: ${problem}`,
            );
          }
          countersignatures.set(
            entry.seq,
            `countersigned with ${entry.actor.country}'s published key`,
          );
        }
      }
      prev = entry.hash;
    }
    if (custody[0]!.action !== 'CREATED') {
      throw new Failure('CUSTODY', 'custody entry 1 is not the creation');
    }
    summary.push(
      `custody: ${custody.length} entries, each linked to the one before`,
      ...custody.map(
        (entry) => `  ${custodyLine(entry, countersignatures.get(entry.seq) ?? null)}`,
      ),
    );

    // The audit chain: the manifest's hash is in an event a signed checkpoint covers: the
    // package's own event or, once the log's retention purged it, its destruction's.
    const event = proof.event;
    const destruction = custody.find((entry) => entry.action === 'DESTROYED');
    const ofThisPackage =
      event?.detail?.evidencePackage === index.packageId &&
      event.detail?.manifestSha256 === manifestSha256;
    const packageEvent = event?.kind === 'EVIDENCE_PACKAGE' && event.seq === index.auditSeq;
    const destructionEvent =
      event?.kind === 'EVIDENCE_CUSTODY' &&
      event.detail?.action === 'DESTROYED' &&
      destruction !== undefined &&
      event.seq === destruction.detail.auditSeq;
    if (!ofThisPackage || !(packageEvent || destructionEvent)) {
      throw new Failure(
        'INCLUSION_PROOF',
        `the audit proof is not of this package's EVIDENCE_PACKAGE event`,
      );
    }
    // Missing items are excused only by a destruction the member's log proves: a DESTROYED
    // entry anyone can append to an unsigned chain, an event under a signed checkpoint not.
    if (destroyed && (!destructionEvent || destruction.at !== index.destroyedAt)) {
      throw new Failure(
        'ITEM',
        `the items' content is said destroyed ${index.destroyedAt}, but the audit proof is not of that destruction`,
      );
    }
    const verified = verifyProofBundle(proof, { trustedPublicJwk: key });
    if (!verified.ok) {
      const reason = verified.reason ?? 'does not verify';
      throw reason.startsWith('checkpoint:')
        ? new Failure('CHECKPOINT_SIGNATURE', reason)
        : new Failure('INCLUSION_PROOF', reason);
    }
    summary.push(
      `in ${cc}'s audit log: event ${event.seq}` +
        (packageEvent ? '' : ', the destruction of its content') +
        `, leaf ${proof.leafIndex} of the checkpoint of ${proof.checkpoint.treeSize} events signed ${proof.checkpoint.issuedAt}`,
    );
    return { ok: true, summary: summary.map(printable) };
  } catch (error) {
    // A failed package's summary is read too: no control characters from it either.
    const shown = summary.map(printable);
    if (error instanceof Failure)
      return { ok: false, check: error.check, reason: printable(error.message), summary: shown };
    return {
      ok: false,
      check: 'FORMAT',
      reason: printable(`malformed package: ${(error as Error).message}`),
      summary: shown,
    };
  }
}
