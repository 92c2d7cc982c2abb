import { describe, expect, it } from 'vitest';
import { walletForRecord } from '../../../../subgraphs/fr/seed/syntheticFrenchRecords.js';
import { syntheticDisclosureDocument } from '../../../../subgraphs/sg/seed/syntheticDisclosureDocument.js';
import { createRng } from '../../../../subgraphs/kit/seed/createRng.js';
import {
  POOL_REUSE_LAST_RECORD,
  crossBorderWallets,
  reusesPoolWallet,
} from '../../../../subgraphs/kit/seed/crossBorderWallets.js';

// The scale check compares one cross-border wallet at 10,000 and at 1,000,000 records per
// registry: that is a lookup benchmark only if the wallet carries the same records at both.

const pool = new Set(crossBorderWallets());
const indices = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe('cross-border wallet reuse stops at POOL_REUSE_LAST_RECORD', () => {
  it('reuses at about the given share up to the limit and never after it', () => {
    const rng = createRng('reuse');
    const before = indices(POOL_REUSE_LAST_RECORD - 3_999, 4_000).filter((i) =>
      reusesPoolWallet(rng, i, 0.05),
    ).length;
    expect(before).toBeGreaterThan(120);
    expect(before).toBeLessThan(280);
    const after = indices(POOL_REUSE_LAST_RECORD + 1, 4_000).filter((i) =>
      reusesPoolWallet(rng, i, 0.05),
    );
    expect(after).toEqual([]);
  });

  it('gives French records past the limit fresh wallets only', () => {
    const rng = createRng('fr-reuse');
    const early = indices(101, 4_000).map((i) => walletForRecord(rng.fork(String(i)), i));
    expect(early.some((wallet) => pool.has(wallet))).toBe(true);
    const late = indices(POOL_REUSE_LAST_RECORD + 1, 4_000).map((i) =>
      walletForRecord(rng.fork(String(i)), i),
    );
    expect(late.filter((wallet) => pool.has(wallet))).toEqual([]);
  });

  it('anchors Singapore disclosures past the limit on fresh wallets only', () => {
    const rng = createRng('sg-reuse');
    const anchored = (i: number) => JSON.stringify(syntheticDisclosureDocument(rng, i));
    const mentionsPool = (text: string) =>
      [...pool].some((wallet) => text.includes(wallet.split(':').at(-1)!));
    expect(indices(101, 2_000).some((i) => mentionsPool(anchored(i)))).toBe(true);
    expect(
      indices(POOL_REUSE_LAST_RECORD + 1, 2_000).filter((i) => mentionsPool(anchored(i))),
    ).toEqual([]);
  });
});
