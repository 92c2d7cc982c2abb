import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Supergraph, operationFromDocument } from '@apollo/federation-internals';
import { buildOperationContext } from '@apollo/gateway';
import { QueryPlanner } from '@apollo/query-planner';
import type { QueryPlan } from '@apollo/query-planner';
import {
  Kind,
  isAbstractType,
  isCompositeType,
  isEnumType,
  isListType,
  isNonNullType,
  parse,
  validate,
} from 'graphql';
import type {
  FragmentDefinitionNode,
  GraphQLObjectType,
  GraphQLOutputType,
  SelectionSetNode,
} from 'graphql';
import { scenarios } from '../../../bench/scenarios.js';
import { compileResultShape } from '../../../gateway/apolloInternals/compileResultShape.js';
import { executePlan, planIsSupported } from '../../../gateway/apolloInternals/executePlan.js';
import type { PlanDataSource } from '../../../gateway/apolloInternals/executePlan.js';
import { REPO_ROOT } from '../../../core/federationConfig.js';

// Differential test: Comity's plan executor against @apollo/gateway's own `executeQueryPlan`,
// on the real supergraph, the real planner's plans, and subgraph answers generated from the
// subgraph operations themselves — mostly well-formed, sometimes with nulls where the schema
// forbids them, values of the wrong type, unknown enum values and __typenames, missing
// fields, errors with and without paths and codes, wrong `_entities` lengths, failed
// fetches. Both executors get the same answers (a seeded generator keyed by the request)
// and must give the same response, byte for byte, the same errors, and make the same calls.

const require = createRequire(import.meta.url);
const apolloExecuteQueryPlan = require('@apollo/gateway/dist/executeQueryPlan.js')
  .executeQueryPlan as (...args: unknown[]) => Promise<Record<string, unknown>>;

