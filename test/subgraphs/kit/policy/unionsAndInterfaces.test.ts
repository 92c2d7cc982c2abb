import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MinimizeStrategy } from '../../../../core/policy/policySpec.js';
import { formatSubgraphError } from '../../../../subgraphs/kit/errors/formatSubgraphError.js';
import { accessDirective } from '../../../../subgraphs/kit/policy/accessDirective.js';
import type { AccessDenialReason } from '../../../../core/policy/decideAccess.js';
import { minimizeDirective } from '../../../../subgraphs/kit/policy/minimizeDirective.js';
import type { PolicyContext } from '../../../../subgraphs/kit/policy/PolicyContext.js';
import { derivePseudonymKey, pseudonym } from '../../../../core/policy/pseudonym.js';
import { ReleaseLedger } from '../../../../subgraphs/kit/policy/ReleaseLedger.js';
import type { Caller } from '../../../../core/policy/types.js';
import { POLICED_SUBGRAPH_SDL } from '../../../support/policedSubgraphSdl.js';

// The policy directives wrap object fields. A value reached through a union or an interface
// is still resolved by its concrete type's field, so it must meet that type's policy on
// every shape it can leave by: one member, a list of members, fields selected on the
// interface itself, and entity resolution (`_entities`, itself a union).

const SECRET = new Uint8Array(32).fill(7);
const CASE = 'XX-CASE-1';

/**
 * A subgraph of jurisdiction XX. Person is personal data open to case roles, its id
 * pseudonymised and its name reduced to initials below a prosecutor, its id number always
 * masked. Organization is open, except its LEI, which only a prosecutor sees. Account and
 * Device carry no policy of their own: Account implements a personal-data interface and
 * Device a field the interface declares personal, so both are default-deny there.
 */
const typeDefs = parse(/* GraphQL */ `
  ${POLICED_SUBGRAPH_SDL}

  type Query {
    match(id: ID!): Match
    matches: [Match]
    party(id: ID!): Party
    parties: [Party]
    device: Device
  }

  union Match = Person | Organization | Account

  interface Party {
    id: ID
    name: String
  }

  "Whatever holds an account is a person for this jurisdiction's law."
  interface Holder @personalData {
    id: ID
    holderName: String
  }

  interface Located {
    lastSeenAt: String @personalData
  }

  type Person implements Party
    @key(fields: "id")
    @personalData
    @access(
      jurisdiction: "XX"
      roles: [INVESTIGATOR, PROSECUTOR]
      purposes: [CRIMINAL_INVESTIGATION]
    ) {
    id: ID @minimize(jurisdiction: "XX", strategy: PSEUDONYM, unlessRoles: [PROSECUTOR])
    name: String @minimize(jurisdiction: "XX", strategy: INITIALS, unlessRoles: [PROSECUTOR])
    idNumber: String @minimize(jurisdiction: "XX", strategy: MASK, keep: 4)
  }

  type Organization implements Party @key(fields: "id") {
    id: ID
    name: String
    lei: String @access(jurisdiction: "XX", roles: [PROSECUTOR], purposes: [CRIMINAL_INVESTIGATION])
  }

  type Account implements Holder @key(fields: "id") {
    id: ID
    holderName: String
  }

  type Device implements Located {
    model: String
    lastSeenAt: String
  }
`);

const PERSON = { id: 'P-1', name: 'Jean-Pierre Dupont', idNumber: '1840675123456' };
const ORGANIZATION = { id: 'O-1', name: 'Acme Trading SARL', lei: '5299000J2N45DDNE4Y28' };
const ACCOUNT = { id: 'A-1', holderName: 'Marie Lefèvre' };
const DEVICE = { model: 'Pixel 7', lastSeenAt: '2024-03-01T09:30:00Z' };

const SOURCE: Record<string, Record<string, string>> = {
  Person: PERSON,
  Organization: ORGANIZATION,
  Account: ACCOUNT,
};

const records: Record<string, { __typename: string } & Record<string, string>> = {
  [PERSON.id]: { __typename: 'Person', ...PERSON },
  [ORGANIZATION.id]: { __typename: 'Organization', ...ORGANIZATION },
  [ACCOUNT.id]: { __typename: 'Account', ...ACCOUNT },
};
const byId = (id: string) => records[id] ?? null;
const reference = {
  __resolveReference: ({ id }: { id: string }) => byId(id),
};

const resolvers = {
  Query: {
    match: (_: unknown, { id }: { id: string }) => byId(id),
    matches: () => [PERSON.id, ORGANIZATION.id, ACCOUNT.id, PERSON.id].map(byId),
    party: (_: unknown, { id }: { id: string }) => byId(id),
    parties: () => [ORGANIZATION.id, PERSON.id].map(byId),
    device: () => DEVICE,
  },
  Match: { __resolveType: (value: { __typename: string }) => value.__typename },
  Party: { __resolveType: (value: { __typename: string }) => value.__typename },
  Person: reference,
  Organization: reference,
  Account: reference,
};

let server: ApolloServer<PolicyContext>;

