import net from 'node:net';

/**
 * Real backing services for the suites that need them (no mocks of PostgreSQL or Redis).
 * When a service is missing the suite is skipped locally, and fails loudly under CI=true,
 * where the machine is supposed to provide it.
 */

export const POSTGRES_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachable(url: string, defaultPort: number): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || defaultPort) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function availability(name: string, url: string, defaultPort: number): Promise<boolean> {
  const ok = await reachable(url, defaultPort);
  if (!ok && process.env.CI) {
    throw new Error(
      `${name} is required under CI=true but does not answer at ${url}; start it or set the URL.`,
    );
  }
  return ok;
}

/** True when PostgreSQL answers; throws under CI=true when it does not. */
export const postgresAvailable = (): Promise<boolean> =>
  availability('PostgreSQL', POSTGRES_URL, 5432);

/** True when Redis answers; throws under CI=true when it does not. */
export const redisAvailable = (): Promise<boolean> => availability('Redis', REDIS_URL, 6379);
