import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { CompactSign } from 'jose';
import type { JWK } from 'jose';
import { canonicalJson } from './canonicalJson.js';

/**
 * A signed statement of the log's state that a partner jurisdiction can keep: "events
 * `firstSeq` … `firstSeq + treeSize − 1` have Merkle root `rootHash`, the last of them has
 * chain hash `headHash`". Before any purge `firstSeq` is 1; after a purge the tree restarts
 * at the first retained event (older checkpoints are dropped with the events they cover).
 */
export interface Checkpoint {
  jurisdiction: string;
  /** Seq of leaf 0. */
  firstSeq: number;
  /** Leaves (events) covered. */
  treeSize: number;
  /** RFC 6962 Merkle Tree Hash, hex; the leaves' data are the 32 raw bytes of each event hash. */
  rootHash: string;
  /** Hash of the event at `firstSeq + treeSize − 1` (the purge anchor for an empty tree). */
  headHash: string;
  issuedAt: string;
  /** Compact JWS (EdDSA, `kid`) whose payload is `canonicalJson(checkpointPayload(this))`. */
  signature: string;
}

export type CheckpointPayload = Omit<Checkpoint, 'signature'>;

/** What the signature covers: every other member, in RFC 8785 canonical form. */
export function checkpointPayload(checkpoint: CheckpointPayload): string {
  const { jurisdiction, firstSeq, treeSize, rootHash, headHash, issuedAt } = checkpoint;
  return canonicalJson({ jurisdiction, firstSeq, treeSize, rootHash, headHash, issuedAt });
}

/** The Ed25519 private key checkpoints are signed with, and its key id. */
export interface CheckpointSigningKey {
  privateKey: Parameters<CompactSign['sign']>[0];
  kid: string;
}

export async function signCheckpoint(
  payload: CheckpointPayload,
  key: CheckpointSigningKey,
): Promise<Checkpoint> {
  const signature = await new CompactSign(new TextEncoder().encode(checkpointPayload(payload)))
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .sign(key.privateKey);
  return { ...payload, signature };
}

/**
 * Checks the JWS offline and synchronously (node:crypto, no key fetch): EdDSA header, the
 * key id when the public key carries one, the Ed25519 signature, and that the signed payload
 * is exactly this checkpoint's canonical JSON. Returns the reason it fails, or null.
 */
export function checkpointSignatureProblem(checkpoint: Checkpoint, publicJwk: JWK): string | null {
  const parts = checkpoint.signature.split('.');
  if (parts.length !== 3) return 'signature is not a compact JWS';
  const [header64, payload64, signature64] = parts as [string, string, string];
  let header: { alg?: unknown; kid?: unknown };
  try {
    header = JSON.parse(Buffer.from(header64, 'base64url').toString('utf8'));
  } catch {
    return 'JWS header is not JSON';
  }
  if (header.alg !== 'EdDSA') return `JWS alg is ${String(header.alg)}, expected EdDSA`;
  if (publicJwk.kid !== undefined && header.kid !== publicJwk.kid) {
    return `signed with key ${String(header.kid)}, not ${publicJwk.kid}`;
  }
  if (Buffer.from(payload64, 'base64url').toString('utf8') !== checkpointPayload(checkpoint)) {
    return 'signed payload differs from the checkpoint';
  }
  try {
    const key = createPublicKey({
      key: publicJwk as import('node:crypto').JsonWebKey,
      format: 'jwk',
    });
    const valid = verifySignature(
      null,
      Buffer.from(`${header64}.${payload64}`, 'ascii'),
      key,
      Buffer.from(signature64, 'base64url'),
    );
    return valid ? null : 'Ed25519 signature does not verify';
  } catch (error) {
    return `public key unusable: ${(error as Error).message}`;
  }
}
