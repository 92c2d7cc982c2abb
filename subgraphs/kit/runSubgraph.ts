import type { SubgraphServer } from './createSubgraphServer.js';
import { subgraphRuntimeConfig } from './subgraphRuntimeConfig.js';
import type { RuntimeDefaults, SubgraphRuntimeConfig } from './subgraphRuntimeConfig.js';

/**
 * The body of every subgraph's `index.ts`: build the server from the environment, listen,
 * and on SIGTERM / SIGINT drain in-flight requests before exiting.
 */
export async function runSubgraph(
  name: string,
  defaults: RuntimeDefaults,
  createServer: (config: SubgraphRuntimeConfig) => Promise<SubgraphServer>,
): Promise<void> {
  const config = subgraphRuntimeConfig(name, defaults);
  let server: SubgraphServer;
  try {
    server = await createServer(config);
  } catch (error) {
    console.error(`[${name}] could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  const url = await server.listen(config.port, config.host);
  console.log(`[${name}] subgraph ready at ${url}`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[${name}] ${signal}: draining and stopping`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