const supergraph = Supergraph.build(
  readFileSync(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
);
const apiSchema = supergraph.apiSchema();
const schema = apiSchema.toGraphQLJSSchema();
const supergraphSchema = supergraph.schema.toGraphQLJSSchema();
const planner = new QueryPlanner(supergraph);

/** mulberry32 over an FNV-1a hash of the key: the same request gets the same answer. */
function randomFor(key: string): () => number {
  let seed = 2166136261;
  for (let i = 0; i < key.length; i++) seed = Math.imul(seed ^ key.charCodeAt(i), 16777619);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Generates one subgraph answer for a fetch, with faults at the given rate. */
function answerFor(
  random: () => number,
  query: string,
  variables: Record<string, unknown>,
  faults: number,
) {
  const document = parse(query);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);
  }
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION)!;
  if (operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation');
  const chance = (p: number) => random() < p * faults;
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;

  const leaf = (name: string, type: GraphQLOutputType): unknown => {
    if (isEnumType(type)) return chance(0.03) ? 'NOT_A_VALUE' : pick(type.getValues()).name;
    switch (name) {
      case 'Int':
        return chance(0.03) ? 1.5 : Math.floor(random() * 100);
      case 'Float':
        return chance(0.03) ? 'x' : random() * 100;
      case 'Boolean':
        return chance(0.03) ? 'yes' : random() < 0.5;
      case 'String':
      case 'ID':
        return chance(0.03) ? 42 : `v${Math.floor(random() * 1000)}`;
      default:
        return chance(0.02) ? { nested: true } : `s${Math.floor(random() * 1000)}`;
    }
  };

  const objectOf = (type: GraphQLObjectType, selectionSet: SelectionSetNode) => {
    const object: Record<string, unknown> = {};
    const visit = (set: SelectionSetNode) => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.FIELD) {
          const responseName = selection.alias?.value ?? selection.name.value;
          if (selection.name.value === '__typename') {
            object[responseName] = chance(0.02) ? pick(['Bogus', 'Party']) : type.name;
            continue;
          }
          if (chance(0.03)) continue; // a field the subgraph left out
          const field = type.getFields()[selection.name.value];
          if (!field) continue;
          object[responseName] = valueOf(field.type, selection.selectionSet);
        } else {
          const fragment =
            selection.kind === Kind.INLINE_FRAGMENT
              ? selection
              : fragments.get(selection.name.value)!;
          const condition = fragment.typeCondition?.name.value;
          const conditionType = condition ? schemaType(condition) : type;
          if (
            !condition ||
            condition === type.name ||
            (conditionType &&
              isAbstractType(conditionType) &&
              supergraphSchema.isSubType(conditionType, type))
          ) {
            visit(fragment.selectionSet);
          }
        }
      }
    };
    visit(selectionSet);
    return object;
  };

  const valueOf = (type: GraphQLOutputType, selectionSet?: SelectionSetNode): unknown => {
    if (isNonNullType(type)) return chance(0.04) ? null : valueOf(type.ofType, selectionSet);
    if (chance(0.1)) return null;
    if (isListType(type)) {
      if (chance(0.01)) return 'not a list';
      return Array.from({ length: Math.floor(random() * 4) }, () =>
        valueOf(type.ofType, selectionSet),
      );
    }
    if (isCompositeType(type)) {
      if (chance(0.01)) return 7;
      const concrete = isAbstractType(type) ? pick(supergraphSchema.getPossibleTypes(type)) : type;
      return objectOf(concrete as GraphQLObjectType, selectionSet!);
    }
    return leaf(type.name, type);
  };

  if (chance(0.04)) throw new Error('connect ECONNREFUSED (a failed fetch)');
  const root =
    operation.operation === 'mutation'
      ? supergraphSchema.getMutationType()!
      : supergraphSchema.getQueryType()!;
  const data: Record<string, unknown> = {};
  const errors: Record<string, unknown>[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) throw new Error('unexpected root selection');
    const responseName = selection.alias?.value ?? selection.name.value;
    if (selection.name.value === '_entities') {
      const representations = variables.representations as { __typename: string }[];
      let length = representations.length;
      if (chance(0.02)) length += 1;
      data[responseName] = Array.from({ length }, (_, index) => {
        const typename = representations[index % representations.length]!.__typename;
        if (chance(0.08)) {
          errors.push({
            message: 'FR withholds this record',
            path: ['_entities', index, 'freezingOrders'],
            extensions: { code: 'FORBIDDEN', jurisdiction: 'FR' },
          });
          return null;
        }
        const entity = objectOf(
          supergraphSchema.getType(typename) as GraphQLObjectType,
          selection.selectionSet!,
        );
        // Subgraphs may omit __typename in entities; the executor fills it in.
        if (chance(0.1)) delete entity.__typename;
        return entity;
      });
      if (chance(0.01)) data[responseName] = null;
    } else {
      const field = root.getFields()[selection.name.value]!;
      data[responseName] = valueOf(field.type, selection.selectionSet);
    }
  }
  if (chance(0.05)) errors.push({ message: '', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  if (chance(0.05)) errors.push({ message: 'no code here', path: [responseNameOf(operation)] });
  if (chance(0.05))
    errors.push({ message: 'a custom code', extensions: { code: 'SUBGRAPH_SPECIFIC' } });
  if (chance(0.03)) return { data: null, errors: [{ message: 'all of it failed' }] };
  return errors.length > 0 ? { data, errors } : { data };
}

const responseNameOf = (operation: { selectionSet: SelectionSetNode }) => {
  const first = operation.selectionSet.selections[0]!;
  return first.kind === Kind.FIELD ? (first.alias?.value ?? first.name.value) : 'x';
};

const schemaType = (name: string) => supergraphSchema.getType(name) ?? undefined;

/** Fake data sources answering from the generator; they log every call. */
function serviceMapFor(seed: string, faults: number, calls: string[]) {
  const names = supergraph.subgraphs().names();
  const map: Record<string, PlanDataSource> = {};
  for (const name of names) {
    map[name] = {
      async process({ request }) {
        const key = `${seed}|${name}|${request.query}|${JSON.stringify(request.variables)}`;
        calls.push(`${name} ${request.operationName ?? ''} ${JSON.stringify(request.variables)}`);
        return answerFor(randomFor(key), request.query, request.variables, faults) as never;
      },
    };
  }
  return map;
}

const describeError = (error: any) => ({
  message: error.message,
  path: error.path,
  extensions: error.extensions,
  graphql: error.constructor?.name === 'GraphQLError',
});

function normalise(result: Record<string, any>) {
  return JSON.stringify({
    keys: Object.keys(result),
    rejected: result.rejected,
    data: result.data,
    errors: result.errors?.map(describeError),
    valueCompletion: result.extensions?.valueCompletion?.map(describeError),
  });
}

interface Prepared {
  plan: QueryPlan;
  operationContext: ReturnType<typeof buildOperationContext>;
}

function prepare(query: string): Prepared {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  const operationContext = buildOperationContext({ schema, operationDocument: document });
  const plan = planner.buildQueryPlan(operationFromDocument(apiSchema, document));
  return { plan, operationContext };
}

async function bothAnswers(
  prepared: Prepared,
  variables: Record<string, unknown>,
  seed: string,
  faults: number,
) {
  const run = async (which: 'apollo' | 'comity') => {
    const calls: string[] = [];
    const requestContext: Record<string, any> = {
      request: { variables },
      context: {},
      metrics: {},
      logger: { error() {}, warn() {}, info() {}, debug() {} },
    };
    const serviceMap = serviceMapFor(seed, faults, calls);
    // A plan that cannot go on (a list where an object belongs on the way to an entity)
    // rejects in both: the gateway answers it as an internal error.
    const result = await (
      which === 'apollo'
        ? apolloExecuteQueryPlan(
            prepared.plan,
            serviceMap,
            requestContext,
            prepared.operationContext,
            supergraphSchema,
            apiSchema,
            {},
          )
        : executePlan(
            prepared.plan,
            compileResultShape(
              schema,
              prepared.operationContext.operation,
              prepared.operationContext.fragments,
            ),
            { serviceMap, requestContext: requestContext as never, supergraphSchema },
          )
    ).catch((error: Error) => ({ rejected: `${error.constructor.name}: ${error.message}` }));
    return {
      result: result as Record<string, any>,
      calls: calls.sort(),
      nonFtv1: JSON.stringify(requestContext.metrics.nonFtv1ErrorPaths),
    };
  };
  return { apollo: await run('apollo'), comity: await run('comity') };
}

const wallet = 'eip155:1:0x4932F051e3e38675D54fB0CA874fB6C75831143c';

/** Operations over the real schema: the bench's, and shapes that stress the shaping. */
const OPERATIONS: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  ...scenarios().map((scenario) => ({
    name: `bench scenario ${scenario.id}`,
    query: scenario.query,
    variables: scenario.id === 1 ? { id: wallet } : scenario.variables,
  })),
  {
    name: 'aliases, repeated fields and __typename under an alias',
    query: /* GraphQL */ `
      query ($id: WalletId!) {
        w: wallet(id: $id) {
          kind: __typename
          id
          fr {
            hit
            h: hit
            freezingOrders {
              id
              status
            }
          }
          fr {
            freezingOrders {
              id
              issuedAt
            }
            jurisdiction
          }
          again: de {
            hit
          }
        }
      }
    `,
    variables: { id: wallet },
  },
  {
    name: 'fragments on the Party interface and its types, named and inline',
    query: /* GraphQL */ `
      fragment PartyFields on Party {
        __typename
        id
        name
      }
      fragment PersonOnly on Person {
        firstName
        lastName
        birthDate
      }
      query {
        de {
          watchlistEntries(first: 5) {
            nodes {
              id
              subject {
                ...PartyFields
                ...PersonOnly
                ... on Organization {
                  lei
                  registrationNumber
                }
                ... {
                  name
                }
              }
              wallets {
                id
                sg {
                  hit
                }
              }
            }
          }
        }
      }
    `,
  },
  {
    name: 'nested lists of entities across three subgraphs',
    query: /* GraphQL */ `
      {
        sg {
          exchangeDisclosures(first: 3) {
            nodes {
              id
              originator {
                accountNumbers {
                  id
                  fr {
                    hit
                    watchlistEntries {
                      id
                      program
                    }
                  }
                  de {
                    hit
                  }
                }
              }
              beneficiary {
                beneficiaryPersons {
                  kind
                  primaryIdentifier
                }
              }
              transaction {
                __typename
              }
            }
          }
        }
        members {
          code
          registries {
            kind
            name
          }
        }
      }
    `,
  },
  {
    name: 'a mutation',
    query: /* GraphQL */ `
      mutation {
        fr {
          decideEmergencyReview(id: "r1", decision: CONFIRMED, note: "ok") {
            id
            status
            fields
          }
        }
      }
    `,
  },
];

