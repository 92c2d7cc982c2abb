import type { CircuitState } from '../fetch/CircuitBreaker.js';

/** Longest wait for one subgraph's /health during a readiness check, ms. */
export const READINESS_PROBE_TIMEOUT_MS = 1_000;

export interface SubgraphReadiness {
  status: 'up' | 'down';
  circuit: CircuitState;
}

export interface Readiness {
  ready: boolean;
  supergraphLoaded: boolean;
  draining: boolean;
  /** By subgraph name; addresses are deliberately absent. */
  subgraphs: Record<string, SubgraphReadiness>;
}

export interface ReadinessSources {
  supergraphLoaded: () => boolean;
  draining: () => boolean;
  /** Each subgraph's GraphQL URL and current circuit state. */
  subgraphs: () => { name: string; url: string; circuit: CircuitState }[];
}

async function answers(graphqlUrl: string): Promise<boolean> {
  try {
    const health = new URL('/health', graphqlUrl);
    const response = await fetch(health, {
      signal: AbortSignal.timeout(READINESS_PROBE_TIMEOUT_MS),
    });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Ready = the supergraph is loaded, the gateway is not draining, and every subgraph's /health
 * answers (probed in parallel, each bounded), so a load balancer sends traffic only where
 * every jurisdiction is reachable.
 */
export async function checkReadiness(sources: ReadinessSources): Promise<Readiness> {
  const subgraphs = sources.subgraphs();
  const results = await Promise.all(subgraphs.map((subgraph) => answers(subgraph.url)));
  const byName: Record<string, SubgraphReadiness> = {};
  subgraphs.forEach((subgraph, index) => {
    byName[subgraph.name] = { status: results[index] ? 'up' : 'down', circuit: subgraph.circuit };
  });
  const supergraphLoaded = sources.supergraphLoaded();
  const draining = sources.draining();
  return {
    ready: supergraphLoaded && !draining && subgraphs.length > 0 && results.every(Boolean),
    supergraphLoaded,
    draining,
    subgraphs: byName,
  };
}
