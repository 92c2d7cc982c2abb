import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { startFakeSubgraph, startInProcessGateway } from './inProcessGateway.js';
import type { FakeSubgraph, InProcessGateway } from './inProcessGateway.js';

// A redis-server of this test's own, on its own port, really stopped and started again; the
// shared instance is never touched. Without redis-server the suite is skipped locally and
// fails under CI=true.
const haveRedis = spawnSync('redis-server', ['--version']).status === 0;
if (!haveRedis && process.env.CI) throw new Error('redis-server is required under CI=true');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

let port: number;
let redisProcess: ChildProcess | null = null;
let fake: FakeSubgraph;
let gateway: InProcessGateway;
let probe: Redis;
const PREFIX = `comity-test-${process.pid}:`;

async function startRedis() {
  redisProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
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
}

async function stopRedis() {
  const child = redisProcess;
  redisProcess = null;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

const rateKeys = () => probe.keys(`${PREFIX}ratelimit:*`).catch(() => [] as string[]);

describe.skipIf(!haveRedis)('Redis outage at the gateway', () => {
  beforeAll(async () => {
    port = await freePort();
    probe = new Redis({
      port,
      host: '127.0.0.1',
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => 50,
    });
    probe.on('error', () => {});
    await probe.connect().catch(() => {});
    await startRedis();
    fake = await startFakeSubgraph();
    gateway = await startInProcessGateway(
      {
        REDIS_URL: `redis://127.0.0.1:${port}`,
        COMITY_REDIS_PREFIX: PREFIX,
        COMITY_RATE_LIMIT_PER_SUBJECT: '1000',
      },
      fake.url,
    );
    // Wait until the gateway's client is connected.
    for (let i = 0; i < 50 && (await rateKeys()).length === 0; i += 1) {
      await gateway.post({ query: '{ __typename }' });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });

  afterAll(async () => {
    await gateway?.stop();
    await fake?.close();
    await stopRedis();
    probe?.disconnect();
  });

  it('counts rate-limit windows in Redis under the deployment prefix', async () => {
    await gateway.post({ query: '{ __typename }' }, { subject: 'redis-user@test' });
    const keys = await rateKeys();
    expect(keys.some((key) => key.includes('subject:redis-user'))).toBe(true);
    expect(
      await probe.zcard(`${PREFIX}ratelimit:subject:${encodeURIComponent('redis-user@test')}`),
    ).toBe(1);
  });

  it('keeps answering promptly while Redis is down, and uses it again when it returns', async () => {
    await stopRedis();
    const started = Date.now();
    for (let i = 0; i < 5; i += 1) {
      const { status, json } = await gateway.post(
        { query: '{ __typename }' },
        { subject: `outage-${i}@test` },
      );
      expect(status).toBe(200);
      expect(json.data.__typename).toBe('Query');
    }
    expect(Date.now() - started).toBeLessThan(3_000);
    await startRedis();
    let resumed = false;
    for (let i = 0; i < 40 && !resumed; i += 1) {
      await gateway.post({ query: '{ __typename }' }, { subject: 'after-outage@test' });
      resumed = (await rateKeys()).some((key) => key.includes('after-outage'));
      if (!resumed) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(resumed).toBe(true);
  });
});