/** What the comparisons covered, over every operation. */
const outcomes = { clean: 0, errors: 0, valueCompletion: 0, rejected: 0, nullData: 0 };

describe('Comity plan executor against @apollo/gateway executeQueryPlan', () => {
  it("the comparison is against Apollo's own executor, not this one installed over it", () => {
    expect(Object.getOwnPropertySymbols(apolloExecuteQueryPlan)).toEqual([]);
  });

  for (const operation of OPERATIONS) {
    it(`answers the same: ${operation.name}`, async () => {
      const prepared = prepare(operation.query);
      expect(planIsSupported(prepared.plan)).toBe(true);
      let compared = 0;
      let withErrors = 0;
      for (const faults of [0, 1, 3]) {
        for (let seed = 0; seed < 40; seed++) {
          const { apollo, comity } = await bothAnswers(
            prepared,
            operation.variables ?? {},
            `${operation.name}#${seed}`,
            faults,
          );
          expect(normalise(comity.result)).toBe(normalise(apollo.result));
          expect(comity.calls).toEqual(apollo.calls);
          expect(comity.nonFtv1).toBe(apollo.nonFtv1);
          compared += 1;
          const { result } = apollo;
          if (result.errors || result.extensions) withErrors += 1;
          if (result.rejected) outcomes.rejected += 1;
          else if (result.extensions) outcomes.valueCompletion += 1;
          else if (result.errors) outcomes.errors += 1;
          else outcomes.clean += 1;
          if (result.data === null) outcomes.nullData += 1;
        }
      }
      // The faults reached both executors: the comparison covered error paths, not only clean answers.
      expect(compared).toBe(120);
      expect(withErrors).toBeGreaterThan(10);
    });
  }

  it('leaves a plan to Apollo when a representation would carry a name plain objects inherit', () => {
    const fetchRequiring = (name: string) =>
      ({
        kind: 'QueryPlan',
        node: {
          kind: 'Flatten',
          path: ['wallet'],
          node: {
            kind: 'Fetch',
            serviceName: 'fr',
            operation: '{ _entities { __typename } }',
            operationKind: 'query',
            requires: [
              {
                kind: 'InlineFragment',
                typeCondition: 'Wallet',
                selections: [
                  { kind: 'Field', name: '__typename' },
                  { kind: 'Field', name },
                ],
              },
            ],
          },
        },
      }) as unknown as QueryPlan;
    expect(planIsSupported(fetchRequiring('id'))).toBe(true);
    for (const name of ['constructor', 'valueOf', '__proto__']) {
      expect(planIsSupported(fetchRequiring(name)), name).toBe(false);
    }
  });

  it('compared every kind of outcome: clean answers, errors, value-completion notes, null data, rejections', () => {
    for (const [outcome, count] of Object.entries(outcomes)) {
      expect(count, outcome).toBeGreaterThan(0);
    }
  });
});
