import { buildSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { policySpecSdl } from '../../../core/policy/policySpec.js';
import {
  effectiveFieldPolicy,
  isPersonalDataType,
} from '../../../core/policy/readPolicyDirectives.js';

const ACCESS = '@access(jurisdiction: "XX", roles: [INVESTIGATOR], purposes: [ASSET_TRACING])';

function schemaWith(types: string) {
  return buildSchema(/* GraphQL */ `
    ${policySpecSdl()}
    type Query {
      record: Record
    }
    ${types}
  `);
}

function policyOf(types: string, coordinate: string) {
  const schema = schemaWith(types);
  const [typeName, fieldName] = coordinate.split('.') as [string, string];
  const type = schema.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  const field = type.toConfig().fields[fieldName]!;
  return effectiveFieldPolicy(schema, type, field, fieldName, 'XX');
}

describe('effectiveFieldPolicy: personal data', () => {
  it.each<[string, string, string, boolean]>([
    [
      'the field is marked',
      /* GraphQL */ `
        type Record {
          holder: String @personalData
          reference: String
        }
      `,
      'Record.holder',
      true,
    ],
    [
      'only a sibling field is marked',
      /* GraphQL */ `
        type Record {
          holder: String @personalData
          reference: String
        }
      `,
      'Record.reference',
      false,
    ],
    [
      'its object is marked',
      /* GraphQL */ `
        type Record @personalData {
          reference: String
        }
      `,
      'Record.reference',
      true,
    ],
    [
      'an interface its object implements is marked',
      /* GraphQL */ `
        interface Holder @personalData {
          reference: String
        }
        type Record implements Holder {
          reference: String
          note: String
        }
      `,
      'Record.note',
      true,
    ],
    [
      'an interface implemented through another one is marked',
      /* GraphQL */ `
        interface Natural @personalData {
          reference: String
        }
        interface Holder implements Natural {
          reference: String
        }
        type Record implements Holder & Natural {
          reference: String
        }
      `,
      'Record.reference',
      true,
    ],
    [
      'the interface declares the field personal',
      /* GraphQL */ `
        interface Named {
          holder: String @personalData
        }
        type Record implements Named {
          holder: String
          reference: String
        }
      `,
      'Record.holder',
      true,
    ],
    [
      'the interface declares another field personal',
      /* GraphQL */ `
        interface Named {
          holder: String @personalData
        }
        type Record implements Named {
          holder: String
          reference: String
        }
      `,
      'Record.reference',
      false,
    ],
    [
      'an interface the object does not implement declares the field personal',
      /* GraphQL */ `
        interface Named {
          holder: String @personalData
        }
        type Record {
          holder: String
        }
        type Other implements Named {
          holder: String
        }
      `,
      'Record.holder',
      false,
    ],
  ])('%s', (_name, types, coordinate, personal) => {
    expect(policyOf(types, coordinate).personalData).toBe(personal);
  });

  it('keeps the access and minimisation of the object, not of the interface', () => {
    const policy = policyOf(
      /* GraphQL */ `
        interface Holder @personalData {
          holder: String
        }
        type Record implements Holder
        ${ACCESS}
        @minimize(jurisdiction: "XX", strategy: INITIALS) {
          holder: String
        }
      `,
      'Record.holder',
    );
    expect(policy).toEqual({
      access: { roles: ['INVESTIGATOR'], purposes: ['ASSET_TRACING'], countries: null },
      minimize: [
        {
          strategy: 'INITIALS',
          keep: null,
          buckets: null,
          unlessRoles: [],
          unlessPurposes: [],
          unlessCountries: [],
        },
      ],
      personalData: true,
    });
  });
});

describe('effectiveFieldPolicy: country rules', () => {
  it('reads the countries of @access and the unlessCountries of @minimize', () => {
    const policy = policyOf(
      /* GraphQL */ `
        type Record
          @access(jurisdiction: "XX", roles: [INVESTIGATOR], countries: ["FR", "DE"])
          @access(jurisdiction: "YY", roles: [INVESTIGATOR], countries: ["SG"]) {
          holder: String
            @minimize(jurisdiction: "XX", strategy: INITIALS, unlessCountries: ["FR"])
            @minimize(jurisdiction: "YY", strategy: REDACT, unlessCountries: ["SG"])
        }
      `,
      'Record.holder',
    );
    expect(policy.access).toEqual({
      roles: ['INVESTIGATOR'],
      purposes: null,
      countries: ['FR', 'DE'],
    });
    expect(policy.minimize.map((rule) => rule.unlessCountries)).toEqual([['FR']]);
  });
});

describe('isPersonalDataType', () => {
  const schema = schemaWith(/* GraphQL */ `
    interface Natural @personalData {
      name: String
    }
    type Record implements Natural {
      name: String
    }
    type Person @personalData {
      name: String
    }
    type Vessel {
      imo: String
    }
  `);

  it.each<[string, boolean]>([
    ['Natural', true],
    ['Record', true],
    ['Person', true],
    ['Vessel', false],
    ['String', false],
  ])('%s: %s', (typeName, personal) => {
    expect(isPersonalDataType(schema, schema.getType(typeName)!)).toBe(personal);
  });
});
