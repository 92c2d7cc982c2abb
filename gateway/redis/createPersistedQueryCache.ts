import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { Redis } from 'ioredis';
import type { TrustedDocumentManifest } from '../trustedDocuments/TrustedDocumentManifest.js';
import { redisReady } from '../../core/redis/createRedisClient.js';

/** Default lifetime of an automatically persisted query, seconds. */
export const DEFAULT_APQ_TTL_SECONDS = 24 * 60 * 60;
/** Size of the in-process APQ store used without Redis, bytes (approximate). */
export const DEFAULT_APQ_LOCAL_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Apollo's persisted-query store: the trusted documents of the manifest always resolve; other
 * automatically persisted queries live in Redis under the deployment's prefix, shared by every
 * gateway, or in an in-process LRU while there is no Redis (a miss only costs the client one
 * round trip with the full text). A Redis failure is a miss, never a hang.
 */
export function createPersistedQueryCache(
  manifest: TrustedDocumentManifest,
  redis: Redis | null,
  keyPrefix: string,
  ttlSeconds = DEFAULT_APQ_TTL_SECONDS,
): KeyValueCache<string> {
  const local = new InMemoryLRUCache<string>({ maxSize: DEFAULT_APQ_LOCAL_MAX_BYTES });
  // Apollo asks for `apq:<sha256>`.
  const manifestBody = (key: string) => manifest.get(key.replace(/^apq:/, ''))?.body;
  return {
    async get(key) {
      const trusted = manifestBody(key);
      if (trusted !== undefined) return trusted;
      if (redisReady(redis)) {
        try {
          const value = await redis.get(keyPrefix + key);
          if (value !== null) return value;
        } catch {
          // fall through to the local store
        }
      }
      return local.get(key);
    },
    async set(key, value, options) {
      if (manifestBody(key) !== undefined) return;
      const ttl = options?.ttl ?? ttlSeconds;
      await local.set(key, value, { ttl });
      if (redisReady(redis)) {
        await redis.set(keyPrefix + key, value, 'EX', ttl).catch(() => undefined);
      }
    },
    async delete(key) {
      await local.delete(key);
      if (redisReady(redis)) await redis.del(keyPrefix + key).catch(() => undefined);
    },
  };
}
