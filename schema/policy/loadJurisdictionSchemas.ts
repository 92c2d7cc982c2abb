import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { federationConfig } from '../federationConfig.js';
import type { MemberConfig } from '../federationConfig.js';
import { jurisdictionPolicy, subgraphTypeDefs } from '../subgraphTypeDefs.js';
import type { JurisdictionPolicy } from './JurisdictionPolicy.js';

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
      policy: await jurisdictionPolicy(subgraph.name),
      schema: buildSubgraphSchema([{ typeDefs }]),
    });
  }
  return jurisdictions;
}
