import { ErrorCode } from '../core/errors/ErrorCode.js';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { PURPOSES } from '../core/policy/policySpec.js';
import type { Purpose } from '../core/policy/policySpec.js';
import { closeGracefully } from '../core/http/closeGracefully.js';
import { createHttpHandler, sendJson } from '../core/http/createHttpHandler.js';
import { installApolloInternals, presignLaterFetches } from './apolloInternals/index.js';
import type { CallerIdentity } from './auth/createCallerVerifier.js';
import type { GatewayTrust } from './auth/gatewayTrust.js';
import { ContextSigningDataSource } from './ContextSigningDataSource.js';
import { formatGatewayError } from './errors/formatGatewayError.js';
import { CASE_REF_HEADER, PURPOSE_HEADER } from './GatewayContext.js';
import type { GatewayContext } from './GatewayContext.js';
import type { GatewayConfig } from './gatewayConfig.js';
import { createReadinessCheck } from './health/checkReadiness.js';
import { operationLimitRules } from './limits/operationLimitRules.js';
import { createLogger } from './logging/createLogger.js';
import { createGatewayMetrics } from './metrics/createGatewayMetrics.js';
import type { GatewayMetrics } from './metrics/createGatewayMetrics.js';
import { boundRefusalErrorsPlugin } from './plugins/boundRefusalErrorsPlugin.js';
import { costLimitPlugin } from './plugins/costLimitPlugin.js';
import { introspectionPlugin } from './plugins/introspectionPlugin.js';
import { personalDataCoordinates } from './plugins/personalDataCoordinates.js';
import type { PersonalDataCoordinates } from './plugins/personalDataCoordinates.js';
import { purposeRequiredPlugin } from './plugins/purposeRequiredPlugin.js';
import { trustedDocumentsPlugin } from './plugins/trustedDocumentsPlugin.js';
import { createRateLimiter } from './rateLimit/createRateLimiter.js';
import { createPersistedQueryCache } from './redis/createPersistedQueryCache.js';
import { createRedisClient, redisReady } from '../core/redis/createRedisClient.js';
import { loadTrustedDocuments } from './trustedDocuments/TrustedDocumentManifest.js';
import { watchSupergraph } from './watchSupergraph.js';

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

/** Longest case reference accepted; longer ones are refused rather than truncated. */
export const MAX_CASE_REF_LENGTH = 128;
const CASE_REF_PATTERN = /^[\p{L}\p{N} ._\-/:#]+$/u;
const KNOWN_PURPOSES: ReadonlySet<string> = new Set(PURPOSES);

function header(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? null : text.trim();
}

/**
 * One log line per GraphQL request: who (subject, agency), what (operation, hash), outcome.
 * The line is written just after the response, not before it: Apollo awaits this hook before
 * the answer leaves, and a write to stdout (a pipe to the log collector) would sit on every
 * request's critical path — a synchronous syscall that can also wake the reader ahead of
 * the gateway.
 */
function requestLogPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName, queryHash, errors }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          const codes = (body?.errors ?? []).map((error) => String(error.extensions?.code));
          const line = {
            requestId: contextValue.requestId,
            subject: contextValue.caller.subject,
            agency: contextValue.caller.agency,
            purpose: contextValue.purpose,
            operationName,
            operationHash: queryHash,
            status: response.http.status ?? 200,
            errorCodes: codes,
            internalErrors: (errors ?? []).length,
            durationMs: Math.round(performance.now() - started),
          };
          setImmediate(() => logger.info(line, 'graphql request'));
        },
      };
    },
  };
}

/**
 * Builds (does not start) the federation gateway: callers verified on every request,
 * rate-limited per subject and agency, operations bounded (tokens, depth, aliases,
 * directives, cost) before any subgraph is called, @apollo/gateway over the supergraph file
 * (reloaded when it changes), each subgraph fetched over undici with a deadline, a circuit
 * breaker and the gateway's signed context token, and every error reduced to an allowlist.
 */
