import cluster from 'node:cluster';
import { assertTestedApolloVersions } from './apolloInternals/index.js';
import { gatewayTrust } from './auth/gatewayTrust.js';
import { gatewayConfig } from './gatewayConfig.js';
import { createGatewayServer } from './server.js';

// Once, before any worker starts, rather than in every worker the primary would restart.
assertTestedApolloVersions();

/**
 * `GATEWAY_WORKERS` (default 1): how many gateway processes share the port through
 * node:cluster. The gateway holds no state of its own between requests (limits and APQ
 * live in Redis when it is configured), so workers scale it over the machine's cores.
 */
const workers = Number(process.env.GATEWAY_WORKERS ?? 1);
if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
  console.error(
    `GATEWAY_WORKERS must be an integer from 1 to 64, got ${process.env.GATEWAY_WORKERS}`,
  );
  process.exit(2);
}

if (workers > 1 && cluster.isPrimary) {
  let stopping = false;
  const fork = () => cluster.fork();
  for (let index = 0; index < workers; index += 1) fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(
      `[gateway] worker ${worker.process.pid} exited (${signal ?? code}); starting another`,
    );
    setTimeout(fork, 500);
  });
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const alive = Object.values(cluster.workers ?? {});
    let remaining = alive.length;
    if (remaining === 0) process.exit(0);
    for (const worker of alive) {
      worker?.once('exit', () => {
        remaining -= 1;
        if (remaining === 0) process.exit(0);
      });
      worker?.process.kill(signal);
    }
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
} else {
  await serve();
}

async function serve(): Promise<void> {
  const config = gatewayConfig();
  const trust = await gatewayTrust();
  const server = await createGatewayServer(config, trust);
  server.logger.info({ trust: trust.description }, 'trust configured');
  const url = await server.listen();
  server.logger.info(
    { url, development: config.development, production: config.production },
    `[gateway] ready at ${url}`,
  );

  // SIGTERM (orchestrator) / SIGINT (Ctrl-C): stop accepting, let in-flight requests finish
  // (bounded by COMITY_SHUTDOWN_GRACE_MS), then exit.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info({ signal }, 'draining in-flight requests and stopping');
    await server.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
