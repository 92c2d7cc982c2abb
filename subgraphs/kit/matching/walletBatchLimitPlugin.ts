import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../../core/errors/ErrorCode.js';

export interface WalletBatchLimitOptions {
  /** ISO 3166-1 alpha-2, upper case: named in the refusal. */
  code: string;
  /**
   * Wallets one request may look up here: the member's `matching.maxScreenedWallets`,
   * default DEFAULT_MAX_SCREENED_WALLETS (10,000).
   */
  maxWallets: number;
}

/** Wallet representations of an `_entities` request, as the gateway sends them (variables). */
function walletRepresentations(variables: Record<string, unknown> | undefined): number {
  const representations = variables?.representations;
  if (!Array.isArray(representations)) return 0;
  return representations.filter(
    (representation) => (representation as { __typename?: unknown })?.__typename === 'Wallet',
  ).length;
}

/**
 * The member's own ceiling on a wallet screen: a `screenWallets` batch reaches the member as
 * one `_entities` request with one Wallet representation per id, and a member may take fewer
 * than the hub sends. Over the ceiling the whole request is refused once (BAD_USER_INPUT,
 * BATCH_TOO_LARGE), before any wallet is read, rather than item by item.
 */
export function walletBatchLimitPlugin(
  options: WalletBatchLimitOptions,
): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request }) {
          if (walletRepresentations(request.variables) > options.maxWallets) {
            throw new GraphQLError(
              `${options.code} screens at most ${options.maxWallets} wallets per request`,
              {
                extensions: {
                  code: ErrorCode.BAD_USER_INPUT,
                  reason: 'BATCH_TOO_LARGE',
                  jurisdiction: options.code,
                },
              },
            );
          }
        },
      };
    },
  };
}
