import { getDirective } from '@graphql-tools/utils';
import { isInterfaceType, isObjectType } from 'graphql';
import type {
  GraphQLFieldConfig,
  GraphQLInterfaceType,
  GraphQLNamedType,
  GraphQLSchema,
} from 'graphql';
import type { MinimizeStrategy, Purpose, Role } from './policySpec.js';
import type { AccessRule, MinimizeRule } from './types.js';

/** The policy of one field in one jurisdiction, after object defaults are applied. */
export interface EffectiveFieldPolicy {
  /** `@access` of the field, else of its object; null when neither has one. */
  access: AccessRule | null;
  /** `@minimize` of the field, else of its object, in order; empty when none. */
  minimize: MinimizeRule[];
  /**
   * The field or its object is marked `@personalData`, or an interface the object implements
   * is, or declares the field so: default-deny without `access`.
   */
  personalData: boolean;
}

type Directable = Parameters<typeof getDirective>[1];

interface AccessArgs {
  jurisdiction: string;
  roles: Role[];
  purposes?: Purpose[] | null;
  countries?: string[] | null;
}

interface MinimizeArgs {
  jurisdiction: string;
  strategy: MinimizeStrategy;
  keep?: number | null;
  buckets?: string[] | null;
  unlessRoles?: Role[] | null;
  unlessPurposes?: Purpose[] | null;
  unlessCountries?: string[] | null;
}

/** The names the policy directives go by in a schema (they can be renamed on import). */
export interface PolicyDirectiveNames {
  access: string;
  minimize: string;
  personalData: string;
}

export const DEFAULT_POLICY_DIRECTIVE_NAMES: PolicyDirectiveNames = {
  access: 'access',
  minimize: 'minimize',
  personalData: 'personalData',
};

function accessRules(
  schema: GraphQLSchema,
  node: Directable,
  jurisdiction: string,
  name: string,
): AccessRule[] {
  return ((getDirective(schema, node, name) ?? []) as AccessArgs[])
    .filter((args) => args.jurisdiction === jurisdiction)
    .map((args) => ({
      roles: args.roles,
      purposes: args.purposes ?? null,
      countries: args.countries ?? null,
    }));
}

function minimizeRules(
  schema: GraphQLSchema,
  node: Directable,
  jurisdiction: string,
  name: string,
): MinimizeRule[] {
  return ((getDirective(schema, node, name) ?? []) as MinimizeArgs[])
    .filter((args) => args.jurisdiction === jurisdiction)
    .map((args) => ({
      strategy: args.strategy,
      keep: args.keep ?? null,
      buckets: args.buckets ?? null,
      unlessRoles: args.unlessRoles ?? [],
      unlessPurposes: args.unlessPurposes ?? [],
      unlessCountries: args.unlessCountries ?? [],
    }));
}

const isPersonal = (schema: GraphQLSchema, node: Directable, name: string): boolean =>
  (getDirective(schema, node, name) ?? []).length > 0;

/** Every interface a type implements: GraphQL makes a type list the transitive ones too. */
const interfacesOf = (type: GraphQLNamedType): readonly GraphQLInterfaceType[] =>
  isObjectType(type) || isInterfaceType(type) ? type.getInterfaces() : [];

/**
 * Whether values of `type` are personal data: the type is marked `@personalData`, or an
 * interface it implements is. An interface marked so (an account `Holder`, say) states that
 * whatever implements it describes a person, so an implementation that forgets the mark must
 * not shed the default-deny with it.
 */
export function isPersonalDataType(
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  names: PolicyDirectiveNames = DEFAULT_POLICY_DIRECTIVE_NAMES,
): boolean {
  return [type, ...interfacesOf(type)].some((node) => isPersonal(schema, node, names.personalData));
}

/** Whether the field, or the same field declared on an interface of its type, is marked. */
function isPersonalField(
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  field: GraphQLFieldConfig<unknown, unknown>,
  fieldName: string,
  name: string,
): boolean {
  if (isPersonal(schema, field, name)) return true;
  return interfacesOf(type).some((implemented) => {
    const declared = implemented.getFields()[fieldName];
    return declared !== undefined && isPersonal(schema, declared, name);
  });
}

/** A schema element stating more than one `@access` for one jurisdiction is ambiguous. */
export class AmbiguousPolicyError extends Error {
  override readonly name = 'AmbiguousPolicyError';
}

/**
 * Reads the policy a jurisdiction states for `Type.field`: the field's own directives, else
 * its object's (docs/architecture.md §5: object-level directives are the defaults for their fields).
 * Whether it is personal data is read from the field, its object and the interfaces the
 * object implements; `@access` and `@minimize` stand on objects and their fields only.
 */
export function effectiveFieldPolicy(
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  field: GraphQLFieldConfig<unknown, unknown>,
  fieldName: string,
  jurisdiction: string,
  names: PolicyDirectiveNames = DEFAULT_POLICY_DIRECTIVE_NAMES,
): EffectiveFieldPolicy {
  const fieldAccess = accessRules(schema, field, jurisdiction, names.access);
  const typeAccess = accessRules(schema, type, jurisdiction, names.access);
  for (const [where, rules] of [
    [`${type.name}.${fieldName}`, fieldAccess],
    [type.name, typeAccess],
  ] as const) {
    if (rules.length > 1) {
      throw new AmbiguousPolicyError(`${where} has ${rules.length} @access for ${jurisdiction}`);
    }
  }
  const fieldMinimize = minimizeRules(schema, field, jurisdiction, names.minimize);
  return {
    access: fieldAccess[0] ?? typeAccess[0] ?? null,
    minimize:
      fieldMinimize.length > 0
        ? fieldMinimize
        : minimizeRules(schema, type, jurisdiction, names.minimize),
    personalData:
      isPersonalField(schema, type, field, fieldName, names.personalData) ||
      isPersonalDataType(schema, type, names),
  };
}
