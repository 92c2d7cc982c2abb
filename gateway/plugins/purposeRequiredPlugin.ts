import { ErrorCode } from '../../core/errors/ErrorCode.js';
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, TypeInfo, getNamedType, visit, visitWithTypeInfo } from 'graphql';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import type { GatewayContext } from '../GatewayContext.js';
import type { PersonalDataCoordinates } from './personalDataCoordinates.js';

/** Whether an operation selects any personal-data type or field. */
export function reachesPersonalData(
  schema: GraphQLSchema,
  document: DocumentNode,
  personal: PersonalDataCoordinates,
): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const fieldType = typeInfo.getType();
        if (
          (parent && personal.types.has(parent.name)) ||
          (parent && personal.fields.has(`${parent.name}.${node.name.value}`)) ||
          (fieldType && personal.types.has(getNamedType(fieldType).name))
        ) {
          found = true;
        }
      },
    }),
  );
  return found;
}

/**
 * docs/architecture.md §4.2: no purpose, no personal data. An operation that selects personal data
 * without a known purpose is refused before any subgraph is called. The subgraphs check
 * again (every @access needs a purpose), so this is the early, readable refusal, not the
 * only one.
 */
export function purposeRequiredPlugin(
  personal: () => PersonalDataCoordinates,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, schema }) {
          if (contextValue.purpose !== null) return;
          if (!reachesPersonalData(schema, document, personal())) return;
          const stated = contextValue.unknownPurpose;
          throw new GraphQLError(
            stated === null
              ? 'This operation reaches personal data: state a purpose in the x-comity-purpose header'
              : `This operation reaches personal data and "${stated.slice(0, 40)}" is not a known purpose`,
            {
              extensions: {
                code: ErrorCode.PURPOSE_REQUIRED,
                reason: stated === null ? 'NO_PURPOSE' : 'UNKNOWN_PURPOSE',
                http: { status: 400 },
              },
            },
          );
        },
      };
    },
  };
}
