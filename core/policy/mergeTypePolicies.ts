import type { ElementPolicy, TypePolicy } from './JurisdictionPolicy.js';

/** Two sources of a policy place a rule on the same object or field. */
export class PolicyCollisionError extends Error {
  override readonly name = 'PolicyCollisionError';
}

/**
 * The type policies of several sources (registryPolicies, requestPolicies, a member's own
 * rules) as one, merging the fields of a type named by more than one. Each object and each
 * field takes its rule from exactly one source: two rules for one element would leave the
 * stricter one to chance, so a collision throws.
 */
export function mergeTypePolicies(
  ...sources: readonly Readonly<Record<string, TypePolicy>>[]
): Record<string, TypePolicy> {
  const merged: Record<string, { object?: ElementPolicy; fields: Record<string, ElementPolicy> }> =
    {};
  for (const source of sources) {
    for (const [typeName, typePolicy] of Object.entries(source)) {
      const target = (merged[typeName] ??= { fields: {} });
      if (typePolicy.object) {
        if (target.object) {
          throw new PolicyCollisionError(`two policies state the object rule of ${typeName}`);
        }
        target.object = typePolicy.object;
      }
      for (const [fieldName, fieldPolicy] of Object.entries(typePolicy.fields ?? {})) {
        if (Object.hasOwn(target.fields, fieldName)) {
          throw new PolicyCollisionError(`two policies state the rule of ${typeName}.${fieldName}`);
        }
        target.fields[fieldName] = fieldPolicy;
      }
    }
  }
  return Object.fromEntries(
    Object.entries(merged).map(([typeName, { object, fields }]) => [
      typeName,
      {
        ...(object ? { object } : {}),
        ...(Object.keys(fields).length > 0 ? { fields } : {}),
      },
    ]),
  );
}
