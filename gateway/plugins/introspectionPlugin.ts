import { ErrorCode } from '../../core/errors/ErrorCode.js';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, visit } from 'graphql';
import type { DocumentNode } from 'graphql';
import type { GatewayContext } from '../GatewayContext.js';

export interface IntrospectionPluginOptions {
  /** Anyone may introspect (development). Default false: only callers with the ADMIN role. */
  openToAll?: boolean;
}

/**
 * Answers of `introspects`, per parsed document. Apollo's document store hands the same
 * DocumentNode to every request that sends the same text, so the walk is done once per
 * document, not once per request; an evicted document drops its entry.
 */
const answers = new WeakMap<DocumentNode, boolean>();

/** Whether the document asks for the schema (`__schema` / `__type`; `__typename` is harmless). */
export function introspects(document: DocumentNode): boolean {
  const known = answers.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') found = true;
    },
  });
  answers.set(document, found);
  return found;
}

/**
 * Introspection maps the whole cross-border schema — every jurisdiction's fields and its
 * policy — for whoever asks; scanners start there. Outside development only an ADMIN may.
 */
export function introspectionPlugin(
  options: IntrospectionPluginOptions = {},
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, contextValue }) {
          if (options.openToAll || contextValue.caller.roles.includes('ADMIN')) return;
          if (!introspects(document)) return;
          throw new GraphQLError('Introspection is available to administrators only', {
            extensions: {
              code: ErrorCode.FORBIDDEN,
              reason: 'INTROSPECTION_DISABLED',
              http: { status: 403 },
            },
          });
        },
      };
    },
  };
}
