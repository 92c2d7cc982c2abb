import type { Redis } from 'ioredis';
import { createRedisClient } from '../../../gateway/redis/createRedisClient.js';
import type {
  AssetRegistry,
  DisclosureRegistry,
  JurisdictionRegistries,
  Page,
  PageRequest,
  WatchlistRegistry,
} from './types.js';

/** How long a cached registry read lives, seconds. */
export const DEFAULT_REGISTRY_CACHE_TTL_SECONDS = 60;
/** How often the backend's data version is read again, ms: the staleness bound after an import. */
export const DEFAULT_DATA_VERSION_POLL_MS = 1_000;

export interface RegistryCacheOptions {
  /** The jurisdiction's own Redis: cached records are its registry's records, unminimised. */
  redis: Redis;
  /** Key prefix, e.g. `comity:fr:registry:`. Every key also carries the data version. */
  keyPrefix: string;
  ttlSeconds?: number;
  /**
   * A token that changes whenever the registry's data changes (an import commits, a seed
   * runs). Read at most every `versionPollMs`; keys of an older version are never read again.
   */
  dataVersion: () => Promise<string>;
  versionPollMs?: number;
  /** A Redis failure: the read goes to the backend instead, and this is told. */
  onError?: (error: unknown) => void;
  now?: () => number;
}

/**
 * A read-through cache of registry reads in Redis (issue #6: the backend is queried only for
 * what the cache misses). It sits below the per-request DataLoaders and below the policy:
 * entries are the registry's own records, the same for every caller, and @access / @minimize
 * and the audit log run on every request as before, whether the records came from the cache
 * or the database. A Redis that fails or times out is skipped, never trusted half-way.
 */
export function cacheRegistries(
  registries: JurisdictionRegistries,
  options: RegistryCacheOptions,
): JurisdictionRegistries {
  const ttl = options.ttlSeconds ?? DEFAULT_REGISTRY_CACHE_TTL_SECONDS;
  const pollMs = options.versionPollMs ?? DEFAULT_DATA_VERSION_POLL_MS;
  const now = options.now ?? Date.now;
  let version: { value: string; readAt: number } | null = null;
  let reading: Promise<string> | null = null;

  const currentVersion = async (): Promise<string> => {
    if (version && now() - version.readAt < pollMs) return version.value;
    reading ??= options
      .dataVersion()
      .then((value) => {
        version = { value, readAt: now() };
        return value;
      })
      .finally(() => {
        reading = null;
      });
    return reading;
  };

  const failed = (error: unknown) => options.onError?.(error);

  /** `keys` → values, from Redis where present, from `load` (in one call) for the rest. */
  async function readThrough<V>(
    method: string,
    keys: readonly string[],
    load: (missing: string[]) => Promise<V[]>,
  ): Promise<V[]> {
    if (keys.length === 0) return [];
    const prefix = `${options.keyPrefix}${await currentVersion()}:${method}:`;
    const redisKeys = keys.map((key) => prefix + key);
    let cached: (string | null)[];
    try {
      cached = await options.redis.mget(redisKeys);
    } catch (error) {
      failed(error);
      return load([...keys]);
    }
    const values: (V | undefined)[] = cached.map((text) =>
      text === null ? undefined : (JSON.parse(text) as V),
    );
    const missing = keys.filter((_key, index) => values[index] === undefined);
    if (missing.length === 0) return values as V[];
    const loaded = await load(missing);
    const write = options.redis.pipeline();
    let next = 0;
    keys.forEach((_key, index) => {
      if (values[index] !== undefined) return;
      const value = loaded[next++] as V;
      values[index] = value;
      write.set(redisKeys[index]!, JSON.stringify(value), 'EX', ttl);
    });
    // The answer does not wait for the cache to be filled.
    write.exec().catch(failed);
    return values as V[];
  }

  const byKey =
    <V>(method: string, load: (keys: readonly string[]) => Promise<V[]>) =>
    (keys: readonly string[]) =>
      readThrough(method, keys, load);

  const paged =
    <T>(method: string, load: (page: PageRequest) => Promise<Page<T>>) =>
    async (page: PageRequest) => {
      const [result] = await readThrough<Page<T>>(
        method,
        [`${page.first}:${page.after ?? ''}`],
        async () => [await load(page)],
      );
      return result!;
    };

  const { assets, watchlist, disclosures } = registries;
  return {
    assets: assets && {
      ...bound(assets),
      freezingOrdersByIds: byKey('fo-id', (ids) => assets.freezingOrdersByIds(ids)),
      freezingOrdersByWallets: byKey('fo-wallet', (ids) => assets.freezingOrdersByWallets(ids)),
      confiscationOrdersByIds: byKey('co-id', (ids) => assets.confiscationOrdersByIds(ids)),
      confiscationOrdersByWallets: byKey('co-wallet', (ids) =>
        assets.confiscationOrdersByWallets(ids),
      ),
      listFreezingOrders: paged('fo-page', (page) => assets.listFreezingOrders(page)),
      listConfiscationOrders: paged('co-page', (page) => assets.listConfiscationOrders(page)),
    },
    watchlist: watchlist && {
      ...bound(watchlist),
      entriesByIds: byKey('wl-id', (ids) => watchlist.entriesByIds(ids)),
      entriesByWallets: byKey('wl-wallet', (ids) => watchlist.entriesByWallets(ids)),
      listEntries: paged('wl-page', (page) => watchlist.listEntries(page)),
    },
    disclosures: disclosures && {
      ...bound(disclosures),
      disclosuresByIds: byKey('di-id', (ids) => disclosures.disclosuresByIds(ids)),
      disclosuresByWallets: byKey('di-wallet', (ids) => disclosures.disclosuresByWallets(ids)),
      listDisclosures: paged('di-page', (page) => disclosures.listDisclosures(page)),
    },
  };
}

