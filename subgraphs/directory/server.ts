import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { CountryCodeScalar, WalletIdScalar } from '../../core/commonScalars.js';
import { memberConfigs } from '../../core/federationConfig.js';
import type { MemberConfig } from '../../core/federationConfig.js';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import type { ContextClaims } from '../../core/auth/ContextClaims.js';
import { contextPublicJwks } from '../../core/auth/contextPublicJwks.js';
import {
  CONTEXT_HEADER,
  createContextVerifier,
  subgraphAudience,
} from '../../core/auth/createContextVerifier.js';
import { createSubgraphServer } from '../kit/createSubgraphServer.js';
import type { SubgraphServer } from '../kit/createSubgraphServer.js';
import { createSubgraphMetrics } from '../kit/metrics/createSubgraphMetrics.js';
import { resolveWalletReference } from '../kit/resolveWalletReference.js';
import { matchingResolvers, screeningLimits } from './matchingResolvers.js';
import { createMemberKeysSource, memberKeysUrl } from './memberKeys.js';

interface DirectoryContext {
  requestId: string;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The directory subgraph, run by the cooperation hub: the members, their registries, and
 * `wallet(id)` as an entry point. It reads only schema/subgraphs.json and holds no records,
 * so nothing personal can leave it.
 */
export async function createServer(): Promise<SubgraphServer> {
  const members = memberConfigs();
  const memberKeys = createMemberKeysSource({ urlOf: (code) => memberKeysUrl(code) });
  const resolvers = {
    WalletId: WalletIdScalar,
    CountryCode: CountryCodeScalar,
    Query: {
      members: () => members,
      member: (_: unknown, args: { code: string }) =>
        members.find((member) => member.code === args.code) ?? null,
      // The id is already normalised by the argument layer; the wallet's records are
      // resolved by each jurisdiction's `Wallet.<cc>` field.
      wallet: (_: unknown, args: { id: string }) => ({ id: args.id }),
      ...matchingResolvers(screeningLimits()),
    },
    Member: {
      namespaceField: (member: MemberConfig) => member.code.toLowerCase(),
      // Fetched from the member itself, so that what partners verify with is what it publishes.
      keys: (member: MemberConfig) => memberKeys(member.code),
    },
    Wallet: { __resolveReference: resolveWalletReference },
    PartyMatchSearch: { __resolveReference: (search: { key: string }) => search },
  };
  // The directory is told no identity (see minimalClaims), but still only answers the gateway.
  const verify = createContextVerifier({
    publicJwks: await contextPublicJwks(),
    audience: subgraphAudience('directory'),
    requireIdentity: false,
  });
  return createSubgraphServer<DirectoryContext, ContextClaims>({
    name: 'directory',
    typeDefs: parse(readFileSync(new URL('./schema.graphql', import.meta.url), 'utf8')),
    resolvers: resolvers as unknown as GraphQLResolverMap<DirectoryContext>,
    metrics: createSubgraphMetrics('directory'),
    authenticate: (request) => verify(headerValue(request.headers[CONTEXT_HEADER])),
    context: async (_request, claims) => ({ requestId: claims.requestId }),
  });
}
