import { createJurisdictionServer } from './createJurisdictionServer.js';
import type { SubgraphServer } from './createSubgraphServer.js';
import { loadMemberRegistries } from './loadMemberRegistries.js';
import type { SubgraphRuntimeConfig } from './subgraphRuntimeConfig.js';

/** Builds member `code`'s subgraph from its folder (no listen: see runJurisdiction). */
export async function buildJurisdiction(
  code: string,
  config: SubgraphRuntimeConfig,
): Promise<SubgraphServer> {
  const openRegistries = await loadMemberRegistries(code);
  return createJurisdictionServer({ code: code.toUpperCase(), openRegistries, config });
}
