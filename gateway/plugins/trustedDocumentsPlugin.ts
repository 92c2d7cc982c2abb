import { ErrorCode } from '../../core/errors/ErrorCode.js';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Role } from '../../core/policy/policySpec.js';
import type { GatewayContext } from '../GatewayContext.js';
import type { TrustedDocumentManifest } from '../trustedDocuments/TrustedDocumentManifest.js';

export interface TrustedDocumentsPluginOptions {
  manifest: TrustedDocumentManifest;
  /**
   * Callers all of whose roles are in this set may run manifest operations only. Empty: the
   * plugin allows everything (development and test).
   */
  restrictedRoles: ReadonlySet<Role>;
}

/** Whether this caller may only run trusted documents. */
export function trustedDocumentsOnly(
  roles: readonly Role[],
  restricted: ReadonlySet<Role>,
): boolean {
  return restricted.size > 0 && roles.length > 0 && roles.every((role) => restricted.has(role));
}

/**
 * Trusted documents: callers holding only restricted roles (dashboards, the public) may run
 * the manifest's operations and nothing else — sent by sha256 id in Apollo's persisted-query
 * extension, or as the identical text. An anonymous caller (no token) may run the manifest's
 * public operations only, in every environment. Checked after parsing, before any subgraph call and
 * before an unknown document could be stored as an APQ.
 */
export function trustedDocumentsPlugin(
  options: TrustedDocumentsPluginOptions,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, queryHash }) {
          if (contextValue.caller.anonymous) {
            if (queryHash !== undefined && options.manifest.get(queryHash)?.public === true) return;
            throw new GraphQLError(
              'Without a token you may run the public operations only (the transparency report); sign in for anything else',
              {
                extensions: {
                  code: ErrorCode.FORBIDDEN,
                  reason: 'PUBLIC_OPERATIONS_ONLY',
                  http: { status: 403 },
                },
              },
            );
          }
          if (!trustedDocumentsOnly(contextValue.caller.roles, options.restrictedRoles)) return;
          if (queryHash !== undefined && options.manifest.has(queryHash)) return;
          throw new GraphQLError(
            'Your role may run published operations only: send the id of an operation from the persisted-operation manifest',
            {
              extensions: {
                code: ErrorCode.FORBIDDEN,
                reason: 'TRUSTED_DOCUMENTS_ONLY',
                http: { status: 403 },
              },
            },
          );
        },
      };
    },
  };
}
