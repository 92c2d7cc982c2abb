import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, memberCodes } from '../../../core/federationConfig.js';
import { DEFAULT_MAX_SCREENED_WALLETS } from '../../../core/matching/matchingDefaults.js';
import { estimateOperationCost } from '../../../gateway/limits/estimateOperationCost.js';
import {
  DEFAULT_LIST_SIZE,
  DEFAULT_MAX_BATCH_COST,
  DEFAULT_MAX_BATCH_ITEMS,
  DEFAULT_MAX_COST,
} from '../../../gateway/limits/OperationLimits.js';
import { costRefusal } from '../../../gateway/plugins/costLimitPlugin.js';

const schema = Supergraph.build(
  readFileSync(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), 'utf8'),
)
  .apiSchema()
  .toGraphQLJSSchema();

const LIMITS = {
  maxCost: DEFAULT_MAX_COST,
  defaultListSize: DEFAULT_LIST_SIZE,
  maxBatchItems: DEFAULT_MAX_BATCH_ITEMS,
  maxBatchCost: DEFAULT_MAX_BATCH_COST,
};

const ids = (count: number) => Array.from({ length: count }, (_, i) => `eth:0x${i}`);
/** Estimates a query after checking it: a field the schema lacks would cost nothing. */
function estimate(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  return estimateOperationCost(schema, document, undefined, variables, DEFAULT_LIST_SIZE);
}

const MEMBERS = memberCodes();
/** Every member's hit on a wallet: each member's object costs 1, its `hit` nothing. */
const HIT = `wallet { ${MEMBERS.map((cc) => `${cc} { hit }`).join(' ')} }`;
/** A screen asking every member for its hit: what `npm run bench:matching` sends. */
const SCREEN = /* GraphQL */ `
  query ($ids: [String!]!) {
    screenWallets(ids: $ids) {
      input
      error {
        reason
      }
      ${HIT}
    }
  }
`;

describe('estimateOperationCost', () => {
  const cases: {
    name: string;
    query: string;
    variables?: Record<string, unknown>;
    expected: { cost: number; batchItems: number; batchCost: number };
  }[] = [
    {
      name: 'an operation without batches costs as before',
      query: '{ fr { freezingOrders(first: 5) { nodes { wallets { id } } } } }',
      expected: { cost: 1 + (1 + 5 * (1 + (1 + 10 * 0))), batchItems: 0, batchCost: 0 },
    },
    {
      name: 'a batch is priced by its size, not the default list size',
      query: SCREEN,
      variables: { ids: ids(3) },
      expected: { cost: 0, batchItems: 3, batchCost: 1 + 3 * (1 + (1 + MEMBERS.length)) },
    },
    {
      name: 'a maximum batch, every member asked',
      query: SCREEN,
      variables: { ids: ids(DEFAULT_MAX_SCREENED_WALLETS) },
      expected: {
        cost: 0,
        batchItems: 10_000,
        batchCost: 1 + 10_000 * (1 + (1 + MEMBERS.length)),
      },
    },
    {
      name: 'an empty batch',
      query: SCREEN,
      variables: { ids: [] },
      expected: { cost: 0, batchItems: 0, batchCost: 0 },
    },
    {
      name: 'aliases are batches of their own',
      query: `query ($ids: [String!]!) { a: screenWallets(ids: $ids) { ${HIT} } b: screenWallets(ids: $ids) { ${HIT} } }`,
      variables: { ids: ids(6_000) },
      expected: { cost: 0, batchItems: 12_000, batchCost: 2 * (1 + 6_000 * (1 + MEMBERS.length)) },
    },
    {
      name: 'a batch repeated through fragments counts as often as written',
      query: `query ($ids: [String!]!) { screenWallets(ids: $ids) { input } ...F ...F } fragment F on Query { screenWallets(ids: $ids) { input } }`,
      variables: { ids: ids(4_000) },
      expected: { cost: 0, batchItems: 12_000, batchCost: 3 },
    },
    {
      name: 'party queries count with the lists each item asks for',
      query: `query ($q: [PartyMatchQuery!]!) { screenParties(queries: $q) { search { fr { hit candidates { party { name } } } } } }`,
      variables: {
        q: [
          { schema: 'PERSON', names: ['A B'] },
          { schema: 'PERSON', names: ['C'] },
        ],
      },
      expected: {
        cost: 0,
        batchItems: 2,
        batchCost: 1 + 2 * (1 + (1 + (1 + 10 * 1))),
      },
    },
    {
      name: 'the rest of an operation beside a batch keeps its own cost',
      query: `query ($ids: [String!]!) { screenWallets(ids: $ids) { input } fr { freezingOrders(first: 2) { nodes { id } } } }`,
      variables: { ids: ids(10) },
      expected: { cost: 1 + (1 + 2 * 1), batchItems: 10, batchCost: 1 },
    },
  ];
  it.each(cases)('$name', ({ query, variables, expected }) => {
    expect(estimate(query, variables)).toEqual(expected);
  });
});

