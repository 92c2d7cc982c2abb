import type { ApolloServerPlugin } from '@apollo/server';
import { RecentResults } from '../../schema/identifiers/RecentResults.js';
import type { ContextClaims } from '../../subgraphs/kit/auth/ContextClaims.js';
import { subgraphAudience } from '../../subgraphs/kit/auth/createContextVerifier.js';
import type { GatewayContext } from '../GatewayContext.js';
import type { ContextSigner } from './createContextSigner.js';

/** Operations whose subgraphs are remembered. */
export const DEFAULT_REMEMBERED_OPERATIONS = 1_000;

/** The claims the gateway vouches for to a subgraph, for one request of one operation. */
export function contextClaims(context: GatewayContext, operationHash: string): ContextClaims {
  return {
    sub: context.caller.subject,
    roles: context.caller.roles,
    country: context.caller.homeCountry,
    agency: context.caller.agency,
    purpose: context.purpose,
    caseRef: context.caseRef,
    requestId: context.requestId,
    operationHash,
  };
}

/**
 * Which subgraphs each operation (by query hash) reached when it last ran. The gateway signs
 * one context token per subgraph and request; for an operation seen before, the tokens of the
 * subgraphs it reached are signed as soon as its source is known, on the thread pool, while
 * Apollo validates, checks and plans it, and the fetches find them ready instead of signing
 * one after the other on the request's critical path. A token signed this way is exactly the
 * one the fetch would have signed (the signer keys its cache on the whole claim set). An
 * operation whose plan reaches other subgraphs this time signs those at fetch time, as before.
 */
export class OperationAudiences {
  private readonly reachedBy: RecentResults<ReadonlySet<string>>;

  constructor(capacity = DEFAULT_REMEMBERED_OPERATIONS) {
    this.reachedBy = new RecentResults(capacity);
  }

  /** Notes that the operation fetched `subgraph`. */
  reached(operationHash: string, subgraph: string): void {
    const known = this.reachedBy.get(operationHash);
    if (known?.has(subgraph)) return;
    this.reachedBy.set(operationHash, new Set([...(known ?? []), subgraph]));
  }

  /** The subgraphs the operation fetched before; empty for an operation not seen yet. */
  of(operationHash: string): ReadonlySet<string> {
    return this.reachedBy.get(operationHash) ?? new Set();
  }
}

/**
 * Starts signing the context tokens of an operation's known subgraphs at `didResolveSource`.
 * A failure here is not the request's: the fetch signs again and reports its own.
 */
export function presignContextTokensPlugin(
  signer: ContextSigner,
  audiences: OperationAudiences,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveSource({ contextValue, queryHash }) {
          const reached = audiences.of(queryHash);
          if (reached.size === 0) return;
          const claims = contextClaims(contextValue, queryHash);
          for (const subgraph of reached) {
            signer.sign(claims, subgraphAudience(subgraph)).catch(() => {});
          }
        },
      };
    },
  };
}
