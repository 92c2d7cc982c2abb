import path from 'node:path';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { jurisdictionTypeDefs } from './subgraphTypeDefs.js';
import { memberKeysRoutes } from './keys/memberKeysRoutes.js';
import type { ContextClaims } from '../../core/auth/ContextClaims.js';
import { contextPublicJwks } from '../../core/auth/contextPublicJwks.js';
import {
  CONTEXT_HEADER,
  createContextVerifier,
  subgraphAudience,
} from '../../core/auth/createContextVerifier.js';
import { accountabilityResolvers } from './accountabilityResolvers.js';
import { claimResolvers } from './claims/claimResolvers.js';
import { restitutionStatistics } from './claims/restitutionStatistics.js';
import { jurisdictionAuditLogOptions } from './audit/openJurisdictionAuditLog.js';
import { openAuditLog } from './audit/openAuditLog.js';
import { auditRequestsPlugin } from './auditRequestsPlugin.js';
import { commonResolvers } from './commonResolvers.js';
import { createRegistryLoaders } from './createRegistryLoaders.js';
import { createSubgraphServer } from './createSubgraphServer.js';
import type { SubgraphServer } from './createSubgraphServer.js';
import { jurisdictionResolvers } from './jurisdictionResolvers.js';
import { matchingResolvers } from './matching/matchingResolvers.js';
import { openPartyIndex } from './matching/openPartyIndex.js';
import { walletBatchLimitPlugin } from './matching/walletBatchLimitPlugin.js';
import { crossBorderRequestStatistics } from './requests/crossBorderRequestStatistics.js';
import { policyForRequest } from './requests/policyForRequest.js';
import { readAllRequests } from './requests/readAllRequests.js';
import { expireDueRequests } from './requests/expireDueRequests.js';
import { requestResolvers } from './requests/requestResolvers.js';
import { evidenceResolvers } from './evidence/evidenceResolvers.js';
import { publishedMemberKey } from './evidence/publishedMemberKey.js';
import { destroyExpiredEvidence } from './evidence/destroyExpiredEvidence.js';
import { trustedKeysDir } from '../../core/auth/trustedKeysDir.js';
import type { GraphQLSchema } from 'graphql';
import { withRecognisedOrders } from './requests/withRecognisedOrders.js';
import { DEFAULT_MAX_SCREENED_WALLETS } from '../../core/matching/matchingDefaults.js';
import { createSubgraphMetrics } from './metrics/createSubgraphMetrics.js';
import { accessDirective } from './policy/accessDirective.js';
import { loadPseudonymSecret } from './policy/loadPseudonymSecret.js';
import { minimizeDirective } from './policy/minimizeDirective.js';
import { derivePseudonymKey } from '../../core/policy/pseudonym.js';
import { ReleaseLedger } from './policy/ReleaseLedger.js';
import { withRegistryCache } from './registry/cacheRegistries.js';
import type { MemberDefinition } from './MemberDefinition.js';
import type { SubgraphContext } from './SubgraphContext.js';
import type { SubgraphRuntimeConfig } from './subgraphRuntimeConfig.js';

/** How often the member's clock looks for standing orders and authorisations that ran out. */
export const REQUEST_CLOCK_INTERVAL_MS = 60_000;

export interface JurisdictionServerOptions {
  member: MemberDefinition;
  config: SubgraphRuntimeConfig;
}

/**
 * Builds one national subgraph: opens its registries, serves the common schema plus its
 * namespace under its policy, and counts every backend round trip on /metrics.
 */
