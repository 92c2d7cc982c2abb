import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  appendToFrontier,
  emptyFrontier,
  frontierRoot,
  inclusionProof,
  leafHash,
  merkleRoot,
  verifyInclusion,
} from '../../../../subgraphs/kit/audit/merkle.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));

// The certificate-transparency reference test data (RFC 6962 trees): leaf inputs and the
// root of the first n of them (testonly/constants.go in google/trillian, merkle_tree_test.cc).
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(bytes);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const CT_INCLUSION: [number, string[]][] = [
  [
    0,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    5,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

/** RFC 6962 §2.1 written out literally, independently of merkle.ts: the test's own oracle. */
function naiveRoot(leaves: Uint8Array[]): string {
  const sha = (...parts: Uint8Array[]) => {
    const h = createHash('sha256');
    for (const part of parts) h.update(part);
    return new Uint8Array(h.digest());
  };
  const mth = (d: Uint8Array[]): Uint8Array => {
    if (d.length === 0) return sha();
    if (d.length === 1) return sha(Uint8Array.of(0), d[0]!);
    const k = 2 ** Math.floor(Math.log2(d.length - 1));
    return sha(Uint8Array.of(1), mth(d.slice(0, k)), mth(d.slice(k)));
  };
  return hex(mth(leaves));
}

const syntheticLeaves = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => new Uint8Array(createHash('sha256').update(`event ${i}`).digest()),
  );

describe('merkle (RFC 6962)', () => {
  it.each(CT_ROOTS.map((root, n) => [n, root] as const))(
    'MTH of the first %i reference leaves',
    (n, root) => {
      expect(hex(merkleRoot(CT_LEAVES.slice(0, n)))).toBe(root);
    },
  );

  it.each(CT_INCLUSION)(
    'reproduces and verifies the reference audit path of leaf %i in 8',
    (index, path) => {
      expect(inclusionProof(index, CT_LEAVES).map(hex)).toEqual(path);
      expect(
        verifyInclusion(
          leafHash(CT_LEAVES[index]!),
          index,
          8,
          path.map(bytes),
          bytes(CT_ROOTS[8]!),
        ),
      ).toBe(true);
    },
  );

  it('agrees with a naive implementation for every size up to 70', () => {
    for (let n = 0; n <= 70; n++)
      expect(hex(merkleRoot(syntheticLeaves(n)))).toBe(naiveRoot(syntheticLeaves(n)));
  });

  it('the frontier gives the same root as the whole tree after every append', () => {
    const leaves = syntheticLeaves(70);
    let frontier = emptyFrontier();
    expect(hex(frontierRoot(frontier))).toBe(naiveRoot([]));
    leaves.forEach((leaf, i) => {
      frontier = appendToFrontier(frontier, leafHash(leaf));
      expect(hex(frontierRoot(frontier))).toBe(naiveRoot(leaves.slice(0, i + 1)));
      expect(frontier.subtrees).toHaveLength(
        [...(i + 1).toString(2)].filter((bit) => bit === '1').length,
      );
    });
  });

  it('every leaf of every tree up to 33 has a proof that verifies, and only at its own index', () => {
    for (let n = 1; n <= 33; n++) {
      const leaves = syntheticLeaves(n);
      const root = merkleRoot(leaves);
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(i, leaves);
        expect(verifyInclusion(leafHash(leaves[i]!), i, n, proof, root)).toBe(true);
        if (n > 1) {
          expect(verifyInclusion(leafHash(leaves[i]!), (i + 1) % n, n, proof, root)).toBe(false);
          expect(verifyInclusion(leafHash(leaves[(i + 1) % n]!), i, n, proof, root)).toBe(false);
        }
      }
    }
  });

  it('rejects a tampered path, a truncated path and an index outside the tree', () => {
    const leaves = syntheticLeaves(13);
    const root = merkleRoot(leaves);
    const proof = inclusionProof(6, leaves);
    const flipped = proof.map((p, i) =>
      i === 1 ? Uint8Array.from(p, (b, j) => (j === 0 ? b ^ 1 : b)) : p,
    );
    expect(verifyInclusion(leafHash(leaves[6]!), 6, 13, flipped, root)).toBe(false);
    expect(verifyInclusion(leafHash(leaves[6]!), 6, 13, proof.slice(1), root)).toBe(false);
    expect(verifyInclusion(leafHash(leaves[6]!), 13, 13, proof, root)).toBe(false);
    expect(() => inclusionProof(13, leaves)).toThrow(RangeError);
  });
});
