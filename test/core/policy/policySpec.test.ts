import { composeServices } from '@apollo/composition';
import { Kind, parse, print } from 'graphql';
import type {
  DirectiveDefinitionNode,
  EnumTypeDefinitionNode,
  InputValueDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  MINIMIZE_STRATEGIES,
  POLICY_SPEC_URL,
  PURPOSES,
  ROLES,
  policySpecSdl,
} from '../../../core/policy/policySpec.js';

const document = parse(policySpecSdl());

function enumDefinition(name: string): EnumTypeDefinitionNode {
  const found = document.definitions.find(
    (definition): definition is EnumTypeDefinitionNode =>
      definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === name,
  );
  if (!found) throw new Error(`enum ${name} missing from the policy spec`);
  return found;
}

function directiveDefinition(name: string): DirectiveDefinitionNode {
  const found = document.definitions.find(
    (definition): definition is DirectiveDefinitionNode =>
      definition.kind === Kind.DIRECTIVE_DEFINITION && definition.name.value === name,
  );
  if (!found) throw new Error(`directive @${name} missing from the policy spec`);
  return found;
}

const signature = (argument: InputValueDefinitionNode) =>
  `${argument.name.value}: ${print(argument.type)}`;

describe('policy spec SDL', () => {
  it('defines only the three enums and the three directives', () => {
    expect(
      document.definitions.map((definition) =>
        'name' in definition && definition.name ? definition.name.value : definition.kind,
      ),
    ).toEqual(['Role', 'Purpose', 'MinimizeStrategy', 'access', 'minimize', 'personalData']);
  });

  it.each<[string, readonly string[]]>([
    ['Role', ROLES],
    ['Purpose', PURPOSES],
    ['MinimizeStrategy', MINIMIZE_STRATEGIES],
  ])('enum %s equals its TypeScript list, each value documented', (name, values) => {
    const definition = enumDefinition(name);
    expect(definition.values?.map((value) => value.name.value)).toEqual([...values]);
    expect(definition.description?.value).toBeTruthy();
    for (const value of definition.values ?? []) {
      expect(value.description?.value, `${name}.${value.name.value}`).toBeTruthy();
    }
  });

  it.each<[string, string[]]>([
    [
      'access',
      ['jurisdiction: String!', 'roles: [Role!]!', 'purposes: [Purpose!]', 'countries: [String!]'],
    ],
    [
      'minimize',
      [
        'jurisdiction: String!',
        'strategy: MinimizeStrategy!',
        'keep: Int',
        'buckets: [String!]',
        'unlessRoles: [Role!]',
        'unlessPurposes: [Purpose!]',
        'unlessCountries: [String!]',
      ],
    ],
  ])('@%s is repeatable on OBJECT | FIELD_DEFINITION with documented arguments', (name, args) => {
    const definition = directiveDefinition(name);
    expect(definition.repeatable).toBe(true);
    expect(definition.locations.map((location) => location.value)).toEqual([
      'OBJECT',
      'FIELD_DEFINITION',
    ]);
    expect(definition.arguments?.map(signature)).toEqual(args);
    expect(definition.description?.value).toBeTruthy();
    for (const argument of definition.arguments ?? []) {
      expect(argument.description?.value, `@${name}(${argument.name.value})`).toBeTruthy();
    }
  });

  it('has a spec URL ending in /<name>/v<major>.<minor>', () => {
    expect(POLICY_SPEC_URL).toMatch(/^https:\/\/[^/]+(\/[^/]+)*\/policy\/v\d+\.\d+$/);
  });
});

describe('policy spec in composition', () => {
  /** A minimal jurisdiction that applies its own policy on a shared type. */
  function subgraph(code: string, strategy: string, countries: string) {
    return {
      name: code.toLowerCase(),
      url: `http://${code.toLowerCase()}.invalid/graphql`,
      typeDefs: parse(/* GraphQL */ `
        extend schema
          @link(
            url: "https://specs.apollo.dev/federation/v2.7"
            import: ["@shareable", "@composeDirective"]
          )
          @link(
            url: "${POLICY_SPEC_URL}"
            import: ["@access", "@minimize", "Role", "Purpose", "MinimizeStrategy"]
          )
          @composeDirective(name: "@access")
          @composeDirective(name: "@minimize")

        type Query {
          ${code.toLowerCase()}: Person
        }

        type Person
          @shareable
          @access(jurisdiction: "${code}", roles: [INVESTIGATOR], countries: ${countries}) {
          name: String
            @minimize(jurisdiction: "${code}", strategy: ${strategy}, unlessCountries: ${countries})
        }

        ${policySpecSdl()}
      `),
    };
  }

  it('keeps every jurisdiction’s policy side by side in the supergraph', () => {
    const result = composeServices([
      subgraph('FR', 'INITIALS', '["FR", "CH"]'),
      subgraph('DE', 'PSEUDONYM', '["DE"]'),
    ]);
    expect(result.errors).toBeUndefined();
    const supergraph = result.supergraphSdl ?? '';
    expect(supergraph).toContain(
      `@link(url: "${POLICY_SPEC_URL}", import: ["@access", "@minimize"])`,
    );
    for (const application of [
      '@access(jurisdiction: "FR", roles: [INVESTIGATOR], countries: ["FR", "CH"])',
      '@access(jurisdiction: "DE", roles: [INVESTIGATOR], countries: ["DE"])',
      '@minimize(jurisdiction: "FR", strategy: INITIALS, unlessCountries: ["FR", "CH"])',
      '@minimize(jurisdiction: "DE", strategy: PSEUDONYM, unlessCountries: ["DE"])',
    ]) {
      expect(supergraph).toContain(application);
    }
  });
});
