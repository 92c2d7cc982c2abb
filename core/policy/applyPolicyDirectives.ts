import { Kind, visit } from 'graphql';
import type {
  ConstDirectiveNode,
  ConstValueNode,
  DocumentNode,
  FieldDefinitionNode,
  ObjectTypeDefinitionNode,
} from 'graphql';
import { expandCountries } from './expandCountries.js';
import type {
  AccessPolicy,
  ElementPolicy,
  JurisdictionPolicy,
  MinimizePolicy,
} from './JurisdictionPolicy.js';

/** A policy names a type or field the schema does not have. */
export class PolicyTargetError extends Error {
  override readonly name = 'PolicyTargetError';
}

const enumList = (values: readonly string[]): ConstValueNode => ({
  kind: Kind.LIST,
  values: values.map((value) => ({ kind: Kind.ENUM, value })),
});

const stringList = (values: readonly string[]): ConstValueNode => ({
  kind: Kind.LIST,
  values: values.map((value) => ({ kind: Kind.STRING, value })),
});

function directive(
  name: string,
  args: Record<string, ConstValueNode | undefined>,
): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: name },
    arguments: Object.entries(args).flatMap(([argName, value]) =>
      value === undefined
        ? []
        : [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: argName }, value }],
    ),
  };
}

/**
 * `@access` with its country rule expanded to codes (the jurisdiction's `releasesTo` when the
 * rule states none), so the supergraph shows every member which of its authorities may read.
 * `ANY`, or no rule at all, leaves `countries` out: any home country.
 */
function accessDirective(policy: JurisdictionPolicy, access: AccessPolicy): ConstDirectiveNode {
  const refs = access.countries ?? policy.releasesTo;
  const countries = refs === undefined ? null : expandCountries(policy, refs);
  return directive('access', {
    jurisdiction: { kind: Kind.STRING, value: policy.jurisdiction },
    roles: enumList(access.roles),
    purposes: access.purposes ? enumList(access.purposes) : undefined,
    countries: countries === null ? undefined : stringList(countries),
  });
}

function minimizeDirective(policy: JurisdictionPolicy, rule: MinimizePolicy): ConstDirectiveNode {
  // `ANY` exempts everyone, so the rule could never apply: it stays as written for the lint.
  const unlessCountries = rule.unlessCountries
    ? (expandCountries(policy, rule.unlessCountries) ?? ['ANY'])
    : undefined;
  return directive('minimize', {
    jurisdiction: { kind: Kind.STRING, value: policy.jurisdiction },
    strategy: { kind: Kind.ENUM, value: rule.strategy },
    keep: rule.keep === undefined ? undefined : { kind: Kind.INT, value: String(rule.keep) },
    buckets: rule.buckets ? stringList(rule.buckets) : undefined,
    unlessRoles: rule.unlessRoles ? enumList(rule.unlessRoles) : undefined,
    unlessPurposes: rule.unlessPurposes ? enumList(rule.unlessPurposes) : undefined,
    unlessCountries: unlessCountries ? stringList(unlessCountries) : undefined,
  });
}

function directivesFor(policy: JurisdictionPolicy, element: ElementPolicy): ConstDirectiveNode[] {
  return [
    ...(element.access ? [accessDirective(policy, element.access)] : []),
    ...(element.minimize ?? []).map((rule) => minimizeDirective(policy, rule)),
  ];
}

/**
 * Writes a jurisdiction's policy into its subgraph schema as `@access` / `@minimize`
 * applications on the object types and fields it names. Every type and field the policy
 * names must exist: a typo must fail the build, not silently leave a field unprotected.
 */
export function applyPolicyDirectives(
  document: DocumentNode,
  policy: JurisdictionPolicy,
): DocumentNode {
  const unseen = new Set<string>();
  for (const [typeName, typePolicy] of Object.entries(policy.types)) {
    unseen.add(typeName);
    for (const fieldName of Object.keys(typePolicy.fields ?? {}))
      unseen.add(`${typeName}.${fieldName}`);
  }
  const result = visit(document, {
    ObjectTypeDefinition(node: ObjectTypeDefinitionNode): ObjectTypeDefinitionNode | undefined {
      const typePolicy = policy.types[node.name.value];
      if (!typePolicy) return undefined;
      unseen.delete(node.name.value);
      const fields = node.fields?.map((field): FieldDefinitionNode => {
        const fieldPolicy = typePolicy.fields?.[field.name.value];
        if (!fieldPolicy) return field;
        unseen.delete(`${node.name.value}.${field.name.value}`);
        return {
          ...field,
          directives: [...(field.directives ?? []), ...directivesFor(policy, fieldPolicy)],
        };
      });
      return {
        ...node,
        directives: [
          ...(node.directives ?? []),
          ...(typePolicy.object ? directivesFor(policy, typePolicy.object) : []),
        ],
        fields,
      };
    },
  });
  if (unseen.size > 0) {
    throw new PolicyTargetError(
      `${policy.jurisdiction} policy names what the schema does not have: ${[...unseen].sort().join(', ')}`,
    );
  }
  return result;
}
