import type { Redis } from 'ioredis';
import { createRedisClient } from '../../../core/redis/createRedisClient.js';
import { checkPageSize, decodeCursor } from './pageCursor.js';
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
/** JSON size of what the in-process tier keeps in front of Redis, MiB; 0 turns it off. */
export const DEFAULT_REGISTRY_CACHE_LOCAL_MIB = 16;
const MIB = 1024 * 1024;

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
  /**
   * What this process keeps in front of Redis, as the length of the entries' JSON text
   * (characters: one byte each for ASCII, an accented letter counts once; least recently used
   * first out; parsed, the entries take a few times that of the heap); default
   * DEFAULT_REGISTRY_CACHE_LOCAL_MIB MiB; 0: every read asks Redis. Its keys are the Redis
   * keys, data version included, and an entry lives no longer than `ttlSeconds`.
   */
  localBytes?: number;
  /** A Redis failure: the read goes to the backend instead, and this is told. */
  onError?: (error: unknown) => void;
  now?: () => number;
}

/**
 * A read-through cache of registry reads in Redis (the backend is queried only for
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
  const local = createLocalTier(options.localBytes ?? DEFAULT_REGISTRY_CACHE_LOCAL_MIB * MIB);
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
    const at = now();
    const values = redisKeys.map((key) => local.get(key, at) as V | undefined);
    const notLocal = redisKeys.filter((_key, index) => values[index] === undefined);
    if (notLocal.length === 0) return values as V[];
    // Redis down: what this process holds still answers; the backend gets only the rest.
    let redisUp = true;
    let cached: (string | null)[];
    try {
      cached = await options.redis.mget(notLocal);
    } catch (error) {
      failed(error);
      redisUp = false;
      cached = notLocal.map(() => null);
    }
    let next = 0;
    redisKeys.forEach((key, index) => {
      if (values[index] !== undefined) return;
      const text = cached[next++];
      if (text === null || text === undefined) return;
      const value = deepFreeze(JSON.parse(text) as V);
      values[index] = value;
      local.set(key, value, text.length, at + ttl * 1000);
    });
    const missing = keys.filter((_key, index) => values[index] === undefined);
    if (missing.length === 0) return values as V[];
    const loaded = await load(missing);
    const write = redisUp ? options.redis.pipeline() : null;
    let loadedNext = 0;
    keys.forEach((_key, index) => {
      if (values[index] !== undefined) return;
      const value = loaded[loadedNext++] as V;
      values[index] = value;
      write?.set(redisKeys[index]!, JSON.stringify(value), 'EX', ttl);
    });
    // The answer does not wait for the cache to be filled.
    write?.exec().catch(failed);
    return values as V[];
  }

  const byKey =
    <V>(method: string, load: (keys: readonly string[]) => Promise<V[]>) =>
    (keys: readonly string[]) =>
      readThrough(method, keys, load);

  const paged =
    <T>(method: string, load: (page: PageRequest) => Promise<Page<T>>) =>
    async (page: PageRequest) => {
      // A bad page request is refused here, so it never becomes a cache key.
      checkPageSize(page);
      if (page.after !== null) decodeCursor(page.after);
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
 * The in-process tier: values parsed from Redis, kept by their Redis key (data version
 * included, so an import is never served stale for longer than the version poll), least
 * recently used first out. The values are shared by every request that reads them, so they
 * are frozen: a write into one throws instead of reaching the next caller's request.
 */
function createLocalTier(maxBytes: number) {
  if (!Number.isInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError('localBytes must be a non-negative integer');
  }
  const entries = new Map<string, { value: unknown; bytes: number; expiresAt: number }>();
  let bytes = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    entries.delete(key);
    bytes -= entry.bytes;
    return entry;
  };
  return {
    get(key: string, at: number): unknown {
      const entry = drop(key);
      if (entry === undefined || entry.expiresAt <= at) return undefined;
      entries.set(key, entry);
      bytes += entry.bytes;
      return entry.value;
    },
    set(key: string, value: unknown, size: number, expiresAt: number): void {
      if (size > maxBytes) return;
      drop(key);
      entries.set(key, { value, bytes: size, expiresAt });
      bytes += size;
      while (bytes > maxBytes) drop(entries.keys().next().value!);
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
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
  const localBytes = registryCacheLocalMiB(env.REGISTRY_CACHE_LOCAL_MB) * MIB;
  const redis = createRedisClient(url, { onError: (error) => options.onError?.(error) });
  return {
    ...cacheRegistries(opened, {
      redis,
      keyPrefix: `comity:${options.subgraph}:registry:`,
      ttlSeconds,
      localBytes,
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
export const registryCacheTtl = (value: string | undefined): number =>
  integerSetting('REGISTRY_CACHE_TTL_SECONDS', value, DEFAULT_REGISTRY_CACHE_TTL_SECONDS, 1);

/** `REGISTRY_CACHE_LOCAL_MB`: a non-negative integer (MiB), default DEFAULT_REGISTRY_CACHE_LOCAL_MIB. */
export const registryCacheLocalMiB = (value: string | undefined): number =>
  integerSetting('REGISTRY_CACHE_LOCAL_MB', value, DEFAULT_REGISTRY_CACHE_LOCAL_MIB, 0);

function integerSetting(
  name: string,
  value: string | undefined,
  fallback: number,
  least: 0 | 1,
): number {
  // Blank is unset, as for every other setting (Number('  ') would be 0).
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < least) {
    const kind = least === 1 ? 'a positive' : 'a non-negative';
    throw new Error(`${name} must be ${kind} integer, got ${JSON.stringify(value)}`);
  }
  return parsed;
}
