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
  });
});
