import type { CustodyEntry } from './EvidencePackage.js';

/** What a receiver countersigns (`receiptPayload`): the package and the RETRIEVED entry. */
export interface EvidenceReceipt {
  pkg: { id: string; manifestSha256: string };
  entry: Pick<CustodyEntry, 'seq' | 'hash'>;
}

const HEX64 = /^[0-9a-f]{64}$/;
type Json = { [key: string]: unknown };
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The `evidence` object in a GraphQL response `{ data: { <cc>: { request: { evidence } } } }`. */
function evidenceIn(value: Json): unknown {
  if (!isObject(value.data)) return value;
  const members = Object.values(value.data).filter(isObject);
  const request = members.length === 1 ? members[0]!.request : undefined;
  return isObject(request) ? request.evidence : undefined;
}

/**
 * The receipt in what the issuing case fetched: the `evidence` object of
 * `request(id) { evidence { id manifestSha256 receipt { seq hash } } }`, alone or in its whole
 * GraphQL response. Throws an Error saying what is missing.
 */
export function parseEvidenceReceipt(value: unknown): EvidenceReceipt {
  const evidence = isObject(value) ? evidenceIn(value) : undefined;
  if (!isObject(evidence)) {
    throw new Error('holds no evidence package (request(id) { evidence { … } })');
  }
  const { id, manifestSha256, receipt } = evidence;
  if (typeof id !== 'string' || !/^evp-/.test(id)) {
    throw new Error('evidence.id is not an evidence package id (evp-…)');
  }
  if (typeof manifestSha256 !== 'string' || !HEX64.test(manifestSha256)) {
    throw new Error('evidence.manifestSha256 is not a SHA-256 in lowercase hex');
  }
  if (!isObject(receipt))
    throw new Error('evidence.receipt is missing (ask for receipt { seq hash })');
  const { seq, hash } = receipt;
  if (!Number.isSafeInteger(seq) || (seq as number) < 1) {
    throw new Error('evidence.receipt.seq is not a custody entry number');
  }
  if (typeof hash !== 'string' || !HEX64.test(hash)) {
    throw new Error('evidence.receipt.hash is not a SHA-256 in lowercase hex');
  }
  return { pkg: { id, manifestSha256 }, entry: { seq: seq as number, hash } };
}
