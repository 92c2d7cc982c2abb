import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { countOperationsPlugin } from './countOperationsPlugin.js';
import { formatSubgraphError } from './errors/formatSubgraphError.js';
import { closeGracefully } from '../../core/http/closeGracefully.js';
import { createHttpHandler, sendJson } from '../../core/http/createHttpHandler.js';
import type { SubgraphMetrics } from './metrics/createSubgraphMetrics.js';
import { normalizeWalletIdArguments } from './normalizeWalletIdArguments.js';

export interface SubgraphServerOptions<TContext extends BaseContext, TAuth> {
  /** `directory` or the jurisdiction code in lower case. */
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  /**
   * Verifies the gateway's context token before anything GraphQL runs, `_service` and
   * `_entities` included; a failure is answered 401 and nothing is resolved.
   */
  authenticate: (request: IncomingMessage) => Promise<TAuth>;
  /** Builds the per-request context from the verified claims. */
  context: (request: IncomingMessage, auth: TAuth) => Promise<TContext>;
  /** Extra Apollo Server plugins (the audit log). */
  plugins?: ApolloServerPlugin<TContext>[];
  /** Schema transformers (the policy directives), applied after argument normalisation. */
  transformSchema?: (schema: GraphQLSchema) => GraphQLSchema;
  /** Receives the served schema once built (the evidence packager runs releases through it). */
  onSchema?: (schema: GraphQLSchema) => void;
  metrics: SubgraphMetrics;
  /**
   * Readiness: whether the subgraph can serve (its stores answer). /ready answers 200 with
   * the checks when all pass, 503 otherwise. Default: ready once listening.
   */
  ready?: () => Promise<Record<string, boolean>>;
  /**
   * Extra plain routes answered without a context token, beside /health (a member's published
   * keys, subgraphs/kit/keys/memberKeysRoutes.ts): public documents only.
   */
  routes?: Record<string, (request: IncomingMessage, response: ServerResponse) => Promise<void>>;
  /** Releases what the subgraph holds open (database pools, file watchers). */
  close?: () => Promise<void>;
}

export interface SubgraphServer {
  readonly name: string;
  readonly httpServer: http.Server;
  /** Listens on the port (0 = any free port) and resolves with the GraphQL URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting requests, lets in-flight ones finish, then closes resources. */
  stop(): Promise<void>;
}

/**
 * Builds (does not start) a subgraph: the federated schema with WalletId arguments
 * normalised at the edge and the policy transformers applied, an Apollo Server without
 * inline tracing or cache control whose errors pass an allowlist (formatSubgraphError), and
 * an HTTP server with /graphql (gateway context token required), /health and /metrics.
 */
export async function createSubgraphServer<TContext extends BaseContext, TAuth>(
  options: SubgraphServerOptions<TContext, TAuth>,
): Promise<SubgraphServer> {
  const normalized = normalizeWalletIdArguments(
    buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers }]),
  );
  const schema = options.transformSchema ? options.transformSchema(normalized) : normalized;
  options.onSchema?.(schema);
  const apollo = new ApolloServer<TContext>({
    schema,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      // No schema sets cache hints and the gateway asks for none; left on, the plugin would
      // hook every field of every response (about 5 % of FR's CPU in a profile of the bench).
      ApolloServerPluginCacheControlDisabled(),
      countOperationsPlugin(options.metrics) as ApolloServerPlugin<TContext>,
      ...(options.plugins ?? []),
    ],
    includeStacktraceInErrorResponses: false,
    // Said here so that NODE_ENV (production in docker-compose) does not change it: a subgraph
    // answers only requests with a gateway-signed context token, introspection included.
    introspection: true,
    formatError: (formatted, error) =>
      formatSubgraphError(formatted, error, ({ because, errorName, errorCode, path }) =>
        // The class, code and path say where to look; the message could hold the very value
        // or credential that was withheld, so it stays out of the log too.
        console.warn(
          `[${options.name}] error withheld from the gateway (${because}): ${errorName}${errorCode ? ` ${errorCode}` : ''} at ${path?.join('.') ?? 'the request'}`,
        ),
      ),
    // runSubgraph owns SIGTERM/SIGINT: it drains HTTP first, then stops Apollo.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  let draining = false;
  const handler = createHttpHandler<TContext, TAuth>({
    apollo,
    authenticate: options.authenticate,
    context: options.context,
    routes: {
      ...options.routes,
      '/health': async (_request, response) => sendJson(response, 200, { status: 'ok' }),
      '/ready': async (_request, response) => {
        const checks = draining ? { draining: false } : ((await options.ready?.()) ?? {});
        const ok = Object.values(checks).every(Boolean);
        sendJson(response, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', checks });
      },
      '/metrics': async (_request, response) => {
        const text = await options.metrics.registry.metrics();
        response.writeHead(200, { 'content-type': options.metrics.registry.contentType });
        response.end(text);
      },
    },
  });
  const httpServer = http.createServer((request, response) => void handler(request, response));
  httpServer.keepAliveTimeout = 65_000;
  return {
    name: options.name,
    httpServer,
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const { port: bound } = httpServer.address() as AddressInfo;
          resolve(`http://${host}:${bound}/graphql`);
        });
      });
    },
    async stop() {
      draining = true;
      await closeGracefully(httpServer);
      await apollo.stop();
      await options.close?.();
    },
  };
}
