import { describe, expect, it } from 'vitest';
import {
  allocateRecovery,
  allocationHash,
  allocationJson,
} from '../../../../subgraphs/kit/claims/allocateRecovery.js';
import type { AllocationInput } from '../../../../subgraphs/kit/claims/allocateRecovery.js';

const claim = (id: string, units: bigint, day: number) => ({
  id,
  units,
  lossAt: `2025-01-${String(day).padStart(2, '0')}T00:00:00.000Z`,
});
const input = (overrides: Partial<AllocationInput>): AllocationInput => ({
  orderId: 'rco-req-de-000001',
  asset: 'BTC',
  recoveredUnits: 100n,
  heldByHoldersUnits: 0n,
  claims: [],
  rule: { order: 'PRO_RATA', remainder: 'LARGEST_REMAINDER' },
  ...overrides,
});
/** Victims' shares by claim id, then the state's. */
const shares = (allocation: ReturnType<typeof allocateRecovery>) =>
  Object.fromEntries(
    allocation.lines.map((line) => [line.claimId ?? 'STATE', line.allocatedUnits]),
  );

describe('allocateRecovery', () => {
  it.each([
    {
      name: 'claims that fit are paid in full, the state keeps the rest',
      input: input({ claims: [claim('a', 30n, 1), claim('b', 20n, 2)] }),
      expected: { a: '30', b: '20', STATE: '50' },
    },
    {
      name: 'over-subscription, pro rata, exact',
      input: input({ claims: [claim('a', 100n, 1), claim('b', 100n, 2)] }),
      expected: { a: '50', b: '50', STATE: '0' },
    },
    {
      name: 'over-subscription, largest remainder takes the left-over unit',
      // 100 × 60/140 = 42.86, × 50/140 = 35.71, × 30/140 = 21.43: floors 42+35+21 = 98.
      input: input({ claims: [claim('a', 60n, 3), claim('b', 50n, 2), claim('c', 30n, 1)] }),
      expected: { a: '43', b: '36', c: '21', STATE: '0' },
    },
    {
      name: 'over-subscription, earliest loss takes the left-over units',
      input: input({
        claims: [claim('a', 60n, 3), claim('b', 50n, 2), claim('c', 30n, 1)],
        rule: { order: 'PRO_RATA', remainder: 'EARLIEST_LOSS' },
      }),
      expected: { a: '42', b: '36', c: '22', STATE: '0' },
    },
    {
      name: 'over-subscription by date: earliest loss paid first, in full',
      input: input({
        claims: [claim('a', 60n, 3), claim('b', 50n, 2), claim('c', 30n, 1)],
        rule: { order: 'BY_DATE', remainder: 'LARGEST_REMAINDER' },
      }),
      expected: { a: '20', b: '50', c: '30', STATE: '0' },
    },
    {
      name: 'dust: 2 units among 3 equal claims, ties to the earlier loss',
      input: input({
        recoveredUnits: 2n,
        claims: [claim('a', 5n, 3), claim('b', 5n, 1), claim('c', 5n, 2)],
      }),
      expected: { a: '0', b: '1', c: '1', STATE: '0' },
    },
    {
      name: 'an upheld objection leaves the allocation first',
      input: input({ heldByHoldersUnits: 40n, claims: [claim('a', 100n, 1)] }),
      expected: { a: '60', STATE: '0' },
    },
    {
      name: 'a claim withdrawn after allocation: the rerun shares among the rest',
      input: input({ claims: [claim('a', 60n, 3), claim('c', 30n, 1)] }),
      expected: { a: '60', c: '30', STATE: '10' },
    },
    {
      name: 'amounts past 2^53 in wei stay exact',
      input: input({
        asset: 'ETH',
        recoveredUnits: 10n ** 21n + 1n,
        claims: [claim('a', 10n ** 21n, 1), claim('b', 10n ** 21n, 2)],
      }),
      expected: { a: '500000000000000000001', b: '500000000000000000000', STATE: '0' },
    },
  ])('$name', ({ input: given, expected }) => {
    const allocation = allocateRecovery(given);
    expect(shares(allocation)).toEqual(expected);
    const total = allocation.lines.reduce((sum, line) => sum + BigInt(line.allocatedUnits), 0n);
    expect(total).toBe(BigInt(allocation.allocatableUnits));
    for (const line of allocation.lines) {
      if (line.claimId) expect(BigInt(line.allocatedUnits) <= BigInt(line.claimedUnits)).toBe(true);
    }
  });

  it('two assets of one order are allocated apart, each in its own unit', () => {
    const claims = [claim('a', 3n * 10n ** 8n, 1), claim('b', 1n * 10n ** 8n, 2)];
    const btc = allocateRecovery(input({ asset: 'BTC', recoveredUnits: 2n * 10n ** 8n, claims }));
    const usdt = allocateRecovery(
      input({ asset: 'USDT', recoveredUnits: 10n ** 12n, claims: [claim('c', 5n * 10n ** 6n, 1)] }),
    );
    expect(shares(btc)).toEqual({ a: '150000000', b: '50000000', STATE: '0' });
    expect(shares(usdt)).toEqual({ c: '5000000', STATE: '999995000000' });
  });

  it('explains each line so it can be redone by hand', () => {
    const allocation = allocateRecovery(
      input({ claims: [claim('a', 60n, 3), claim('b', 50n, 2), claim('c', 30n, 1)] }),
    );
    expect(allocation.lines[0]!.explanation).toBe(
      '⌊100 × 60 / 140⌋ = 42, remainder 120/140, +1 left-over unit (LARGEST_REMAINDER rank 1): gets 43',
    );
    expect(allocation.lines[3]!.explanation).toBe(
      'recovered 100 − held by innocent holders 0 − victims 100 = 0, kept by the state after the victims',
    );
  });

  it('gives the same bytes whatever order the claims come in', () => {
    const claims = [claim('a', 60n, 3), claim('b', 50n, 2), claim('c', 30n, 1)];
    const one = allocateRecovery(input({ claims }));
    const two = allocateRecovery(input({ claims: [...claims].reverse() }));
    expect(allocationJson(two)).toBe(allocationJson(one));
    expect(allocationHash(two)).toBe(allocationHash(one));
    expect(allocationHash(one)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses input it cannot divide', () => {
    expect(() => allocateRecovery(input({ claims: [claim('a', 0n, 1)] }))).toThrow(RangeError);
    expect(() =>
      allocateRecovery(input({ claims: [claim('a', 1n, 1), claim('a', 2n, 2)] })),
    ).toThrow(RangeError);
    expect(() => allocateRecovery(input({ recoveredUnits: -1n }))).toThrow(RangeError);
    expect(() =>
      allocateRecovery(input({ after: { allocationIds: [], sharesUnits: 0n, disposedUnits: 0n } })),
    ).toThrow(RangeError);
    expect(() =>
      allocateRecovery(
        input({ after: { allocationIds: ['alc-1'], sharesUnits: -1n, disposedUnits: 0n } }),
      ),
    ).toThrow(RangeError);
  });
});

// Claims verified after a share of an allocation was paid: the paid and allocated shares of
// the closed allocation stay as recorded, the later claims divide what it left to the state.
describe('allocateRecovery after a closed allocation', () => {
  const after = (sharesUnits: bigint, disposedUnits = 0n, allocationIds = ['alc-de-000004']) => ({
    allocationIds,
    sharesUnits,
    disposedUnits,
  });

  it.each([
    {
      name: 'late claims that fit what is left are paid in full',
      input: input({ claims: [claim('d', 10n, 4), claim('e', 5n, 5)], after: after(70n) }),
      expected: { d: '10', e: '5', STATE: '15' },
      allocatable: '30',
    },
    {
      name: 'late claims exceeding what is left share it pro rata, largest remainder',
      // 30 × 40/70 = 17.14, × 30/70 = 12.86: floors 17 + 12 = 29, the unit to e (6/7 > 1/7).
      input: input({ claims: [claim('d', 40n, 4), claim('e', 30n, 5)], after: after(70n) }),
      expected: { d: '17', e: '13', STATE: '0' },
      allocatable: '30',
    },
    {
      name: 'late claims, pro rata with the left-over unit to the earliest loss',
      input: input({
        claims: [claim('d', 40n, 4), claim('e', 30n, 5)],
        rule: { order: 'PRO_RATA', remainder: 'EARLIEST_LOSS' },
        after: after(70n),
      }),
      expected: { d: '18', e: '12', STATE: '0' },
      allocatable: '30',
    },
    {
      name: 'late claims by date: the earliest loss first, in full',
      input: input({
        claims: [claim('d', 40n, 6), claim('e', 30n, 5)],
        rule: { order: 'BY_DATE', remainder: 'LARGEST_REMAINDER' },
        after: after(70n),
      }),
      expected: { d: '0', e: '30', STATE: '0' },
      allocatable: '30',
    },
    {
      name: 'what the member kept or paid into a fund since is not there to divide',
      input: input({ claims: [claim('d', 40n, 4)], after: after(50n, 30n) }),
      expected: { d: '20', STATE: '0' },
      allocatable: '20',
    },
    {
      name: 'nothing left: a fully divided closed allocation leaves late claims nothing',
      input: input({ claims: [claim('d', 40n, 4), claim('e', 1n, 5)], after: after(100n) }),
      expected: { d: '0', e: '0', STATE: '0' },
      allocatable: '0',
    },
    {
      name: 'holders given back more than the closed shares left: nothing, never negative',
      input: input({ heldByHoldersUnits: 20n, claims: [claim('d', 5n, 4)], after: after(90n) }),
      expected: { d: '0', STATE: '0' },
      allocatable: '0',
    },
    {
      name: 'dust: 1 unit left among 3 late claims goes to one',
      input: input({
        claims: [claim('d', 3n, 6), claim('e', 3n, 4), claim('f', 3n, 5)],
        after: after(99n),
      }),
      expected: { d: '0', e: '1', f: '0', STATE: '0' },
      allocatable: '1',
    },
  ])('$name', ({ input: given, expected, allocatable }) => {
    const allocation = allocateRecovery(given);
    expect(shares(allocation)).toEqual(expected);
    expect(allocation.allocatableUnits).toBe(allocatable);
    const total = allocation.lines.reduce((sum, line) => sum + BigInt(line.allocatedUnits), 0n);
    expect(total).toBe(BigInt(allocation.allocatableUnits));
  });

  it('records what it follows and explains the state line from the recovered amount', () => {
    const allocation = allocateRecovery(
      input({
        heldByHoldersUnits: 5n,
        claims: [claim('d', 10n, 4)],
        after: after(60n, 15n, ['alc-de-000009', 'alc-de-000004']),
      }),
    );
    expect(allocation).toMatchObject({
      follows: ['alc-de-000004', 'alc-de-000009'],
      closedSharesUnits: '60',
      disposedUnits: '15',
      allocatableUnits: '20',
    });
    expect(allocation.lines.at(-1)!.explanation).toBe(
      "recovered 100 − held by innocent holders 5 − shares of closed alc-de-000004, alc-de-000009 60 − state's part disposed of 15 = 20 left after the closed allocations; − victims verified since 10 = 10, kept by the state after the victims",
    );
    expect(allocation.lines[0]!.explanation).toBe(
      'claims 10 of 20 available (10 claimed in all): paid in full',
    );
  });

  it('gives the same bytes on a rerun, and a first allocation carries none of its fields', () => {
    const claims = [claim('d', 40n, 4), claim('e', 30n, 5)];
    const one = allocateRecovery(input({ claims, after: after(70n) }));
    const two = allocateRecovery(input({ claims: [...claims].reverse(), after: after(70n) }));
    expect(allocationJson(two)).toBe(allocationJson(one));
    expect(allocationHash(two)).toBe(allocationHash(one));
    const first = allocateRecovery(input({ claims }));
    expect(Object.keys(first)).not.toContain('follows');
    expect(allocationJson(first)).not.toContain('closedSharesUnits');
    expect(allocationHash(first)).not.toBe(allocationHash(one));
  });
});
