import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '@noble/hashes/utils.js';

// RFC 6962 §2.1 Merkle Tree Hash (also RFC 9162 §2.1.1): leaves and interior nodes are
// hashed with distinct one-byte prefixes so that a leaf can never pass for a node
// (second-preimage attack on the tree), and a tree of n leaves splits at the largest power
// of two strictly below n, so a log that only grows keeps every earlier subtree intact.

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = Uint8Array.of(0x01);

/** SHA-256(0x00 || leafBytes). */
export function leafHash(leafBytes: Uint8Array): Uint8Array {
  return sha256(concatBytes(LEAF_PREFIX, leafBytes));
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
  return sha256(concatBytes(NODE_PREFIX, left, right));
}

/** MTH({}) = SHA-256 of the empty string. */
export const EMPTY_TREE_ROOT: Uint8Array = sha256(new Uint8Array(0));

/** The largest power of two strictly less than n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function rootOfHashes(hashes: Uint8Array[], from: number, to: number): Uint8Array {
  const n = to - from;
  if (n === 0) return EMPTY_TREE_ROOT;
  if (n === 1) return hashes[from]!;
  const k = splitPoint(n);
  return nodeHash(rootOfHashes(hashes, from, from + k), rootOfHashes(hashes, from + k, to));
}

/** MTH(D[n]) over the leaves' data (each hashed with the leaf prefix). */
export function merkleRoot(leaves: Uint8Array[]): Uint8Array {
  return rootOfHashes(leaves.map(leafHash), 0, leaves.length);
}

/** RFC 6962 §2.1.1 PATH(m, D[n]): the sibling hashes from leaf `index` up to the root. */
export function inclusionProof(index: number, leaves: Uint8Array[]): Uint8Array[] {
  if (!Number.isInteger(index) || index < 0 || index >= leaves.length) {
    throw new RangeError(`leaf index ${index} is outside a tree of ${leaves.length} leaves`);
  }
  const hashes = leaves.map(leafHash);
  const path: Uint8Array[] = [];
  const walk = (m: number, from: number, to: number): void => {
    const n = to - from;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      walk(m, from, from + k);
      path.push(rootOfHashes(hashes, from + k, to));
    } else {
      walk(m - k, from + k, to);
      path.push(rootOfHashes(hashes, from, from + k));
    }
  };
  walk(index, 0, hashes.length);
  return path;
}

/** RFC 9162 §2.1.3.2: does `proof` place `leaf` (a leaf hash) at `index` under `root`? */
export function verifyInclusion(
  leaf: Uint8Array,
  index: number,
  treeSize: number,
  proof: Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(treeSize)) return false;
  if (index < 0 || index >= treeSize) return false;
  // Plain numbers, not bitwise operators: tree sizes may exceed 2^31.
  let fn = index;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(r, root);
}

/**
 * The right edge of a growing tree: the roots of its perfect subtrees, largest (leftmost)
 * first — one per set bit of the leaf count. Appending a leaf and reading the root are
 * O(log n), so a checkpoint does not rehash the whole log.
 */
export interface MerkleFrontier {
  size: number;
  subtrees: Uint8Array[];
}

export function emptyFrontier(): MerkleFrontier {
  return { size: 0, subtrees: [] };
}

/** Adds one leaf hash; returns a new frontier. */
export function appendToFrontier(frontier: MerkleFrontier, leaf: Uint8Array): MerkleFrontier {
  const subtrees = [...frontier.subtrees, leaf];
  // Each trailing 1-bit of the old size is a perfect subtree of the same height as the
  // one just completed: merge them.
  for (let size = frontier.size; size % 2 === 1; size = Math.floor(size / 2)) {
    const right = subtrees.pop()!;
    const left = subtrees.pop()!;
    subtrees.push(nodeHash(left, right));
  }
  return { size: frontier.size + 1, subtrees };
}

/** MTH of the leaves appended so far: the subtree roots folded right to left. */
export function frontierRoot(frontier: MerkleFrontier): Uint8Array {
  const { subtrees } = frontier;
  if (subtrees.length === 0) return EMPTY_TREE_ROOT;
  let root = subtrees[subtrees.length - 1]!;
  for (let i = subtrees.length - 2; i >= 0; i--) root = nodeHash(subtrees[i]!, root);
  return root;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
