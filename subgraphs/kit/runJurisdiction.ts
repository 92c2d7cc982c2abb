import { createJurisdictionServer } from './createJurisdictionServer.js';
import { checkMemberDefinition } from './MemberDefinition.js';
import type { MemberDefinition } from './MemberDefinition.js';
import { runSubgraph } from './runSubgraph.js';
import type { RuntimeDefaults } from './subgraphRuntimeConfig.js';

/** Serves `member` from the environment until SIGTERM / SIGINT. */
export function runJurisdiction(
  member: MemberDefinition,
  defaults: RuntimeDefaults,
): Promise<void> {
  checkMemberDefinition(member);
  return runSubgraph(member.code.toLowerCase(), defaults, (config) =>
    createJurisdictionServer({ member, config }),
  );
}