export async function createGatewayServer(
  config: GatewayConfig,
  trust: GatewayTrust,
  options: GatewayServerOptions = {},
): Promise<GatewayServer> {
  installApolloInternals();
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const metrics = createGatewayMetrics();
  // One line per change, not one per reconnect attempt or timeout; the URL is never logged.
  const redis: Redis | null = config.redisUrl
    ? createRedisClient(config.redisUrl, {
        onAvailabilityChange: (available) => {
          metrics.redisAvailable.set(available ? 1 : 0);
          if (available) logger.info('redis available');
          else logger.warn('redis unavailable or not answering: local fallbacks in use');
        },
      })
    : null;
  const manifest = loadTrustedDocuments(config.persistedOperationsFile);
  const rateLimiter = createRateLimiter(config.rateLimit, redis, config.redisKeyPrefix);

  let personal: PersonalDataCoordinates = { types: new Set(), fields: new Set() };
  let supergraphLoaded = false;
  let draining = false;
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
        trust.signer,
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
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger,
    includeStacktraceInErrorResponses: false,
    // "Did you mean …?" in validation errors spells out the schema to whoever probes it.
    hideSchemaDetailsFromClientErrors: !config.development,
    // Gated per caller by introspectionPlugin (ADMIN, or everyone in development).
    introspection: true,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: operationLimitRules(config.limits),
    persistedQueries: {
      cache: createPersistedQueryCache(manifest, redis, config.redisKeyPrefix),
    },
    formatError: (formatted, error) =>
      formatGatewayError(formatted, error, (verdict) => {
        metrics.errors.inc({ code: verdict.code });
        // Nothing of the withheld message: whatever it held (a key, a withheld value) would
        // otherwise sit in every log store and backup. The subgraph logs its failure's class.
        if (verdict.withheld) {
          logger.warn(
            {
              code: verdict.code,
              originalCode: verdict.originalCode,
              jurisdiction: verdict.jurisdiction,
              because: verdict.because,
            },
            'error withheld from client',
          );
        }
      }),
    plugins: [
      boundRefusalErrorsPlugin(),
      requestLogPlugin(logger),
      introspectionPlugin({ openToAll: config.development }),
      trustedDocumentsPlugin({
        manifest,
        restrictedRoles: new Set(config.production ? config.trustedDocumentRoles : []),
      }),
      costLimitPlugin({
        maxCost: config.limits.maxCost,
        defaultListSize: config.limits.defaultListSize,
      }),
      purposeRequiredPlugin(() => personal),
    ],
    // gateway/index.ts owns SIGTERM/SIGINT: it drains HTTP first, then stops Apollo.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const checkReady = createReadinessCheck({
    supergraphLoaded: () => supergraphLoaded,
    draining: () => draining,
    subgraphs: () =>
      [...subgraphUrls].map(([name, url]) => ({
        name,
        url,
        circuit: dataSources.get(name)?.breaker.state ?? 'closed',
      })),
  });
  const handler = createHttpHandler<GatewayContext, CallerIdentity>({
    apollo,
    maxBodyBytes: config.maxBodyBytes,
    authenticate: (request) => trust.verifyCaller(header(request, 'authorization') ?? undefined),
    admit: async (_request, caller) => {
      const decision = await rateLimiter.take(caller.subject, caller.agency);
      if (decision.allowed) return null;
      metrics.rateLimited.inc({ counter: decision.counter });
      const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
      return {
        status: 429,
        code: ErrorCode.RATE_LIMITED,
        message: `Too many requests from this caller or agency; retry in ${seconds} s`,
        headers: { 'retry-after': String(seconds) },
      };
    },
    onErrorAnswered: (code) => metrics.errors.inc({ code }),
    onError: (error) =>
      logger.error(
        {
          errorName: (error as Error | null)?.name,
          code: (error as { code?: string } | null)?.code,
        },
        'request failed',
      ),
    context: async (request, caller) => {
      const stated = header(request, PURPOSE_HEADER);
      const purpose = stated !== null && KNOWN_PURPOSES.has(stated) ? (stated as Purpose) : null;
      const caseRef = header(request, CASE_REF_HEADER);
      if (
        caseRef !== null &&
        (caseRef.length > MAX_CASE_REF_LENGTH || !CASE_REF_PATTERN.test(caseRef))
      ) {
        throw new GraphQLError(`The ${CASE_REF_HEADER} header is not a valid case reference`, {
          extensions: {
            code: ErrorCode.BAD_USER_INPUT,
            reason: 'BAD_CASE_REF',
            http: { status: 400 },
          },
        });
      }
      return {
        caller,
        purpose,
        unknownPurpose: stated !== null && purpose === null ? stated : null,
        caseRef,
        requestId: randomUUID(),
      };
    },
    routes: {
      '/health': async (_request, response) =>
        sendJson(response, 200, {
          status: 'ok',
          redis: redis ? (redisReady(redis) ? 'available' : 'unavailable') : 'not configured',
        }),
      '/ready': async (_request, response) => {
        const readiness = await checkReady();
        sendJson(response, readiness.ready ? 200 : 503, readiness);
      },
      '/metrics': async (_request, response) => {
        const text = await metrics.registry.metrics();
        response.writeHead(200, { 'content-type': metrics.registry.contentType });
        response.end(text);
      },
    },
  });
  const httpServer = http.createServer((request, response) => {
    const route = (request.url ?? '/').split('?')[0]!;
    response.once('finish', () =>
      metrics.requests.inc({
        route: ['/graphql', '/health', '/ready', '/metrics'].includes(route) ? route : 'other',
        status: String(response.statusCode),
      }),
    );
    if (draining) response.setHeader('connection', 'close');
    void handler(request, response);
  });
  httpServer.keepAliveTimeout = 65_000;
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
