import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { CONTEXT_HEADER } from '../../core/auth/createContextVerifier.js';
import type { PresignedContext } from '../presignedContext.js';
import { BENCH_CALLER_HEADER, benchSystemEnv, exitOnSignal } from './benchSystemEnv.js';

interface StockContext {
  benchCaller: string;
}

/**
 * The one change to a stock data source: the subgraphs answer only requests carrying the
 * gateway's context token, so this adds the pre-signed token of the bench caller.
 */
class PresignedContextDataSource extends RemoteGraphQLDataSource<StockContext> {
  constructor(
    url: string,
    private readonly subgraph: string,
    private readonly context: PresignedContext,
  ) {
    super({ url });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<StockContext>): void {
    if (!('incomingRequestContext' in options)) return;
    const caller = options.incomingRequestContext.context.benchCaller;
    options.request.http!.headers.set(CONTEXT_HEADER, this.context.token(caller, this.subgraph));
  }
}

// Stock @apollo/gateway and @apollo/server with default settings: no auth, no limits, no
// policy plugins. Only the data source above and the subgraph URLs (the harness's ports)
// differ from the tutorial setup.
const env = await benchSystemEnv();
const gateway = new ApolloGateway({
  supergraphSdl: env.supergraphSdl,
  buildService: ({ name, url }) =>
    new PresignedContextDataSource(env.subgraphUrls[name] ?? url!, name, env.context),
});
const server = new ApolloServer<StockContext>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: env.port, host: '127.0.0.1' },
  context: async ({ req }) => ({
    benchCaller: String(req.headers[BENCH_CALLER_HEADER] ?? 'investigator'),
  }),
});
console.log(`[stock-apollo] ready at ${url}`);
exitOnSignal(async () => {
  env.context.close();
  await server.stop();
});