export async function createJurisdictionServer({
  member,
  config,
}: JurisdictionServerOptions): Promise<SubgraphServer> {
  const options = { code: member.code, config };
  const name = member.code.toLowerCase();
  const { policy } = member;
  const metrics = createSubgraphMetrics(name);
  // First: a member whose embedded audit store another process holds (an audit command)
  // refuses to start before it opens anything else.
  const auditOptions = await jurisdictionAuditLogOptions(options.code, policy.auditRetentionDays);
  const audit = await openAuditLog({
    ...auditOptions,
    // The jurisdiction's own data folder, whatever COMITY_DATA_ROOT says.
    pgliteDataDir: path.join(options.config.dataDir, 'audit-pglite'),
    // An embedded store has one writer: the member holds its owner lock while it serves.
    holder: `member ${options.code.toUpperCase()}`,
  });
  const opened = await member.openRegistries({
    dataDir: options.config.dataDir,
    databaseUrl: options.config.databaseUrl,
    countQuery: (registry, method) => metrics.registryQueries.inc({ registry, method }),
  });
  const cached = withRegistryCache(opened, {
    subgraph: name,
    onError: () => metrics.registryCacheFailures.inc(),
  });
  // Orders recognised from abroad live in the member's own store, beside its audit log, and
  // read as part of its asset registry (docs/architecture.md §11).
  const recognised = withRecognisedOrders(cached.assets, audit.requests, {
    jurisdiction: options.code,
    instrumentOf: (type) => policy.requests.types[type]?.instrument ?? type,
    backend: audit.client.backend,
  });
  const registries = { ...cached, assets: recognised };
  const namespace = jurisdictionResolvers(options.code, registries);
  const accountability = accountabilityResolvers(options.code, audit, registries.assets, {
    transparencyTtlSeconds: options.config.transparencyTtlSeconds,
    crossBorderRequestStatistics: async () =>
      crossBorderRequestStatistics(await readAllRequests(audit.requests), (request) =>
        policyForRequest(policy, request.type, request.issuingState),
      ),
    restitutionStatistics: async () =>
      restitutionStatistics(
        options.code,
        ((await registries.assets?.recoveryStatistics()) ?? []).filter(
          (total) => total.kind === 'CONFISCATION',
        ),
        await audit.claims.dispositions(),
      ),
  });
  const claims = claimResolvers({ log: audit, policy, assets: registries.assets });
  const pseudonymSecret = await loadPseudonymSecret();
  const pseudonymKeys = pseudonymKeyring(pseudonymSecret);
  // Matching reads the member's own storage, not the cache in front of it (docs/matching.md).
  const matching = matchingResolvers({
    code: options.code,
    policy,
    index: openPartyIndex(opened, { dataVersion: opened.dataVersion }),
    auditKey: derivePseudonymKey(pseudonymSecret, `audit:${options.code}`),
  });
  let servedSchema: GraphQLSchema | null = null;
  const evidence = evidenceResolvers({
    code: options.code,
    log: audit,
    policy,
    registries,
    caseKey: pseudonymKeys,
    schema: () => servedSchema,
    publishedKey: (country) => publishedMemberKey(country, trustedKeysDir()),
  });
  const requests = requestResolvers({
    code: options.code,
    log: audit,
    policy,
    registries,
    onRecognisedOrdersChanged: () => recognised.refresh(),
    caseKey: pseudonymKeys,
    onExecuted: evidence.packageExecuted,
  });
  // Requests also expire when nobody reads them, so the statistics and the orders are current;
  // evidence past its retention loses its content on the same clock (docs/evidence.md).
  const requestClock = setInterval(() => {
    void expireDueRequests(audit, policy, new Date())
      .then((expired) => (expired > 0 ? recognised.refresh() : undefined))
      .catch(() => metrics.requestClockFailures.inc());
    void destroyExpiredEvidence(audit, options.code, new Date()).catch(() =>
      metrics.requestClockFailures.inc(),
    );
  }, REQUEST_CLOCK_INTERVAL_MS);
  requestClock.unref();
  const resolvers = {
    ...commonResolvers,
    ...namespace,
    ...accountability,
    ...requests,
    ...claims,
    ...matching,
    Jurisdiction: {
      ...namespace.Jurisdiction,
      ...accountability.Jurisdiction,
      ...requests.Jurisdiction,
      ...claims.Jurisdiction,
      ...matching.Jurisdiction,
    },
    WalletRecords: { ...namespace.WalletRecords, ...claims.WalletRecords },
    JurisdictionMutations: {
      ...accountability.JurisdictionMutations,
      ...requests.JurisdictionMutations,
      ...evidence.resolvers.JurisdictionMutations,
      ...claims.JurisdictionMutations,
    },
    CrossBorderRequest: {
      ...requests.CrossBorderRequest,
      ...evidence.resolvers.CrossBorderRequest,
    },
  };
  const verify = createContextVerifier({
    publicJwks: await contextPublicJwks(),
    audience: subgraphAudience(name),
  });
  const { accessDirectiveTransformer } = accessDirective();
  const { minimizeDirectiveTransformer } = minimizeDirective();
  return createSubgraphServer<SubgraphContext, ContextClaims>({
    name,
    typeDefs: jurisdictionTypeDefs(member.schemaSdl, policy),
    // Public keys only, without a token: the directory and partners fetch them (docs/keys.md).
    routes: await memberKeysRoutes(options.code, auditOptions.signingKey),
    resolvers: resolvers as GraphQLResolverMap<SubgraphContext>,
    metrics,
    // @minimize wraps the resolver, @access wraps both: a denied field is never read.
    transformSchema: (schema) =>
      accessDirectiveTransformer(minimizeDirectiveTransformer(schema, options.code), options.code),
    onSchema: (schema) => {
      servedSchema = schema;
    },
    plugins: [
      auditRequestsPlugin({
        log: audit,
        jurisdiction: options.code,
        // Entity ids in the log are pseudonyms under a key of the jurisdiction's own.
        entityKey: derivePseudonymKey(pseudonymSecret, `audit:${options.code}`),
        metrics,
        delayAfterAuditMs: Number(process.env.COMITY_FAULT_DELAY_AFTER_AUDIT_MS ?? 0),
      }),
      walletBatchLimitPlugin({
        code: options.code,
        maxWallets: policy.matching?.maxScreenedWallets ?? DEFAULT_MAX_SCREENED_WALLETS,
      }),
    ],
    authenticate: (request) => verify(headerValue(request.headers[CONTEXT_HEADER])),
    ready: async () => ({
      registries: await answers(async () => {
        const page = { first: 1, after: null };
        await Promise.all([
          // The backend itself, not the cache in front of it.
          opened.assets?.listFreezingOrders(page),
          opened.watchlist?.listEntries(page),
          opened.disclosures?.listDisclosures(page),
        ]);
      }),
      auditLog: await answers(() => audit.client.query('SELECT 1')),
    }),
    context: async (_request, claims) => ({
      jurisdiction: options.code,
      claims,
      requestId: claims.requestId,
      caller: {
        subject: claims.sub,
        roles: claims.roles,
        homeCountry: claims.country,
        agency: claims.agency,
        purpose: claims.purpose,
        caseRef: claims.caseRef,
      },
      // Pseudonyms join records within one case; without a case there is nothing they may
      // join, so PSEUDONYM fields are withheld with CASE_REF_REQUIRED (MinimizeStrategy.PSEUDONYM).
      pseudonymKey: claims.caseRef ? pseudonymKeys(claims.caseRef) : null,
      releases: new ReleaseLedger(),
      accessDecisions: new Map(),
      loaders: createRegistryLoaders(registries),
      audit: { kind: 'ACCESS', detail: {} },
    }),
    close: async () => {
      clearInterval(requestClock);
      await registries.close();
      await audit.close();
    },
  });
}

/** Whether a probe of a store completes; its error stays in the store's own logs. */
async function answers(probe: () => Promise<unknown>): Promise<boolean> {
  try {
    await probe();
    return true;
  } catch {
    return false;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** HKDF per case is cheap but not free: keep the keys of recent cases. */
const PSEUDONYM_KEY_CACHE_SIZE = 1_000;

export function pseudonymKeyring(secret: Uint8Array): (caseRef: string) => Uint8Array {
  const cache = new Map<string, Uint8Array>();
  return (caseRef) => {
    let key = cache.get(caseRef);
    if (key === undefined) {
      key = derivePseudonymKey(secret, caseRef);
      if (cache.size >= PSEUDONYM_KEY_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      cache.set(caseRef, key);
    }
    return key;
  };
}
