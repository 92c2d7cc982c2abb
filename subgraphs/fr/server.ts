import { createJurisdictionServer } from '../kit/createJurisdictionServer.js';
import type { SubgraphServer } from '../kit/createSubgraphServer.js';
import type { SubgraphRuntimeConfig } from '../kit/subgraphRuntimeConfig.js';
import { openRegistries } from './registry/index.js';

/** Builds FR's subgraph (no listen: see index.ts). */
export function createServer(config: SubgraphRuntimeConfig): Promise<SubgraphServer> {
  return createJurisdictionServer({ code: 'FR', openRegistries, config });
}