describe('costRefusal with the default limits', () => {
  const cases: {
    name: string;
    query: string;
    variables: Record<string, unknown>;
    reason: string | null;
  }[] = [
    {
      name: 'a maximum batch asking every member passes',
      query: SCREEN,
      variables: { ids: ids(DEFAULT_MAX_SCREENED_WALLETS) },
      reason: null,
    },
    {
      name: 'one id more than a batch holds is refused',
      query: SCREEN,
      variables: { ids: ids(DEFAULT_MAX_SCREENED_WALLETS + 1) },
      reason: 'MAX_BATCH_ITEMS',
    },
    {
      name: 'two half batches under aliases pass',
      query: `query ($ids: [String!]!) { a: screenWallets(ids: $ids) { ${HIT} } b: screenWallets(ids: $ids) { ${HIT} } }`,
      variables: { ids: ids(5_000) },
      reason: null,
    },
    {
      name: 'a maximum batch under two aliases is refused',
      query: `query ($ids: [String!]!) { a: screenWallets(ids: $ids) { input } b: screenWallets(ids: $ids) { input } }`,
      variables: { ids: ids(DEFAULT_MAX_SCREENED_WALLETS) },
      reason: 'MAX_BATCH_ITEMS',
    },
    {
      name: 'a maximum batch written twice is refused',
      query: `query ($ids: [String!]!) { screenWallets(ids: $ids) { input } screenWallets(ids: $ids) { input } }`,
      variables: { ids: ids(DEFAULT_MAX_SCREENED_WALLETS) },
      reason: 'MAX_BATCH_ITEMS',
    },
    {
      name: 'wallets and party queries share the ceiling',
      query: `query ($ids: [String!]!, $q: [PartyMatchQuery!]!) { screenWallets(ids: $ids) { input } screenParties(queries: $q) { index } }`,
      variables: {
        ids: ids(DEFAULT_MAX_SCREENED_WALLETS),
        q: [{ schema: 'PERSON', names: ['A'] }],
      },
      reason: 'MAX_BATCH_ITEMS',
    },
    {
      name: 'a maximum batch following every record of every wallet is refused',
      query: `query ($ids: [String!]!) { screenWallets(ids: $ids) { wallet { fr { freezingOrders { wallets { id } } watchlistEntries { wallets { id } } } } } }`,
      variables: { ids: ids(DEFAULT_MAX_SCREENED_WALLETS) },
      reason: 'MAX_BATCH_COST',
    },
  ];
  it.each(cases)('$name', ({ query, variables, reason }) => {
    const refusal = costRefusal(estimate(query, variables), LIMITS);
    expect(refusal?.extensions.reason ?? null).toBe(reason);
    if (refusal) expect(refusal.extensions.code).toBe('OPERATION_LIMIT');
  });
});