beforeAll(async () => {
  const { accessDirectiveTransformer } = accessDirective();
  const { minimizeDirectiveTransformer } = minimizeDirective();
  // As createJurisdictionServer applies them: @access outermost, so a denied value is never read.
  const schema = accessDirectiveTransformer(
    minimizeDirectiveTransformer(buildSubgraphSchema([{ typeDefs, resolvers }]), 'XX'),
    'XX',
  );
  server = new ApolloServer<PolicyContext>({
    schema,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatSubgraphError(formatted, error, () => {}),
  });
  await server.start();
});

afterAll(async () => {
  await server?.stop();
});

function caller(roles: Caller['roles']): Caller {
  return {
    subject: 'officer@xx',
    roles,
    homeCountry: 'XX',
    agency: 'XX-POLICE',
    purpose: roles.includes('ANALYST') ? 'AML_INTELLIGENCE' : 'CRIMINAL_INVESTIGATION',
    caseRef: CASE,
  };
}

async function ask(who: Caller, query: string) {
  const context: PolicyContext = {
    caller: who,
    pseudonymKey: derivePseudonymKey(SECRET, CASE),
    releases: new ReleaseLedger(),
    accessDecisions: new Map(),
  };
  const response = await server.executeOperation({ query }, { contextValue: context });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { ...response.body.singleResult, releases: context.releases };
}

// ---------------------------------------------------------------------------------------
// What each caller gets of each record, field by field.

/** How one field arrives: as it is, reduced (with its exact reduced form), or withheld. */
type Outcome =
  | { released: unknown }
  | { minimised: MinimizeStrategy; value: unknown }
  | { denied: AccessDenialReason };

type Member = Record<string, Outcome>;

const KEY = derivePseudonymKey(SECRET, CASE);
const deniedAll = (fields: string[], reason: AccessDenialReason): Member =>
  Object.fromEntries(fields.map((field) => [field, { denied: reason }]));

/** Account is default-deny for every caller: its interface says it is personal data. */
const ACCOUNT_DENIED = deniedAll(['id', 'holderName'], 'NO_POLICY');

const EXPECTED: Record<'ANALYST' | 'INVESTIGATOR' | 'PROSECUTOR', Record<string, Member>> = {
  ANALYST: {
    Person: deniedAll(['id', 'name', 'idNumber'], 'ROLE_NOT_ALLOWED'),
    Organization: {
      id: { released: ORGANIZATION.id },
      name: { released: ORGANIZATION.name },
      lei: { denied: 'ROLE_NOT_ALLOWED' },
    },
    Account: ACCOUNT_DENIED,
  },
  INVESTIGATOR: {
    Person: {
      id: { minimised: 'PSEUDONYM', value: pseudonym(PERSON.id, KEY) },
      name: { minimised: 'INITIALS', value: 'J.-P. D.' },
      idNumber: { minimised: 'MASK', value: '•••••••••3456' },
    },
    Organization: {
      id: { released: ORGANIZATION.id },
      name: { released: ORGANIZATION.name },
      lei: { denied: 'ROLE_NOT_ALLOWED' },
    },
    Account: ACCOUNT_DENIED,
  },
  PROSECUTOR: {
    Person: {
      id: { released: PERSON.id },
      name: { released: PERSON.name },
      idNumber: { minimised: 'MASK', value: '•••••••••3456' },
    },
    Organization: {
      id: { released: ORGANIZATION.id },
      name: { released: ORGANIZATION.name },
      lei: { released: ORGANIZATION.lei },
    },
    Account: ACCOUNT_DENIED,
  },
};

const valueOf = (outcome: Outcome): unknown =>
  'denied' in outcome ? null : 'released' in outcome ? outcome.released : outcome.value;

// ---------------------------------------------------------------------------------------
// The shapes a member can leave by.

const SELECTION: Record<string, string> = {
  Person: 'id name idNumber',
  Organization: 'id name lei',
  Account: 'id holderName',
};

/** Selects every field of every member through inline fragments on the concrete types. */
const fragments = (typeNames: string[]) =>
  typeNames.map((typeName) => `... on ${typeName} { ${SELECTION[typeName]} }`).join(' ');

interface Shape {
  title: string;
  query: string;
  /** Where each member lands: its path in `data` and its type. */
  members: { path: (string | number)[]; typeName: string }[];
}

const MATCH_TYPES = ['Person', 'Organization', 'Account'];

