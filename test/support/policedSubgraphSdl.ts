import { policySpecSdl } from '../../core/policy/policySpec.js';
import { POLICY_LINK_SDL } from '../../subgraphs/kit/subgraphTypeDefs.js';

/**
 * The head of a test subgraph under policy, as a jurisdiction's schema has it: federation
 * linked (with @key and @composeDirective), the policy spec linked and composed, and its
 * definitions. Types follow it.
 */
export const POLICED_SUBGRAPH_SDL = /* GraphQL */ `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
  ${POLICY_LINK_SDL}
  ${policySpecSdl()}
`;
