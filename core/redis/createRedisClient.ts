import { Command, Redis } from 'ioredis';

/** How long a connection attempt may take before Redis counts as down, ms. */
export const REDIS_CONNECT_TIMEOUT_MS = 500;
/** Longest wait between reconnection attempts, ms. */
export const REDIS_MAX_RECONNECT_DELAY_MS = 2_000;
/** Consecutive timed-out commands after which a connected Redis counts as not answering. */
export const DEFAULT_REDIS_TIMEOUTS_BEFORE_UNAVAILABLE = 3;
/** How long a Redis that stopped answering is left alone before one command tries it, ms. */
export const DEFAULT_REDIS_RETRY_AFTER_MS = 5_000;

export interface RedisClientOptions {
  /** Every client error (failed reconnects included); default: ignored. */
  onError?: (error: Error) => void;
  /**
   * Called once each time Redis stops or starts being usable: a lost connection, or a
   * connection whose commands time out, counts as unavailable.
   */
  onAvailabilityChange?: (available: boolean) => void;
  /** Default DEFAULT_REDIS_TIMEOUTS_BEFORE_UNAVAILABLE. */
  timeoutsBeforeUnavailable?: number;
  /** Default DEFAULT_REDIS_RETRY_AFTER_MS. */
  retryAfterMs?: number;
}

/** Clients whose connection is up but whose commands time out. */
const silent = new WeakSet<Redis>();

/** The error a command gets at once while Redis is not answering, instead of a timeout. */
export class RedisNotAnsweringError extends Error {
  override name = 'RedisNotAnsweringError';
  constructor() {
    super('Redis is not answering; the command was not sent');
  }
}

/**
 * An ioredis client that fails fast instead of queueing: no offline queue (a command while
 * disconnected fails at once), no per-command retries, a short connect and command timeout and
 * a capped reconnect back-off. A Redis that keeps its connection open but stops answering is
 * handled like one that is down: after a few timeouts in a row every command fails at once,
 * and a PING in the background tries it again every `retryAfterMs` — so a hung Redis costs
 * requests a few timeouts, not one each.
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const client = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    commandTimeout: REDIS_CONNECT_TIMEOUT_MS,
    lazyConnect: false,
    retryStrategy: (attempt) =>
      Math.min(50 * 2 ** Math.min(attempt, 10), REDIS_MAX_RECONNECT_DELAY_MS),
  });
  const limit = options.timeoutsBeforeUnavailable ?? DEFAULT_REDIS_TIMEOUTS_BEFORE_UNAVAILABLE;
  const retryAfterMs = options.retryAfterMs ?? DEFAULT_REDIS_RETRY_AFTER_MS;
  let timeouts = 0;
  let available = false;
  let retry: NodeJS.Timeout | null = null;
  const report = () => {
    const usable = redisReady(client);
    if (usable === available) return;
    available = usable;
    options.onAvailabilityChange?.(usable);
  };
  const send = client.sendCommand.bind(client);
  const answered = () => {
    timeouts = 0;
    if (silent.delete(client)) report();
  };
  const tryAgainLater = () => {
    retry = setTimeout(() => {
      retry = null;
      const ping = new Command('ping', []);
      send(ping);
      ping.promise.then(answered, tryAgainLater);
    }, retryAfterMs);
    retry.unref();
  };

  client.sendCommand = (command: Command, stream?: Parameters<Redis['sendCommand']>[1]) => {
    // Only on a ready connection: a reconnect's own ready check must get through.
    if (silent.has(client) && client.status === 'ready') {
      command.reject(new RedisNotAnsweringError());
      return command.promise;
    }
    const result = send(command, stream);
    command.promise.then(answered, (error: Error) => {
      if (error.message !== 'Command timed out' || silent.has(client)) return;
      if (++timeouts < limit) return;
      silent.add(client);
      report();
      tryAgainLater();
    });
    return result;
  };

  // Without a listener ioredis reports every failed reconnect as an unhandled error.
  client.on('error', (error: Error) => options.onError?.(error));
  // A connection that passed its ready check has an answering Redis behind it.
  client.on('ready', () => {
    timeouts = 0;
    silent.delete(client);
    report();
  });
  client.on('close', report);
  client.on('end', () => {
    if (retry) clearTimeout(retry);
  });
  return client;
}

/** Whether the client can take a command right now: connected, and answering. */
export const redisReady = (client: Redis | null): client is Redis =>
  client?.status === 'ready' && !silent.has(client);
