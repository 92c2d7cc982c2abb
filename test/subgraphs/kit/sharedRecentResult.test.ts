import { describe, expect, it } from 'vitest';
import { accountabilityResolvers } from '../../../subgraphs/kit/accountabilityResolvers.js';
import type { AuditLog } from '../../../subgraphs/kit/audit/openAuditLog.js';
import { sharedRecentResult } from '../../../subgraphs/kit/sharedRecentResult.js';
import { subgraphRuntimeConfig } from '../../../subgraphs/kit/subgraphRuntimeConfig.js';

function counter() {
  let clock = 0;
  let runs = 0;
  let failNext = false;
  return {
    now: () => clock,
    advance: (ms: number) => {
      clock += ms;
    },
    runs: () => runs,
    failNext: () => {
      failNext = true;
    },
    compute: async () => {
      runs += 1;
      const run = runs;
      if (failNext) {
        failNext = false;
        throw new Error('backend down');
      }
      return `result ${run}`;
    },
  };
}

describe('sharedRecentResult', () => {
  it('runs once for every caller that asks while a run is going on', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const shared = sharedRecentResult(0, async () => {
      runs += 1;
      await gate;
      return runs;
    });
    const answers = Promise.all([shared(), shared(), shared()]);
    release();
    expect(await answers).toEqual([1, 1, 1]);
    expect(runs).toBe(1);
    // ttl 0: nothing is kept once the run is over.
    expect(await shared()).toBe(2);
  });

  it('reuses a result for its TTL, and computes it again after', async () => {
    const c = counter();
    const shared = sharedRecentResult(60_000, c.compute, c.now);
    expect(await shared()).toBe('result 1');
    c.advance(59_999);
    expect(await shared()).toBe('result 1');
    c.advance(1);
    expect(await shared()).toBe('result 2');
    expect(c.runs()).toBe(2);
  });

  it('keeps no failure: the caller after a failed run runs it again', async () => {
    const c = counter();
    const shared = sharedRecentResult(60_000, c.compute, c.now);
    c.failNext();
    await expect(shared()).rejects.toThrow('backend down');
    expect(await shared()).toBe('result 2');
  });

  it('refuses a TTL that is not a number of milliseconds', () => {
    expect(() => sharedRecentResult(-1, async () => 1)).toThrow(RangeError);
    expect(() => sharedRecentResult(Number.NaN, async () => 1)).toThrow(RangeError);
  });
});

describe('COMITY_TRANSPARENCY_TTL_SECONDS', () => {
  it('defaults to 60 s, takes 0 to 3600, and refuses anything else with a clear error', () => {
    expect(subgraphRuntimeConfig('fr', { port: 4101 }, {}).transparencyTtlSeconds).toBe(60);
    expect(
      subgraphRuntimeConfig('fr', { port: 4101 }, { COMITY_TRANSPARENCY_TTL_SECONDS: '0' }).transparencyTtlSeconds,
    ).toBe(0);
    expect(
      subgraphRuntimeConfig('fr', { port: 4101 }, { COMITY_TRANSPARENCY_TTL_SECONDS: '3600' })
        .transparencyTtlSeconds,
    ).toBe(3600);
    for (const bad of ['-1', '3601', '1.5', 'soon']) {
      expect(() => subgraphRuntimeConfig('fr', { port: 4101 }, { COMITY_TRANSPARENCY_TTL_SECONDS: bad })).toThrow(
        /COMITY_TRANSPARENCY_TTL_SECONDS must be a whole number of seconds from 0 to 3600/,
      );
    }
  });
});

describe('the transparency statistics', () => {
  function fakeLog() {
    const calls = { counts: 0, overdue: 0 };
    const log = {
      countRequests: async () => {
        calls.counts += 1;
        return [
          {
            key: {
              month: '2026-11',
              purpose: 'STATISTICS',
              role: 'PUBLIC',
              decision: 'RELEASED',
              emergency: 'false',
            },
            count: 7 + calls.counts,
          },
        ];
      },
      reviews: {
        countOverdue: async () => {
          calls.overdue += 1;
          return 0;
        },
      },
    } as unknown as AuditLog;
    return { log, calls };
  }

  it('are computed once per TTL for every caller, and on every request with a TTL of 0', async () => {
    const cached = fakeLog();
    const resolvers = accountabilityResolvers('FR', cached.log, null, {
      transparencyTtlSeconds: 60,
    });
    const first = await resolvers.TransparencyReport.requests();
    const second = await resolvers.TransparencyReport.requests();
    expect(second).toEqual(first);
    expect(first[0]).toMatchObject({ purpose: 'STATISTICS', count: '8' });
    expect(cached.calls.counts).toBe(1);
    await resolvers.TransparencyReport.overdueEmergencyReviews();
    await resolvers.TransparencyReport.overdueEmergencyReviews();
    expect(cached.calls.overdue).toBe(1);

    const fresh = fakeLog();
    const uncached = accountabilityResolvers('FR', fresh.log, null, { transparencyTtlSeconds: 0 });
    await uncached.TransparencyReport.requests();
    const again = await uncached.TransparencyReport.requests();
    expect(fresh.calls.counts).toBe(2);
    expect(again[0]).toMatchObject({ count: '9' });
  });
});
