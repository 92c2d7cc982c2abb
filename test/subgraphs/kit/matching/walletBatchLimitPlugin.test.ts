import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walletBatchLimitPlugin } from '../../../../subgraphs/kit/matching/walletBatchLimitPlugin.js';

// A member with a ceiling of 3 wallets per request, answering what `_entities` asks of it.
const reads: string[] = [];
const server = new ApolloServer({
  schema: buildSubgraphSchema({
    typeDefs: parse(/* GraphQL */ `
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Wallet @key(fields: "id") {
        id: String!
        hit: Boolean
      }
      type Query {
        ping: Boolean
      }
    `),
    resolvers: {
      Wallet: {
        __resolveReference: (wallet: { id: string }) => {
          reads.push(wallet.id);
          return wallet;
        },
        hit: () => true,
      },
    } as never,
  }),
  plugins: [walletBatchLimitPlugin({ code: 'XX', maxWallets: 3 })],
});
beforeAll(() => server.start());
afterAll(() => server.stop());

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Wallet {
        hit
      }
    }
  }
`;
const wallets = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ __typename: 'Wallet', id: `w${i}` }));

describe('walletBatchLimitPlugin', () => {
  const cases: { name: string; representations: object[]; refused: boolean }[] = [
    { name: 'as many wallets as the ceiling', representations: wallets(3), refused: false },
    { name: 'one wallet more', representations: wallets(4), refused: true },
    {
      name: 'other entities do not count',
      representations: [...wallets(3), { __typename: 'PartyMatchSearch', key: '{}' }],
      refused: false,
    },
  ];
  it.each(cases)('$name', async ({ representations, refused }) => {
    reads.length = 0;
    const response = await server.executeOperation({
      query: ENTITIES,
      variables: { representations },
    });
    const result = response.body.kind === 'single' ? response.body.singleResult : null;
    if (refused) {
      // Refused once for the whole request, before any wallet is read.
      expect(result?.errors).toHaveLength(1);
      expect(result?.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'BATCH_TOO_LARGE',
        jurisdiction: 'XX',
      });
      expect(result?.errors?.[0]?.message).toBe('XX screens at most 3 wallets per request');
      expect(reads).toEqual([]);
    } else {
      expect(reads).toEqual(['w0', 'w1', 'w2']);
    }
  });
});
