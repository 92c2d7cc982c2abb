import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FreezingOrderRecord } from '../../../../core/records.js';
import { createRedisClient } from '../../../../core/redis/createRedisClient.js';
import { importRegistryExport } from '../../../../subgraphs/fr/registry/importRegistryExport.js';
import {
  cacheRegistries,
  registryCacheLocalMiB,
  registryCacheTtl,
} from '../../../../subgraphs/kit/registry/cacheRegistries.js';
import type { JurisdictionRegistries } from '../../../../subgraphs/kit/registry/types.js';
import { REDIS_URL, redisAvailable } from '../../../support/services.js';
import {
  openTestRegistries,
  records,
  writeExport,
  type OpenedRegistries,
} from '../../fr/registry/frTestBackends.js';

const available = await redisAvailable();

describe.skipIf(!available)(
  'cacheRegistries on Redis in front of the French SQL registries',
  () => {
    let fr: OpenedRegistries;
    let redis: Redis;
    let keyPrefix: string;
    let clock = Date.now();
    let cached: JurisdictionRegistries;
    const failures: unknown[] = [];
    const freezing = records('freezing-orders.jsonl', 1, 30) as FreezingOrderRecord[];

    beforeAll(async () => {
      fr = await openTestRegistries(null);
      await importRegistryExport({
        client: fr.client,
        schema: fr.schema,
        file: await writeExport('freezing-orders.jsonl', freezing),
      });
      redis = new Redis(REDIS_URL);
      keyPrefix = `comity-test-${randomBytes(4).toString('hex')}:fr:registry:`;
      cached = cacheRegistries(fr, {
        redis,
        keyPrefix,
        ttlSeconds: 60,
        dataVersion: fr.dataVersion,
        versionPollMs: 1_000,
        onError: (error) => failures.push(error),
        now: () => clock,
      });
    });

    afterAll(async () => {
      if (redis) {
        const keys = await redis.keys(`${keyPrefix}*`);
        if (keys.length > 0) await redis.del(...keys);
        redis.disconnect();
      }
      await fr?.dispose();
    });

    /** Waits for the cache writes that follow a miss (they do not hold up the answer). */
    const settled = async (pattern: string, count: number) => {
      for (
        let i = 0;
        i < 50 && (await redis.keys(`${keyPrefix}*${pattern}*`)).length < count;
        i++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };

    it('answers what the backend answers, and the second time without asking it', async () => {
      const ids = ['FR-FO-0000003', 'FR-FO-9999999', 'FR-FO-0000001'];
      const direct = await fr.assets.freezingOrdersByIds(ids);
      fr.calls.length = 0;
      expect(await cached.assets!.freezingOrdersByIds(ids)).toEqual(direct);
      expect(fr.calls).toEqual(['fr-agrasc-assets.freezingOrdersByIds']);
      await settled('fo-id', 3);
      fr.calls.length = 0;
      expect(await cached.assets!.freezingOrdersByIds(ids)).toEqual(direct);
      expect(fr.calls).toEqual([]);
    });

    it('sends only the misses of a batch to the backend, in one call, in key order', async () => {
      const wallet = freezing[4]!.walletIds[0]!;
      const other = freezing[9]!.walletIds[0]!;
      const direct = await fr.assets.freezingOrdersByWallets([other, wallet, other]);
      await cached.assets!.freezingOrdersByWallets([wallet]);
      await settled('fo-wallet', 1);
      fr.calls.length = 0;
      expect(await cached.assets!.freezingOrdersByWallets([other, wallet, other])).toEqual(direct);
      expect(fr.calls).toEqual(['fr-agrasc-assets.freezingOrdersByWallets']);
    });

    it('caches pages by size and cursor', async () => {
      const first = await cached.assets!.listFreezingOrders({ first: 5, after: null });
      await settled('fo-page', 1);
      fr.calls.length = 0;
      expect(await cached.assets!.listFreezingOrders({ first: 5, after: null })).toEqual(first);
      expect(fr.calls).toEqual([]);
      const second = await cached.assets!.listFreezingOrders({ first: 5, after: first.nextCursor });
      expect(second.records[0]!.id).not.toBe(first.records[0]!.id);
      expect(fr.calls.length).toBeGreaterThan(0);
    });

    it('refuses a bad page request before it becomes a cache key or a query', async () => {
      const before = (await redis.keys(`${keyPrefix}*fo-page*`)).sort();
      fr.calls.length = 0;
      await expect(
        cached.assets!.listFreezingOrders({ first: 5, after: 'not-a-cursor' }),
      ).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'after', reason: 'BAD_CURSOR' },
      });
      await expect(
        cached.assets!.listFreezingOrders({ first: 0, after: null }),
      ).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', argumentName: 'first', reason: 'OUT_OF_RANGE' },
      });
      expect(fr.calls).toEqual([]);
      expect((await redis.keys(`${keyPrefix}*fo-page*`)).sort()).toEqual(before);
    });

    it('keeps what the cache does not wrap working: names and recovery statistics', async () => {
      expect(cached.assets!.name).toBe('fr-agrasc-assets');
      expect(cached.assets!.backend).toBe('pglite');
      expect(await cached.assets!.recoveryStatistics()).toEqual(
        await fr.assets.recoveryStatistics(),
      );
    });

    it('serves an import within one version poll: the import changed the data version', async () => {
      const page = { first: 50, after: null };
      const before = await cached.assets!.listFreezingOrders(page);
      await settled('fo-page', 2);
      await importRegistryExport({
        client: fr.client,
        schema: fr.schema,
        file: await writeExport('freezing-orders.jsonl', records('freezing-orders.jsonl', 31, 35)),
      });
      // Within the poll interval the old version is still believed…
      expect((await cached.assets!.listFreezingOrders(page)).totalCount).toBe(before.totalCount);
      // …after it, the new version's keys are read, and they are empty.
      clock += 1_001;
      expect((await cached.assets!.listFreezingOrders(page)).totalCount).toBe(
        before.totalCount + 5,
      );
      expect(await cached.assets!.freezingOrdersByIds(['FR-FO-0000033'])).toEqual(
        await fr.assets.freezingOrdersByIds(['FR-FO-0000033']),
      );
    });

    describe('the in-process tier in front of Redis', () => {
      /** A cache of its own over the same Redis, counting the keys it asks Redis for. */
      const tiered = (localBytes: number, ttlSeconds = 60) => {
        const asked: string[][] = [];
        const redisState = { down: false };
        const counting = new Proxy(redis, {
          get(target, property, receiver) {
            if (property === 'mget') {
              return (keys: string[]) => {
                asked.push(keys.map((key) => key.slice(key.lastIndexOf(':') + 1)));
                return redisState.down
                  ? Promise.reject(new Error('connection refused'))
                  : target.mget(keys);
              };
            }
            const value = Reflect.get(target, property, receiver);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        });
        const registries = cacheRegistries(fr, {
          redis: counting,
          keyPrefix,
          ttlSeconds,
          localBytes,
          dataVersion: fr.dataVersion,
          now: () => clock,
        });
        return { assets: registries.assets!, asked, redisState };
      };
      const ids = ['FR-FO-0000011', 'FR-FO-0000012', 'FR-FO-0000013'];

      beforeAll(async () => {
        await cached.assets!.freezingOrdersByIds(ids);
        await settled('fo-id', 3 + 3);
      });

      it('answers a read Redis answered once from memory, asking Redis only for the rest', async () => {
        const { assets, asked } = tiered(1 << 20);
        const direct = await fr.assets.freezingOrdersByIds(ids);
        expect(await assets.freezingOrdersByIds(ids.slice(0, 2))).toEqual(direct.slice(0, 2));
        expect(asked).toEqual([ids.slice(0, 2)]);
        fr.calls.length = 0;
        expect(await assets.freezingOrdersByIds(ids)).toEqual(direct);
        expect(asked).toEqual([ids.slice(0, 2), [ids[2]]]);
        expect(await assets.freezingOrdersByIds(ids)).toEqual(direct);
        expect(asked).toHaveLength(2);
        expect(fr.calls).toEqual([]);
      });

      it('keeps answering from memory when Redis fails, sending the backend only the rest', async () => {
        const { assets, redisState } = tiered(1 << 20);
        const direct = await fr.assets.freezingOrdersByIds(ids);
        await assets.freezingOrdersByIds([ids[0]!]);
        redisState.down = true;
        fr.calls.length = 0;
        const original = fr.assets.freezingOrdersByIds.bind(fr.assets);
        const loaded: string[][] = [];
        fr.assets.freezingOrdersByIds = async (asked) => {
          loaded.push([...asked]);
          return original(asked);
        };
        try {
          expect(await assets.freezingOrdersByIds(ids)).toEqual(direct);
        } finally {
          fr.assets.freezingOrdersByIds = original;
        }
        expect(loaded).toEqual([ids.slice(1)]);
      });

      it('shares frozen records: a resolver that wrote into one would fail, not leak', async () => {
        const { assets } = tiered(1 << 20);
        await assets.freezingOrdersByIds([ids[0]!]);
        const [order] = await assets.freezingOrdersByIds([ids[0]!]);
        expect(Object.isFrozen(order)).toBe(true);
        expect(Object.isFrozen(order!.walletIds)).toBe(true);
        expect(() => {
          (order as { status: string }).status = 'LIFTED';
        }).toThrow(TypeError);
        expect(() => (order!.walletIds as string[]).push('x')).toThrow(TypeError);
      });

      it('keeps at most localBytes of JSON, dropping the least recently used', async () => {
        const sizes = await Promise.all(
          ids.map(
            async (id) =>
              (await redis.get((await redis.keys(`${keyPrefix}*:fo-id:${id}`))[0]!))!.length,
          ),
        );
        // Room for two of the three orders, not for all three.
        const { assets, asked } = tiered(Math.max(...sizes) * 2);
        expect(Math.min(...sizes) * 3).toBeGreaterThan(Math.max(...sizes) * 2);
        for (const id of ids) await assets.freezingOrdersByIds([id]);
        await assets.freezingOrdersByIds([ids[2]!]);
        await assets.freezingOrdersByIds([ids[1]!]);
        expect(asked).toHaveLength(3);
        await assets.freezingOrdersByIds([ids[0]!]);
        expect(asked.at(-1)).toEqual([ids[0]]);
      });

      it('asks Redis every time with localBytes 0, and again once an entry outlived the TTL', async () => {
        const off = tiered(0);
        await off.assets.freezingOrdersByIds([ids[0]!]);
        await off.assets.freezingOrdersByIds([ids[0]!]);
        expect(off.asked).toEqual([[ids[0]], [ids[0]]]);
        // An entry larger than the whole budget is not kept either.
        const tiny = tiered(10);
        await tiny.assets.freezingOrdersByIds([ids[0]!]);
        await tiny.assets.freezingOrdersByIds([ids[0]!]);
        expect(tiny.asked).toHaveLength(2);

        const { assets, asked } = tiered(1 << 20, 5);
        await assets.freezingOrdersByIds([ids[0]!]);
        await assets.freezingOrdersByIds([ids[0]!]);
        expect(asked).toHaveLength(1);
        clock += 5_000;
        await assets.freezingOrdersByIds([ids[0]!]);
        expect(asked).toHaveLength(2);
      });

      it('reads REGISTRY_CACHE_LOCAL_MB as a non-negative integer, the TTL as a positive one', () => {
        expect(registryCacheTtl(undefined)).toBe(60);
        expect(registryCacheTtl('5')).toBe(5);
        expect(() => registryCacheTtl('0')).toThrow(
          /REGISTRY_CACHE_TTL_SECONDS must be a positive integer, got "0"/,
        );
        expect(registryCacheLocalMiB(undefined)).toBe(16);
        expect(registryCacheLocalMiB('0')).toBe(0);
        expect(registryCacheLocalMiB('250')).toBe(250);
        // Blank is unset, not 0: it must not turn the tier off.
        expect(registryCacheLocalMiB('  ')).toBe(16);
        expect(registryCacheTtl(' ')).toBe(60);
        for (const bad of ['-1', '1.5', 'many']) {
          expect(() => registryCacheLocalMiB(bad)).toThrow(
            /REGISTRY_CACHE_LOCAL_MB must be a non-negative integer/,
          );
        }
      });
    });

    it('answers from the backend when Redis does not answer, and says so', async () => {
      const down = createRedisClient('redis://127.0.0.1:1');
      try {
        const failed: unknown[] = [];
        const withoutRedis = cacheRegistries(fr, {
          redis: down,
          keyPrefix,
          dataVersion: fr.dataVersion,
          onError: (error) => failed.push(error),
        });
        const ids = ['FR-FO-0000002'];
        expect(await withoutRedis.assets!.freezingOrdersByIds(ids)).toEqual(
          await fr.assets.freezingOrdersByIds(ids),
        );
        expect(failed.length).toBeGreaterThan(0);
      } finally {
        down.disconnect();
      }
    });
  },
);
