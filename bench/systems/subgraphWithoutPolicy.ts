import { pseudonymKeyring } from '../../subgraphs/kit/createJurisdictionServer.js';
import { accessDirective } from '../../subgraphs/kit/policy/accessDirective.js';
import { loadPseudonymSecret } from '../../subgraphs/kit/policy/loadPseudonymSecret.js';
import { minimizeDirective } from '../../subgraphs/kit/policy/minimizeDirective.js';
import { withRegistryCache } from '../../subgraphs/kit/registry/cacheRegistries.js';
import type { OpenedRegistries } from '../../subgraphs/kit/registry/cacheRegistries.js';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { federationConfig, repositoryRuntimeDefaults } from '../../core/federationConfig.js';
import { subgraphTypeDefs } from '../../subgraphs/membership.js';
import type { ContextClaims } from '../../core/auth/ContextClaims.js';
import { contextPublicJwks } from '../../core/auth/contextPublicJwks.js';
import {
  CONTEXT_HEADER,
  createContextVerifier,
  subgraphAudience,
} from '../../core/auth/createContextVerifier.js';
import { commonResolvers } from '../../subgraphs/kit/commonResolvers.js';
import { createRegistryLoaders } from '../../subgraphs/kit/createRegistryLoaders.js';
import { createSubgraphServer } from '../../subgraphs/kit/createSubgraphServer.js';
import { jurisdictionResolvers } from '../../subgraphs/kit/jurisdictionResolvers.js';
import { createSubgraphMetrics } from '../../subgraphs/kit/metrics/createSubgraphMetrics.js';
import { ReleaseLedger } from '../../subgraphs/kit/policy/ReleaseLedger.js';
import type { RegistryOptions } from '../../subgraphs/kit/registry/types.js';
import type { SubgraphContext } from '../../subgraphs/kit/SubgraphContext.js';
import { subgraphRuntimeConfig } from '../../subgraphs/kit/subgraphRuntimeConfig.js';

// One jurisdiction's subgraph built as createJurisdictionServer builds it, minus the policy
// (@access / @minimize transformers) and minus the audit plugin: the baseline of "policy plus
// audit inside a subgraph costs at most 10 %". The context token is still verified, the
// registries, loaders and resolvers are the product's. Benchmark only: never a product switch.
const name = process.argv[2]!;
/**
 * `bare` (default): neither policy nor audit. `policy`: the @access / @minimize transformers
 * and pseudonym keys as deployed, but no audit plugin — what separates the two costs.
 */
const mode = process.argv[3] === 'policy' ? 'policy' : 'bare';
const config = subgraphRuntimeConfig(name, repositoryRuntimeDefaults(name));
const subgraph = federationConfig().subgraphs.find((entry) => entry.name === name)!;
const code = name.toUpperCase();
const { openRegistries } = (await import(`../../subgraphs/${name}/registry/index.js`)) as {
  openRegistries: (options: RegistryOptions) => Promise<OpenedRegistries>;
};
const metrics = createSubgraphMetrics(`${name}_bare`);
// The same registries as the deployed subgraph, behind the same cache when it is configured.
const registries = withRegistryCache(
  await openRegistries({
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    countQuery: (registry, method) => metrics.registryQueries.inc({ registry, method }),
  }),
  { subgraph: name },
);
const verify = createContextVerifier({
  publicJwks: await contextPublicJwks(),
  audience: subgraphAudience(name),
});
const pseudonymKeys = pseudonymKeyring(await loadPseudonymSecret());
const server = await createSubgraphServer<SubgraphContext, ContextClaims>({
  name,
  typeDefs: await subgraphTypeDefs(subgraph),
  resolvers: {
    ...commonResolvers,
    ...jurisdictionResolvers(code, registries),
  } as GraphQLResolverMap<SubgraphContext>,
  metrics,
  transformSchema:
    mode === 'policy'
      ? (schema) =>
          accessDirective().accessDirectiveTransformer(
            minimizeDirective().minimizeDirectiveTransformer(schema, code),
            code,
          )
      : undefined,
  authenticate: (request) => {
    const value = request.headers[CONTEXT_HEADER];
    return verify(Array.isArray(value) ? value[0] : value);
  },
  context: async (_request, claims) =>
    ({
      jurisdiction: code,
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
      pseudonymKey: mode === 'policy' && claims.caseRef ? pseudonymKeys(claims.caseRef) : null,
      releases: new ReleaseLedger(),
      accessDecisions: new Map(),
      loaders: createRegistryLoaders(registries),
      audit: { kind: 'ACCESS', detail: {} },
    }) as SubgraphContext,
  close: () => registries.close(),
});
const url = await server.listen(config.port, config.host);
console.log(
  `[${name}-${mode === 'policy' ? 'policy-only' : 'without-policy'}] subgraph ready at ${url}`,
);
const stop = () => void server.stop().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
