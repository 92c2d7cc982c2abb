import { assertTestedApolloVersions, installedApolloVersions } from './checkApolloVersions.js';
import type { ApolloVersions } from './checkApolloVersions.js';
import { installPlanExecutor } from './installPlanExecutor.js';

/**
 * What the gateway does to @apollo/gateway before building it: refuses Apollo versions this
 * folder was not tested against (its private code may have changed), then installs Comity's
 * plan executor. `installed` is for tests; the gateway reads what node_modules holds.
 */
export function installApolloInternals(
  installed: ApolloVersions = installedApolloVersions(),
): void {
  assertTestedApolloVersions(installed);
  installPlanExecutor();
}
