import { ApolloGateway } from '@apollo/gateway';
import type { Logger } from 'pino';
import { presignLaterFetches } from './apolloInternals/index.js';
import type { ContextSigner } from './auth/createContextSigner.js';
import { ContextSigningDataSource } from './ContextSigningDataSource.js';
import type { CircuitState } from './fetch/createSubgraphBreaker.js';
import type { GatewayConfig } from './gatewayConfig.js';
import type { GatewayMetrics } from './metrics/createGatewayMetrics.js';
import { personalDataCoordinates } from './plugins/personalDataCoordinates.js';
import type { PersonalDataCoordinates } from './plugins/personalDataCoordinates.js';
import { watchSupergraph } from './watchSupergraph.js';

/** @apollo/gateway over the supergraph file, with what the rest of the gateway reads of it. */
export interface SupergraphGateway {
  readonly gateway: ApolloGateway;
  /** The data source of each subgraph (its circuit breaker), once the supergraph is loaded. */
  readonly dataSources: ReadonlyMap<string, ContextSigningDataSource>;
  supergraphLoaded(): boolean;
  /** The personal-data types and fields of the supergraph loaded last. */
  personalData(): PersonalDataCoordinates;
  /** Each subgraph's GraphQL URL and current circuit state. */
  subgraphs(): { name: string; url: string; circuit: CircuitState }[];
}

/**
 * The ApolloGateway over the supergraph file (reloaded when it changes), each subgraph
 * fetched by a ContextSigningDataSource: the gateway's signed context token, a deadline and a
 * circuit breaker.
 */
export function createSupergraphGateway(
  config: GatewayConfig,
  signer: ContextSigner,
  metrics: GatewayMetrics,
  logger: Logger,
): SupergraphGateway {
  let personal: PersonalDataCoordinates = { types: new Set(), fields: new Set() };
  let supergraphLoaded = false;
  const dataSources = new Map<string, ContextSigningDataSource>();
  const subgraphUrls = new Map<string, string>();
  const gateway = new ApolloGateway({
    // Off whatever NODE_ENV says: on, any caller who sends `Apollo-Query-Plan-Experimental`
    // gets the query plan back (subgraph names, the operations sent to each).
    __exposeQueryPlanExperimental: false,
    experimental_didResolveQueryPlan: presignLaterFetches(),
    supergraphSdl: watchSupergraph({
      file: config.supergraphFile,
      log: (message) => logger.info(message),
    }),
    buildService: ({ name, url }) => {
      const resolved = config.subgraphUrls[name] ?? url!;
      subgraphUrls.set(name, resolved);
      // A supergraph reload builds the services again: keep one breaker and pool per subgraph.
      const existing = dataSources.get(name);
      if (existing && existing.url === resolved) return existing;
      const source = new ContextSigningDataSource(
        name,
        resolved,
        signer,
        {
          timeoutMs: config.subgraphTimeoutsMs[name] ?? config.subgraphTimeoutMs,
          breakerFailures: config.breakerFailures,
          breakerCooldownMs: config.breakerCooldownMs,
        },
        metrics,
      );
      dataSources.set(name, source);
      return source;
    },
  });
  gateway.onSchemaLoadOrUpdate(({ coreSupergraphSdl }) => {
    personal = personalDataCoordinates(coreSupergraphSdl);
    supergraphLoaded = true;
  });
  return {
    gateway,
    dataSources,
    supergraphLoaded: () => supergraphLoaded,
    personalData: () => personal,
    subgraphs: () =>
      [...subgraphUrls].map(([name, url]) => ({
        name,
        url,
        circuit: dataSources.get(name)?.breaker.state ?? 'closed',
      })),
  };
}
