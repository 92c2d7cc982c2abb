import { readFileSync } from 'node:fs';
import { ensureDevKeys } from '../../core/auth/devKeys.js';
import { subgraphUrlOverrides } from '../../core/federationConfig.js';
import { createPresignedContext } from '../presignedContext.js';
import type { PresignedContext } from '../presignedContext.js';
import { BENCH_CALLERS } from '../scenarios.js';

/** The header naming the bench caller whose pre-signed context a comparison gateway sends. */
export const BENCH_CALLER_HEADER = 'x-bench-caller';

export interface BenchSystemEnv {
  port: number;
  supergraphSdl: string;
  /** Subgraph URL by name (lower case), from `COMITY_SUBGRAPH_URL_<NAME>`. */
  subgraphUrls: Record<string, string>;
  context: PresignedContext;
}

/**
 * What a comparison gateway process (stock Apollo, Hive) reads from its environment: `PORT`,
 * `COMITY_SUPERGRAPH`, `COMITY_KEYS_DIR` and the `COMITY_SUBGRAPH_URL_<NAME>` overrides the
 * harness also gives Comity's gateway, so all of them reach the same subgraphs.
 */
export async function benchSystemEnv(env = process.env): Promise<BenchSystemEnv> {
  const subgraphUrls = subgraphUrlOverrides(env);
  const keys = await ensureDevKeys(env.COMITY_KEYS_DIR!);
  return {
    port: Number(env.PORT),
    supergraphSdl: readFileSync(env.COMITY_SUPERGRAPH!, 'utf8'),
    subgraphUrls,
    context: await createPresignedContext(keys, BENCH_CALLERS, Object.keys(subgraphUrls)),
  };
}

/** Exits on SIGTERM / SIGINT after `stop`, so the harness can end the process by its pid. */
export function exitOnSignal(stop: () => Promise<void>): void {
  const handler = () => void stop().finally(() => process.exit(0));
  process.once('SIGTERM', handler);
  process.once('SIGINT', handler);
}
