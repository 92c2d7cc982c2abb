import { describe, expect, it } from 'vitest';
import { policy } from '../../../../subgraphs/fr/policy.js';
import { ClaimRefusal } from '../../../../subgraphs/kit/claims/ClaimRefusal.js';
import {
  allocateClaim,
  allowedClaimActions,
  transitionClaim,
} from '../../../../subgraphs/kit/claims/transitionClaim.js';
import type {
  ClaimAction,
  ClaimActor,
  ClaimState,
  VictimClaim,
} from '../../../../subgraphs/kit/claims/VictimClaim.js';

const claims = policy.claims!;
const NOW = '2026-03-02T10:00:00.000Z';
const FILER: ClaimActor = {
  subject: 'p',
  roles: ['PROSECUTOR'],
  country: 'DE',
  agency: 'StA Köln',
};
const OFFICER: ClaimActor = {
  subject: 'o',
  roles: ['ASSET_RECOVERY_OFFICER'],
  country: 'FR',
  agency: 'AGRASC',
};
const FOREIGN_OFFICER: ClaimActor = { ...OFFICER, country: 'DE' };
const OTHER_AGENCY: ClaimActor = { ...FILER, agency: 'StA Bonn' };

const claim = (state: ClaimState, overrides: Partial<VictimClaim> = {}): VictimClaim => ({
  id: 'clm-fr-000001',
  state,
  version: 3,
  member: 'FR',
  form: {
    orderId: 'rco-req-fr-000001',
    asset: 'BTC',
    amountUnits: '100',
    lossAt: '2025-01-01T00:00:00.000Z',
    evidence: [{ transactionHash: 'a'.repeat(64), fromWallet: null }],
    claimant: { name: 'X', birthDate: null, idNumber: null, country: 'DE' },
  },
  filingState: 'DE',
  filingAgency: 'StA Köln',
  filingRole: 'PROSECUTOR',
  filedBy: 'p',
  caseRef: 'DE-1',
  filedAt: NOW,
  verifiedAt: null,
  verifiedBy: null,
  ground: null,
  reason: null,
  allocationId: 'alc-fr-000009',
  allocatedUnits: '60',
  paidAt: null,
  updatedAt: NOW,
  ...overrides,
});

describe('transitionClaim', () => {
  it.each<[ClaimState, ClaimAction, ClaimActor, ClaimState | string, Record<string, unknown>?]>([
    ['FILED', 'START_VERIFICATION', OFFICER, 'UNDER_VERIFICATION'],
    ['UNDER_VERIFICATION', 'VERIFY', OFFICER, 'VERIFIED', { reason: 'identity checked' }],
    ['UNDER_VERIFICATION', 'VERIFY', OFFICER, 'MISSING_FIELD'],
    [
      'UNDER_VERIFICATION',
      'REJECT',
      OFFICER,
      'REJECTED',
      { ground: 'NO_FINAL_AWARD', reason: 'r' },
    ],
    ['UNDER_VERIFICATION', 'REJECT', OFFICER, 'UNKNOWN_GROUND', { ground: 'NOPE', reason: 'r' }],
    ['FILED', 'VERIFY', OFFICER, 'WRONG_STATE', { reason: 'r' }],
    ['FILED', 'START_VERIFICATION', FOREIGN_OFFICER, 'ROLE_NOT_ALLOWED'],
    ['FILED', 'START_VERIFICATION', FILER, 'ROLE_NOT_ALLOWED'],
    ['ALLOCATED', 'WITHDRAW', FILER, 'WITHDRAWN'],
    ['VERIFIED', 'WITHDRAW', OTHER_AGENCY, 'ROLE_NOT_ALLOWED'],
    ['PAID', 'WITHDRAW', FILER, 'FINAL_STATE'],
    ['REJECTED', 'START_VERIFICATION', OFFICER, 'FINAL_STATE'],
    [
      'ALLOCATED',
      'PAY',
      OFFICER,
      'PAID',
      { currentAllocation: { id: 'alc-fr-000009', units: '60' } },
    ],
    [
      'ALLOCATED',
      'PAY',
      OFFICER,
      'ALLOCATION_STALE',
      { currentAllocation: { id: 'alc-fr-000010', units: '55' } },
    ],
    ['ALLOCATED', 'PAY', OFFICER, 'ALLOCATION_STALE'],
    ['VERIFIED', 'PAY', OFFICER, 'WRONG_STATE'],
  ])('%s, %s by %o → %s', (state, action, actor, expected, details = {}) => {
    const before = claim(state);
    const run = () => transitionClaim(before, { action, actor, now: NOW, ...details }, claims);
    if ((expected as string).includes('_') && !['UNDER_VERIFICATION'].includes(expected)) {
      const error = (() => {
        try {
          run();
        } catch (caught) {
          return caught;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(ClaimRefusal);
      expect((error as ClaimRefusal).reason).toBe(expected);
      expect(before.state).toBe(state);
      return;
    }
    const { claim: after, transition } = run();
    expect(after.state).toBe(expected);
    expect(after.version).toBe(4);
    expect(transition).toMatchObject({ from: state, to: expected, version: 4, action });
  });

  it('withdrawal keeps no share; paying fixes the share paid', () => {
    expect(
      transitionClaim(claim('ALLOCATED'), { action: 'WITHDRAW', actor: FILER, now: NOW }, claims)
        .claim.allocatedUnits,
    ).toBeNull();
  });

  it('allocates a verified claim by the allocating role only', () => {
    const { claim: allocated } = allocateClaim(
      claim('VERIFIED'),
      { id: 'alc-fr-000011', units: '42' },
      OFFICER,
      NOW,
      claims,
    );
    expect(allocated).toMatchObject({
      state: 'ALLOCATED',
      allocationId: 'alc-fr-000011',
      allocatedUnits: '42',
    });
    expect(() =>
      allocateClaim(claim('VERIFIED'), { id: 'a', units: '1' }, FILER, NOW, claims),
    ).toThrow(ClaimRefusal);
    expect(() =>
      allocateClaim(claim('FILED'), { id: 'a', units: '1' }, OFFICER, NOW, claims),
    ).toThrow(ClaimRefusal);
  });

  it('lists what each side may do', () => {
    expect(allowedClaimActions(claim('UNDER_VERIFICATION'), OFFICER, claims)).toEqual([
      'VERIFY',
      'REJECT',
    ]);
    expect(allowedClaimActions(claim('UNDER_VERIFICATION'), FILER, claims)).toEqual(['WITHDRAW']);
  });
});
