import { createContextSigner } from '../gateway/auth/createContextSigner.js';
import type { DevKeys } from '../core/auth/devKeys.js';
import { subgraphAudience } from '../core/auth/createContextVerifier.js';
import type { BenchCaller } from './scenarios.js';

/** Lifetime of the pre-signed context tokens, seconds: the longest a subgraph accepts. */
export const PRESIGNED_TTL_SECONDS = 60;
/** Tokens are signed anew this often, well inside their lifetime. */
export const PRESIGNED_REFRESH_MS = 20_000;

export interface PresignedContext {
  /** The current token for one caller and subgraph (`fr`, `directory`, …). */
  token(callerName: string, subgraph: string): string;
  /** Stops the refresh timer. */
  close(): void;
}

/**
 * Context tokens for the gateways that do not sign (stock Apollo, Hive) and for the direct
 * replay: one per caller and subgraph, signed with the gateway's own key by the product's
 * `createContextSigner` (so each subgraph gets the claims Comity would send it), and signed
 * again every 20 s. The subgraphs then do exactly the policy work they do behind Comity.
 */
export async function createPresignedContext(
  keys: DevKeys,
  callers: readonly BenchCaller[],
  subgraphs: readonly string[],
): Promise<PresignedContext> {
  const signer = createContextSigner({
    privateJwk: keys.context.current.privateJwk,
    kid: keys.context.current.kid,
    ttlSeconds: PRESIGNED_TTL_SECONDS,
    cacheSize: 0,
  });
  const tokens = new Map<string, string>();
  const signAll = async () => {
    for (const caller of callers) {
      for (const subgraph of subgraphs) {
        const token = await signer.sign(
          {
            sub: `bench-${caller.name}@comity.local`,
            roles: [caller.role],
            country: caller.country,
            agency: caller.agency,
            purpose: caller.purpose,
            caseRef: caller.caseRef,
            requestId: `bench-${caller.name}`,
            operationHash: 'bench',
          },
          subgraphAudience(subgraph),
        );
        tokens.set(`${caller.name}\n${subgraph}`, token);
      }
    }
  };
  await signAll();
  const timer = setInterval(() => void signAll(), PRESIGNED_REFRESH_MS);
  timer.unref();
  return {
    token(callerName, subgraph) {
      const token = tokens.get(`${callerName}\n${subgraph.toLowerCase()}`);
      if (token === undefined) throw new Error(`no context token for ${callerName} at ${subgraph}`);
      return token;
    },
    close: () => clearInterval(timer),
  };
}