const SHAPES: Shape[] = [
  {
    title: 'a union field, one member each',
    query: `{
      p: match(id: "P-1") { __typename ${fragments(MATCH_TYPES)} }
      o: match(id: "O-1") { __typename ${fragments(MATCH_TYPES)} }
      a: match(id: "A-1") { __typename ${fragments(MATCH_TYPES)} }
    }`,
    members: [
      { path: ['p'], typeName: 'Person' },
      { path: ['o'], typeName: 'Organization' },
      { path: ['a'], typeName: 'Account' },
    ],
  },
  {
    title: 'a list of a union, a member repeated',
    query: `{ matches { __typename ${fragments(MATCH_TYPES)} } }`,
    members: ['Person', 'Organization', 'Account', 'Person'].map((typeName, index) => ({
      path: ['matches', index],
      typeName,
    })),
  },
  {
    title: 'an interface field, fields selected on the interface and on the types',
    query: `{
      p: party(id: "P-1") { __typename id name ... on Person { idNumber } ... on Organization { lei } }
      o: party(id: "O-1") { __typename id name ... on Person { idNumber } ... on Organization { lei } }
    }`,
    members: [
      { path: ['p'], typeName: 'Person' },
      { path: ['o'], typeName: 'Organization' },
    ],
  },
  {
    title: 'a list of an interface',
    query: `{ parties { __typename id name ... on Person { idNumber } ... on Organization { lei } } }`,
    members: [
      { path: ['parties', 0], typeName: 'Organization' },
      { path: ['parties', 1], typeName: 'Person' },
    ],
  },
  {
    title: 'entity resolution (_entities)',
    query: `{
      _entities(representations: [
        { __typename: "Account", id: "A-1" }
        { __typename: "Person", id: "P-1" }
        { __typename: "Organization", id: "O-1" }
      ]) { __typename ${fragments(MATCH_TYPES)} }
    }`,
    members: ['Account', 'Person', 'Organization'].map((typeName, index) => ({
      path: ['_entities', index],
      typeName,
    })),
  },
];

/** Sets `value` at `path` in `target`, creating objects and arrays on the way. */
function setAt(
  target: Record<string | number, unknown>,
  path: (string | number)[],
  value: unknown,
) {
  let node = target;
  path.forEach((key, depth) => {
    if (depth === path.length - 1) {
      node[key] = value;
      return;
    }
    node[key] ??= typeof path[depth + 1] === 'number' ? [] : {};
    node = node[key] as Record<string | number, unknown>;
  });
}

function expectedAnswer(shape: Shape, member: Record<string, Member>) {
  const data: Record<string, unknown> = {};
  const errors: { path: (string | number)[]; extensions: Record<string, unknown> }[] = [];
  const denied = new Map<string, AccessDenialReason>();
  const minimised = new Map<string, MinimizeStrategy>();
  for (const { path, typeName } of shape.members) {
    const outcomes = member[typeName]!;
    setAt(data, path, {
      __typename: typeName,
      ...Object.fromEntries(
        Object.entries(outcomes).map(([field, outcome]) => [field, valueOf(outcome)]),
      ),
    });
    for (const [field, outcome] of Object.entries(outcomes)) {
      const coordinate = `${typeName}.${field}`;
      if ('denied' in outcome) {
        denied.set(coordinate, outcome.denied);
        errors.push({
          path: [...path, field],
          extensions: {
            code: 'FORBIDDEN',
            jurisdiction: 'XX',
            reason: outcome.denied,
            field: coordinate,
          },
        });
      } else if ('minimised' in outcome) {
        minimised.set(coordinate, outcome.minimised);
      }
    }
  }
  return { data, errors, denied, minimised };
}

const byPath = (a: { path?: readonly (string | number)[] }, b: typeof a) =>
  (a.path ?? []).join('.').localeCompare((b.path ?? []).join('.'));

describe.each(SHAPES)('policy on $title', (shape) => {
  it.each(['ANALYST', 'INVESTIGATOR', 'PROSECUTOR'] as const)('as %s', async (role) => {
    const expected = expectedAnswer(shape, EXPECTED[role]);
    const answer = await ask(caller([role]), shape.query);

    expect(answer.data).toEqual(expected.data);
    expect(
      (answer.errors ?? []).map(({ path, extensions }) => ({ path, extensions })).sort(byPath),
    ).toEqual(expected.errors.sort(byPath));
    // The audit sees the same decisions, by the concrete type's coordinate.
    expect(answer.releases.denied).toEqual(expected.denied);
    expect(answer.releases.minimised).toEqual(expected.minimised);
    // Nothing withheld or reduced leaves in the clear anywhere in the answer.
    const text = JSON.stringify(answer);
    for (const [typeName, member] of Object.entries(EXPECTED[role])) {
      for (const [field, outcome] of Object.entries(member)) {
        if (!('released' in outcome)) expect(text).not.toContain(SOURCE[typeName]![field]);
      }
    }
  });
});

describe('a field an interface declares personal data', () => {
  it('is withheld from its implementation with NO_POLICY; the other fields leave', async () => {
    const answer = await ask(caller(['PROSECUTOR']), '{ device { model lastSeenAt } }');
    expect(answer.data).toEqual({ device: { model: DEVICE.model, lastSeenAt: null } });
    expect(answer.errors?.map(({ path, extensions }) => ({ path, extensions }))).toEqual([
      {
        path: ['device', 'lastSeenAt'],
        extensions: {
          code: 'FORBIDDEN',
          jurisdiction: 'XX',
          reason: 'NO_POLICY',
          field: 'Device.lastSeenAt',
        },
      },
    ]);
  });
});