/**
 * The registry's own members, methods bound to it, so that whatever the cache does not wrap
 * (names, recovery statistics, close) behaves exactly as before.
 */
function bound<R extends AssetRegistry | WatchlistRegistry | DisclosureRegistry>(registry: R): R {
  const copy: Record<string, unknown> = {};
  let level: object | null = registry;
  while (level && level !== Object.prototype) {
    for (const key of Object.getOwnPropertyNames(level)) {
      if (key === 'constructor' || key in copy) continue;
      const value = (registry as unknown as Record<string, unknown>)[key];
      copy[key] = typeof value === 'function' ? value.bind(registry) : value;
    }
    level = Object.getPrototypeOf(level) as object | null;
  }
  return copy as R;
}

/** Registries as a jurisdiction's `openRegistries` returns them. */
export type OpenedRegistries = JurisdictionRegistries & {
  close(): Promise<void>;
  /**
   * Present on backends worth caching (SQL): a token that changes with the data. In-memory
   * backends (FtM, IVMS101) leave it out: a Redis round trip would cost more than their lookup.
   */
  dataVersion?: () => Promise<string>;
};

/**
 * The registries a subgraph serves from: behind the Redis cache when `REGISTRY_CACHE_REDIS_URL`
 * is set and the backend has a data version, as opened otherwise. `close()` closes both.
 */
export function withRegistryCache(
  opened: OpenedRegistries,
  options: { subgraph: string; env?: NodeJS.ProcessEnv; onError?: (error: unknown) => void },
): JurisdictionRegistries & { close(): Promise<void> } {
  const env = options.env ?? process.env;
  const url = env.REGISTRY_CACHE_REDIS_URL;
  if (!url || !opened.dataVersion) return opened;
  const ttlSeconds = registryCacheTtl(env.REGISTRY_CACHE_TTL_SECONDS);
  const redis = createRedisClient(url, (error) => options.onError?.(error));
  return {
    ...cacheRegistries(opened, {
      redis,
      keyPrefix: `comity:${options.subgraph}:registry:`,
      ttlSeconds,
      dataVersion: opened.dataVersion,
      onError: options.onError,
    }),
    close: async () => {
      redis.disconnect();
      await opened.close();
    },
  };
}

/** `REGISTRY_CACHE_TTL_SECONDS`: a positive integer, default DEFAULT_REGISTRY_CACHE_TTL_SECONDS. */
export function registryCacheTtl(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_REGISTRY_CACHE_TTL_SECONDS;
  const ttl = Number(value);
  if (!Number.isInteger(ttl) || ttl < 1) {
    throw new Error(
      `REGISTRY_CACHE_TTL_SECONDS must be a positive integer, got ${JSON.stringify(value)}`,
    );
  }
  return ttl;
}
