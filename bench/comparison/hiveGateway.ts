import http from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { CONTEXT_HEADER } from '../../core/auth/createContextVerifier.js';
import { BENCH_CALLER_HEADER, benchSystemEnv, exitOnSignal } from '../systems/benchSystemEnv.js';

// Hive Gateway (@graphql-hive/gateway) on the same supergraph file, with in-flight request
// deduplication off both ways (inbound is off by default; the HTTP transport's outbound one
// is on by default), so it does the same subgraph work as the Apollo gateways. The context
// token goes through its header propagation; the subgraph URLs are the harness's ports.
const env = await benchSystemEnv();
const transportEntries: Record<string, { location?: string; options?: Record<string, unknown> }> = {
  '*': { options: { deduplicateInflightRequests: false } },
};
for (const [name, url] of Object.entries(env.subgraphUrls)) {
  transportEntries[name] = { location: url, options: { deduplicateInflightRequests: false } };
}
const gateway = createGatewayRuntime({
  supergraph: env.supergraphSdl,
  logging: 'error',
  inboundInflightRequestDeduplication: false,
  transportEntries,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request, subgraphName }) => ({
      [CONTEXT_HEADER]: env.context.token(
        request.headers.get(BENCH_CALLER_HEADER) ?? 'investigator',
        subgraphName,
      ),
    }),
  },
});
const server = http.createServer(gateway);
server.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => server.listen(env.port, '127.0.0.1', resolve));
console.log(`[hive] ready at http://127.0.0.1:${env.port}/graphql`);
exitOnSignal(async () => {
  env.context.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await gateway.dispose();
});
