import { MapperKind, mapSchema } from '@graphql-tools/utils';
import type { GraphQLFieldConfig, GraphQLSchema } from 'graphql';
import { effectiveFieldPolicy } from '../../../core/policy/readPolicyDirectives.js';
import type {
  EffectiveFieldPolicy,
  PolicyDirectiveNames,
} from '../../../core/policy/readPolicyDirectives.js';

/**
 * Visits every object field with the policy its jurisdiction states for it (its own
 * directives or its object's), so each policy transformer only says how it wraps a field.
 */
export function mapFieldPolicies(
  schema: GraphQLSchema,
  jurisdiction: string,
  names: PolicyDirectiveNames,
  wrap: (
    // The context is each transformer's own (PolicyContext), as graphql-tools types it.
    fieldConfig: GraphQLFieldConfig<unknown, any>,
    policy: EffectiveFieldPolicy,
    coordinate: string,
  ) => GraphQLFieldConfig<unknown, any>,
): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig, fieldName, typeName) =>
      wrap(
        fieldConfig,
        effectiveFieldPolicy(
          schema,
          schema.getType(typeName)!,
          fieldConfig,
          fieldName,
          jurisdiction,
          names,
        ),
        `${typeName}.${fieldName}`,
      ),
  });
}
