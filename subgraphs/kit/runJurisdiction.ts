import { buildJurisdiction } from './buildJurisdiction.js';
import { runSubgraph } from './runSubgraph.js';

/** Serves member `code` from the environment until SIGTERM / SIGINT. */
export function runJurisdiction(code: string): Promise<void> {
  const cc = code.toLowerCase();
  return runSubgraph(cc, (config) => buildJurisdiction(cc, config));
}
