import { describe, expect, it } from 'vitest';
import { claimConflicts } from '../../../../subgraphs/kit/claims/claimConflicts.js';
import type { ClaimState, VictimClaim } from '../../../../subgraphs/kit/claims/VictimClaim.js';

const hash = (n: number) => n.toString(16).padStart(64, '0');

/** A claim on one asset of one order: only id, state, amount and cited hashes matter here. */
const claim = (id: string, state: ClaimState, units: string, hashes: number[]): VictimClaim =>
  ({
    id,
    state,
    form: {
      orderId: 'rco-req-de-000001',
      asset: 'BTC',
      amountUnits: units,
      lossAt: '2025-01-01T00:00:00.000Z',
      evidence: hashes.map((n) => ({ transactionHash: hash(n), fromWallet: null })),
      claimant: { name: 'X', birthDate: null, idNumber: null, country: 'FR' },
    },
  }) as VictimClaim;

describe('claimConflicts', () => {
  it.each([
    {
      case: 'claims that fit what is held',
      claims: [claim('c1', 'VERIFIED', '60', [1]), claim('c2', 'FILED', '40', [2])],
      held: 100n,
      expected: [],
    },
    {
      case: 'claims one unit over what is held',
      claims: [claim('c2', 'FILED', '41', [2]), claim('c1', 'VERIFIED', '60', [1])],
      held: 100n,
      expected: [
        {
          kind: 'OVER_SUBSCRIBED',
          claimIds: ['c1', 'c2'],
          transactionHash: null,
          detail: '101 units claimed, 100 held',
        },
      ],
    },
    {
      case: 'every live state counted, rejected and withdrawn claims not',
      claims: [
        claim('c1', 'FILED', '10', [1]),
        claim('c2', 'UNDER_VERIFICATION', '10', [2]),
        claim('c3', 'VERIFIED', '10', [3]),
        claim('c4', 'ALLOCATED', '10', [4]),
        claim('c5', 'PAID', '10', [5]),
        claim('c6', 'REJECTED', '1000', [6]),
        claim('c7', 'WITHDRAWN', '1000', [7]),
      ],
      held: 49n,
      expected: [
        {
          kind: 'OVER_SUBSCRIBED',
          claimIds: ['c1', 'c2', 'c3', 'c4', 'c5'],
          transactionHash: null,
          detail: '50 units claimed, 49 held',
        },
      ],
    },
    {
      case: 'nothing held (a freeze before any holding is known)',
      claims: [claim('c1', 'FILED', '1', [1])],
      held: 0n,
      expected: [
        {
          kind: 'OVER_SUBSCRIBED',
          claimIds: ['c1'],
          transactionHash: null,
          detail: '1 units claimed, 0 held',
        },
      ],
    },
    {
      case: 'one transaction cited by two claims',
      claims: [claim('c2', 'FILED', '10', [3, 2]), claim('c1', 'VERIFIED', '10', [2])],
      held: 100n,
      expected: [
        {
          kind: 'SAME_LOSS',
          claimIds: ['c1', 'c2'],
          transactionHash: hash(2),
          detail: 'the same transaction is the loss of 2 claims',
        },
      ],
    },
    {
      case: 'a transaction cited again by a withdrawn claim only',
      claims: [claim('c1', 'VERIFIED', '10', [2]), claim('c2', 'WITHDRAWN', '10', [2])],
      held: 100n,
      expected: [],
    },
    {
      case: 'both conflicts, SAME_LOSS per transaction in hash order',
      claims: [
        claim('c1', 'VERIFIED', '60', [9, 4]),
        claim('c2', 'VERIFIED', '50', [4]),
        claim('c3', 'FILED', '30', [9, 4]),
      ],
      held: 100n,
      expected: [
        {
          kind: 'OVER_SUBSCRIBED',
          claimIds: ['c1', 'c2', 'c3'],
          transactionHash: null,
          detail: '140 units claimed, 100 held',
        },
        {
          kind: 'SAME_LOSS',
          claimIds: ['c1', 'c2', 'c3'],
          transactionHash: hash(4),
          detail: 'the same transaction is the loss of 3 claims',
        },
        {
          kind: 'SAME_LOSS',
          claimIds: ['c1', 'c3'],
          transactionHash: hash(9),
          detail: 'the same transaction is the loss of 2 claims',
        },
      ],
    },
    {
      case: 'amounts beyond 2^53, exact',
      claims: [
        claim('c1', 'VERIFIED', '9007199254740993', [1]),
        claim('c2', 'VERIFIED', '9007199254740993', [2]),
      ],
      held: 18014398509481985n,
      expected: [
        {
          kind: 'OVER_SUBSCRIBED',
          claimIds: ['c1', 'c2'],
          transactionHash: null,
          detail: '18014398509481986 units claimed, 18014398509481985 held',
        },
      ],
    },
  ])('$case', ({ claims, held, expected }) => {
    expect(claimConflicts(claims, held)).toEqual(expected);
  });

  it('gives the same answer whatever order the claims come in', () => {
    const claims = [
      claim('c3', 'FILED', '30', [2]),
      claim('c1', 'VERIFIED', '60', [1]),
      claim('c2', 'VERIFIED', '50', [2]),
    ];
    expect(claimConflicts([...claims].reverse(), 100n)).toEqual(claimConflicts(claims, 100n));
  });
});
