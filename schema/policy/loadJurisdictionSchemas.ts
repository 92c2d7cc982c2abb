import { loadMemberPolicy } from '../../subgraphs/membership.js';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { federationConfig } from '../../core/federationConfig.js';
import type { MemberConfig } from '../../core/federationConfig.js';
import { subgraphTypeDefs } from '../../subgraphs/membership.js';
import type { JurisdictionPolicy } from '../../core/policy/JurisdictionPolicy.js';

export interface JurisdictionSchema {
  member: MemberConfig;
  policy: JurisdictionPolicy;
  /** The subgraph schema as the jurisdiction serves it, policy directives included. */
  schema: GraphQLSchema;
}

/**
 * Every jurisdiction's subgraph schema with its policy, in the order of schema/subgraphs.json,
 * built from the same document the subgraph serves (no resolvers: only the policy is read).
 */
export async function loadJurisdictionSchemas(): Promise<JurisdictionSchema[]> {
  const jurisdictions: JurisdictionSchema[] = [];
  for (const subgraph of federationConfig().subgraphs) {
    if (!subgraph.member) continue;
    const typeDefs = await subgraphTypeDefs(subgraph);
    jurisdictions.push({
      member: subgraph.member,
      policy: await loadMemberPolicy(subgraph.name),
      schema: buildSubgraphSchema([{ typeDefs }]),
    });
  }
  return jurisdictions;
}
