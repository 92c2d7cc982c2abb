import { contextTokenSigner } from '../gateway/auth/createContextSigner.js';
import type { DevKeys } from '../core/auth/devKeys.js';
import { subgraphAudience } from '../core/auth/createContextVerifier.js';
import type { BenchCaller } from './scenarios.js';

/** Lifetime of the context tokens, seconds: the longest a subgraph accepts. */
export const PRESIGNED_TTL_SECONDS = 60;

export interface PresignedContext {
  /** A fresh token for one caller and subgraph (`fr`, `directory`, …), for one call. */
  token(callerName: string, subgraph: string): string;
  /** Nothing is held open; kept so that callers need not know. */
  close(): void;
}

/**
 * Context tokens for the gateways that do not sign (stock Apollo, Hive) and for the direct
 * replay, signed with the gateway's own key by the product's `contextTokenSigner` (so each
 * subgraph gets the claims Comity would send it). A subgraph accepts a token once, so every
 * call gets one of its own, as behind Comity; the subgraphs then do exactly the policy work
 * they do there.
 */
export async function createPresignedContext(
  keys: DevKeys,
  callers: readonly BenchCaller[],
  subgraphs: readonly string[],
): Promise<PresignedContext> {
  const sign = contextTokenSigner({
    privateJwk: keys.context.current.privateJwk,
    kid: keys.context.current.kid,
    ttlSeconds: PRESIGNED_TTL_SECONDS,
  });
  const byName = new Map(callers.map((caller) => [caller.name, caller]));
  const known = new Set(subgraphs.map((subgraph) => subgraph.toLowerCase()));
  return {
    token(callerName, subgraph) {
      const caller = byName.get(callerName);
      const name = subgraph.toLowerCase();
      if (caller === undefined || !known.has(name)) {
        throw new Error(`no context token for ${callerName} at ${subgraph}`);
      }
      return sign(
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
        subgraphAudience(name),
      );
    },
    close: () => {},
  };
}
