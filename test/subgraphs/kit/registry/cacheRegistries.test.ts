import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FreezingOrderRecord } from '../../../../schema/records.js';
import { createRedisClient } from '../../../../gateway/redis/createRedisClient.js';
import { importRegistryExport } from '../../../../subgraphs/fr/registry/importRegistryExport.js';
import { cacheRegistries } from '../../../../subgraphs/kit/registry/cacheRegistries.js';
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
