import { describe, expect, it } from 'vitest';
import { normalizeWalletId } from '../../../../core/identifiers/index.js';
import { createRng } from '../../../../subgraphs/kit/seed/createRng.js';
import {
  CROSS_BORDER_WALLET_COUNT,
  crossBorderWallets,
} from '../../../../subgraphs/kit/seed/crossBorderWallets.js';
import { syntheticWallet } from '../../../../subgraphs/kit/seed/syntheticWallet.js';

const BTC = 'bip122:000000000019d6689c085ae165831e93:';
const LTC = 'bip122:12a765e31ffd4059bada1e25190f6e98:';

describe('syntheticWallet', () => {
  const rng = createRng('wallets');
  const wallets = Array.from({ length: 1_000 }, () => syntheticWallet(rng));

  it('only produces ids normalizeWalletId keeps unchanged', () => {
    for (const id of wallets) expect(normalizeWalletId(id)).toBe(id);
  });

  it('covers every chain and address type, Ethereum the most', () => {
    const count = (predicate: (id: string) => boolean): number => wallets.filter(predicate).length;
    const eth = count((id) => id.startsWith('eip155:1:'));
    expect(eth).toBeGreaterThan(330);
    expect(eth).toBeLessThan(470);
    expect(count((id) => id.startsWith('eip155:137:'))).toBeGreaterThan(0);
    expect(count((id) => id.startsWith('eip155:56:'))).toBeGreaterThan(0);
    expect(count((id) => id.startsWith('tron:728126428:T'))).toBeGreaterThan(90);
    for (const prefix of ['1', '3', 'bc1q', 'bc1p']) {
      expect(count((id) => id.startsWith(BTC + prefix))).toBeGreaterThan(0);
    }
    for (const prefix of ['L', 'M', 'ltc1q']) {
      expect(count((id) => id.startsWith(LTC + prefix))).toBeGreaterThan(0);
    }
  });

  it('is deterministic', () => {
    const again = createRng('wallets');
    expect(Array.from({ length: 50 }, () => syntheticWallet(again))).toEqual(wallets.slice(0, 50));
  });
});

describe('crossBorderWallets', () => {
  it('holds CROSS_BORDER_WALLET_COUNT distinct valid wallets', () => {
    const pool = crossBorderWallets();
    expect(pool).toHaveLength(CROSS_BORDER_WALLET_COUNT);
    expect(new Set(pool).size).toBe(CROSS_BORDER_WALLET_COUNT);
    for (const id of pool) expect(normalizeWalletId(id)).toBe(id);
  });

  it('is the same list every time, and frozen', () => {
    expect(crossBorderWallets()).toBe(crossBorderWallets());
    expect(Object.isFrozen(crossBorderWallets())).toBe(true);
    // Recomputed from the documented seed: what another process would get.
    const rng = createRng('comity-cross-border');
    expect(syntheticWallet(rng)).toBe(crossBorderWallets()[0]);
  });
});
