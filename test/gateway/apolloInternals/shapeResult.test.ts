import { describe, expect, it } from 'vitest';
import { buildSchema, parse } from 'graphql';
import type { OperationDefinitionNode } from 'graphql';
import {
  UnsupportedOperation,
  compileResultShape,
} from '../../../gateway/apolloInternals/compileResultShape.js';
import type { ShapeSelection } from '../../../gateway/apolloInternals/compileResultShape.js';
import { shapeResult } from '../../../gateway/apolloInternals/shapeResult.js';

const schema = buildSchema(/* GraphQL */ `
  interface Party {
    name: String
  }
  type Person implements Party {
    name: String
    born: Int!
  }
  type Organization implements Party {
    name: String
    lei: String
  }
  type Query {
    parties: [Party!]
    count: Int
  }
`);

function shapeOf(query: string) {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  return compileResultShape(schema, operation, {});
}

describe('shapeResult', () => {
  it('nulls the nearest nullable parent of a null in a non-null place, with the error at its path', () => {
    const shape = shapeOf('{ parties { name ... on Person { born } } count }');
    const { data, errors } = shapeResult(shape, {
      parties: [{ __typename: 'Person', name: 'A', born: null }],
      count: 2,
    });
    // born is Int! → the Person is null → [Party!] cannot hold it → parties is null.
    expect(data).toEqual({ parties: null, count: 2 });
    expect(errors.map((error) => [error.message, error.path])).toEqual([
      ['Cannot return null for non-nullable field Person.born.', ['parties', 0, 'born']],
    ]);
  });

  it('keeps the document order of keys and the first value of a field selected twice', () => {
    const shape = shapeOf('{ count parties { ... on Organization { lei name } name } }');
    const { data } = shapeResult(shape, {
      count: 1,
      parties: [{ __typename: 'Organization', name: 'B', lei: 'L' }],
    });
    expect(JSON.stringify(data)).toBe('{"count":1,"parties":[{"lei":"L","name":"B"}]}');
  });

  it('builds the response of plain objects, the cheaper kind to serialise', () => {
    const shape = shapeOf('{ parties { name } }');
    const { data } = shapeResult(shape, { parties: [{ __typename: 'Person', name: 'A' }] });
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    const party = (data!.parties as unknown[])[0];
    expect(Object.getPrototypeOf(party)).toBe(Object.prototype);
  });

  it.each([
    '{ constructor: count }',
    '{ __proto__: count }',
    '{ parties { toString: __typename } }',
  ])('leaves %s, whose response name plain objects inherit, to Apollo', (query) => {
    expect(() => shapeOf(query)).toThrow(UnsupportedOperation);
  });

  it('does not remember __typenames the schema does not know, however many a subgraph sends', () => {
    // Values below the root have their __typename checked against the schema first; the
    // root's is whatever the subgraphs merged into it.
    const shape = shapeOf('{ ... on Query { count } }');
    const fragment = shape.selections[0] as Extract<ShapeSelection, { kind: 'fragment' }>;
    for (let i = 0; i < 500; i++) {
      expect(shapeResult(shape, { __typename: `Forged${i}`, count: 1 }).data).toEqual({});
    }
    expect(shapeResult(shape, { __typename: 'Query', count: 1 }).data).toEqual({ count: 1 });
    expect([...fragment.applies.keys()]).toEqual(['t:Query']);
  });
});
