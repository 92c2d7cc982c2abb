// The member-facing surface of @comity/kit: what a registry needs to define, serve and fill
// its subgraph. Deeper modules stay importable through the package's `./*` and `./core/*`
// exports, but only these names are the kit's promise.

export { checkMemberDefinition } from './MemberDefinition.js';
export type { MemberDefinition, OpenRegistries } from './MemberDefinition.js';
export { runJurisdiction } from './runJurisdiction.js';
export { createJurisdictionServer } from './createJurisdictionServer.js';
export type { JurisdictionServerOptions } from './createJurisdictionServer.js';
export type { SubgraphServer } from './createSubgraphServer.js';
export { subgraphRuntimeConfig } from './subgraphRuntimeConfig.js';
export type { RuntimeDefaults, SubgraphRuntimeConfig } from './subgraphRuntimeConfig.js';
export { commonSchemaSdl, jurisdictionTypeDefs } from './subgraphTypeDefs.js';

// Registries: the interfaces a backend implements and the helpers the members share.
export type * from './registry/types.js';
export type { OpenedRegistries } from './registry/cacheRegistries.js';
export * from './registry/checkField.js';
export * from './registry/ImportRejectedError.js';
export { HashPositionIndex } from './registry/HashPositionIndex.js';
export { computeRecoveryTotals } from './registry/computeRecoveryTotals.js';
export type * from '../../core/records.js';
export * from '../../core/identifiers/index.js';
export { isLei } from '../../core/identifiers/lei.js';

// Policy: the shape of a member's policy and the builders the members write it with.
export type * from '../../core/policy/JurisdictionPolicy.js';
export type { MinimizeStrategy, Purpose, Role } from '../../core/policy/policySpec.js';
export { MINIMIZE_STRATEGIES, PURPOSES, ROLES } from '../../core/policy/policySpec.js';
export { registryPolicies } from '../../core/policy/registryPolicies.js';
export { matchingPolicies } from '../../core/policy/matchingPolicies.js';
export { requestPolicies } from '../../core/policy/requestPolicies.js';
export type { RequestPolicy } from '../../core/policy/RequestPolicy.js';
export { claimPolicies } from '../../core/policy/claimPolicies.js';
export type { ClaimPolicy } from '../../core/policy/ClaimPolicy.js';
export { mergeTypePolicies } from '../../core/policy/mergeTypePolicies.js';
export { serviceStandards } from '../../core/policy/serviceStandards.js';

// Keys a member publishes and the pseudonym secret's distribution (docs/keys.md).
export { MEMBER_KEYS_PATH, checkMemberKeysDocument } from './keys/MemberKeys.js';
export type { MemberKeysDocument, PublishedKey } from './keys/MemberKeys.js';
export { memberKeysRoutes } from './keys/memberKeysRoutes.js';
export { memberExchangeKey } from './keys/exchangeKey.js';
export { openPseudonymSecret, sealPseudonymSecret } from './keys/pseudonymEnvelope.js';
