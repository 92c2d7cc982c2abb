import type { ApolloGateway } from '@apollo/gateway';
import type { ApolloServerOptionsWithGateway, ApolloServerPlugin } from '@apollo/server';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { formatGatewayError } from './errors/formatGatewayError.js';
import type { GatewayContext } from './GatewayContext.js';
import type { GatewayConfig } from './gatewayConfig.js';
import { operationLimitRules } from './limits/operationLimitRules.js';
import type { GatewayMetrics } from './metrics/createGatewayMetrics.js';
import { boundRefusalErrorsPlugin } from './plugins/boundRefusalErrorsPlugin.js';
import { costLimitPlugin } from './plugins/costLimitPlugin.js';
import { introspectionPlugin } from './plugins/introspectionPlugin.js';
import type { PersonalDataCoordinates } from './plugins/personalDataCoordinates.js';
import { purposeRequiredPlugin } from './plugins/purposeRequiredPlugin.js';
import { requestLogPlugin } from './plugins/requestLogPlugin.js';
import { trustedDocumentsPlugin } from './plugins/trustedDocumentsPlugin.js';
import { createPersistedQueryCache } from './redis/createPersistedQueryCache.js';
import type { TrustedDocumentManifest } from './trustedDocuments/TrustedDocumentManifest.js';

/** What the Apollo Server of the gateway is built over. */
export interface ApolloServerParts {
  config: GatewayConfig;
  gateway: ApolloGateway;
  logger: Logger;
  metrics: GatewayMetrics;
  manifest: TrustedDocumentManifest;
  redis: Redis | null;
  personalData: () => PersonalDataCoordinates;
}

/**
 * The gateway's Apollo Server: persisted queries, a token budget and the operation limits,
 * then the plugins that refuse before any subgraph is called, and every error through the
 * allowlist.
 */
export function apolloServerOptions(
  parts: ApolloServerParts,
): ApolloServerOptionsWithGateway<GatewayContext> {
  const { config, gateway, logger, metrics, manifest, redis } = parts;
  return {
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
    formatError: formatAndReportError(logger, metrics),
    plugins: gatewayPlugins(parts),
    // gateway/index.ts owns SIGTERM/SIGINT: it drains HTTP first, then stops Apollo.
    stopOnTerminationSignals: false,
  };
}

/** Every error through the allowlist, counted by code; a withheld one is logged. */
function formatAndReportError(
  logger: Logger,
  metrics: GatewayMetrics,
): NonNullable<ApolloServerOptionsWithGateway<GatewayContext>['formatError']> {
  return (formatted, error) =>
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
    });
}

/** The gateway's plugins, in the order Apollo calls them. */
function gatewayPlugins(parts: ApolloServerParts): ApolloServerPlugin<GatewayContext>[] {
  const { config, logger, manifest, personalData } = parts;
  return [
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
      maxBatchItems: config.limits.maxBatchItems,
      maxBatchCost: config.limits.maxBatchCost,
    }),
    purposeRequiredPlugin(personalData),
  ];
}
