import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import { closeGracefully } from '../core/http/closeGracefully.js';
import { installApolloInternals } from './apolloInternals/index.js';
import { apolloServerOptions } from './apolloServerOptions.js';
import type { GatewayTrust } from './auth/gatewayTrust.js';
import type { ContextSigningDataSource } from './ContextSigningDataSource.js';
import { createGatewayHttpHandler } from './createGatewayHttpHandler.js';
import { createGatewayHttpServer } from './createGatewayHttpServer.js';
import { createPlainRoutes } from './createPlainRoutes.js';
import { createDashboardRoutes } from './dashboard/createDashboardRoutes.js';
import { createDevSignInRoutes } from './auth/createDevSignInRoutes.js';
import { createSupergraphGateway } from './createSupergraphGateway.js';
import type { GatewayContext } from './GatewayContext.js';
import type { GatewayConfig } from './gatewayConfig.js';
import { createLogger } from './logging/createLogger.js';
import { createGatewayMetrics } from './metrics/createGatewayMetrics.js';
import type { GatewayMetrics } from './metrics/createGatewayMetrics.js';
import { createRateLimiter } from './rateLimit/createRateLimiter.js';
import { createGatewayRedis } from './redis/createGatewayRedis.js';
import { loadTrustedDocuments } from './trustedDocuments/TrustedDocumentManifest.js';

export interface GatewayServer {
  readonly httpServer: http.Server;
  readonly gateway: ApolloGateway;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** The data source of each subgraph (its circuit breaker), once the supergraph is loaded. */
  readonly dataSources: ReadonlyMap<string, ContextSigningDataSource>;
  /** Listens and resolves with the GraphQL URL. */
  listen(): Promise<string>;
  /**
   * Stops taking requests (/ready answers 503 at once), lets in-flight ones finish for up to
   * `shutdownGraceMs`, then closes what is left and releases Redis and the subgraph pools.
   */
  stop(): Promise<void>;
}

export interface GatewayServerOptions {
  /** Default: pino on stdout at `config.logLevel`. */
  logger?: Logger;
}

/**
 * Builds (does not start) the federation gateway: callers verified on every request,
 * rate-limited per subject and agency, operations bounded (tokens, depth, aliases,
 * directives, cost) before any subgraph is called, @apollo/gateway over the supergraph file
 * (reloaded when it changes), each subgraph fetched over undici with a deadline, a circuit
 * breaker and the gateway's signed context token, and every error reduced to an allowlist.
 * Beside GraphQL: the built dashboard at `/`, and its development sign-in outside production.
 */
export async function createGatewayServer(
  config: GatewayConfig,
  trust: GatewayTrust,
  options: GatewayServerOptions = {},
): Promise<GatewayServer> {
  installApolloInternals();
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const metrics = createGatewayMetrics();
  const redis = createGatewayRedis(config.redisUrl, logger, metrics);
  const manifest = loadTrustedDocuments(config.persistedOperationsFile);
  const rateLimiter = createRateLimiter(config.rateLimit, redis, config.redisKeyPrefix);
  const supergraph = createSupergraphGateway(config, trust.signer, metrics, logger);
  const { gateway, dataSources, personalData } = supergraph;
  const apollo = new ApolloServer<GatewayContext>(
    apolloServerOptions({ config, gateway, logger, metrics, manifest, redis, personalData }),
  );
  await apollo.start();

  let draining = false;
  const routes = {
    ...createDashboardRoutes(config.dashboardDir),
    ...createDevSignInRoutes(trust.devKeys, config.production),
    ...createPlainRoutes(redis, metrics, {
      supergraphLoaded: supergraph.supergraphLoaded,
      draining: () => draining,
      subgraphs: supergraph.subgraphs,
    }),
  };
  const handler = createGatewayHttpHandler({
    apollo,
    maxBodyBytes: config.maxBodyBytes,
    trust,
    rateLimiter,
    metrics,
    logger,
    routes,
  });
  const httpServer = createGatewayHttpServer(handler, metrics, () => draining);
  return {
    httpServer,
    gateway,
    metrics,
    logger,
    dataSources,
    listen() {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          const { port } = httpServer.address() as AddressInfo;
          resolve(`http://${config.host}:${port}/graphql`);
        });
      });
    },
    async stop() {
      draining = true;
      await closeGracefully(httpServer, config.shutdownGraceMs);
      await apollo.stop();
      await Promise.all([...dataSources.values()].map((source) => source.close()));
      redis?.disconnect();
    },
  };
}
