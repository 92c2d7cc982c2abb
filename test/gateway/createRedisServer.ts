import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { Redis } from 'ioredis';

/**
 * Whether redis-server can be started here. Without it the Redis suites are skipped locally
 * and fail under CI=true, where the machine is supposed to provide it.
 */
export const haveRedisServer = spawnSync('redis-server', ['--version']).status === 0;
if (!haveRedisServer && process.env.CI) throw new Error('redis-server is required under CI=true');

/**
 * A redis-server of one test file, on a port of its own (never the shared instance), that the
 * test really stops (SIGKILL) and starts again. `probe` is a client of the test's own that
 * reconnects by itself, for looking at the keys the gateway wrote.
 */
export interface RedisServer {
  url: string;
  port: number;
  probe: Redis;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server and disconnects the probe. */
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

/** Reserves a port and returns the (stopped) server; `start()` it when the test wants it up. */
export async function createRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const probe = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => 50,
  });
  probe.on('error', () => {});
  await probe.connect().catch(() => {});
  let child: ChildProcess | null = null;
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGKILL');
    });
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    probe,
    async start() {
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      for (let i = 0; i < 100; i += 1) {
        if (
          await probe.ping().then(
            () => true,
            () => false,
          )
        )
          return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('redis-server did not start');
    },
    stop,
    async close() {
      await stop();
      probe.disconnect();
    },
  };
}

/** Polls `check` every 100 ms for up to `ms`; true as soon as it holds. */
export async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** The key the gateway counts a subject's or an agency's window in (createRateLimiter). */
export const rateLimitKey = (prefix: string, kind: 'subject' | 'agency', id: string) =>
  `${prefix}ratelimit:${kind}:${encodeURIComponent(id)}`;
