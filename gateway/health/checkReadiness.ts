import type { CircuitState } from '../fetch/createSubgraphBreaker.js';

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

/** How long one round of subgraph probes answers /ready, ms. */
export const READINESS_CACHE_MS = 1_000;

/**
 * Ready = the supergraph is loaded, the gateway is not draining, and every subgraph's /health
 * answers (probed in parallel, each bounded), so a load balancer sends traffic only where
 * every jurisdiction is reachable.
 */
export async function checkReadiness(sources: ReadinessSources): Promise<Readiness> {
  return readinessFrom(sources, await probeSubgraphs(sources));
}

/** Whether each subgraph's /health answered, by name. */
type Probe = ReadonlyMap<string, boolean>;

async function probeSubgraphs(sources: ReadinessSources): Promise<Probe> {
  const subgraphs = sources.subgraphs();
  const results = await Promise.all(subgraphs.map((subgraph) => answers(subgraph.url)));
  return new Map(subgraphs.map((subgraph, index) => [subgraph.name, results[index]!]));
}

/** The probe's answers with everything else read now: loading, draining, circuit states. */
function readinessFrom(sources: ReadinessSources, probe: Probe): Readiness {
  const subgraphs = sources.subgraphs();
  const byName: Record<string, SubgraphReadiness> = {};
  for (const subgraph of subgraphs) {
    byName[subgraph.name] = {
      status: probe.get(subgraph.name) ? 'up' : 'down',
      circuit: subgraph.circuit,
    };
  }
  const supergraphLoaded = sources.supergraphLoaded();
  const draining = sources.draining();
  return {
    ready:
      supergraphLoaded &&
      !draining &&
      subgraphs.length > 0 &&
      subgraphs.every((subgraph) => probe.get(subgraph.name) === true),
    supergraphLoaded,
    draining,
    subgraphs: byName,
  };
}

/**
 * `checkReadiness` for an endpoint anyone can reach: one round of subgraph probes serves every
 * /ready request for `cacheMs` (concurrent requests share the round in flight), so a flood of
 * /ready cannot be turned into a flood of requests on every jurisdiction. Loading and draining
 * are read fresh each time: a draining gateway answers 503 at once.
 */
export function createReadinessCheck(
  sources: ReadinessSources,
  cacheMs: number = READINESS_CACHE_MS,
): () => Promise<Readiness> {
  let round: { startedAt: number; probe: Promise<Probe> } | null = null;
  return async () => {
    const now = Date.now();
    if (round === null || now - round.startedAt >= cacheMs) {
      round = { startedAt: now, probe: probeSubgraphs(sources) };
    }
    return readinessFrom(sources, await round.probe);
  };
}
