import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { accessDirective } from '../../../../subgraphs/kit/policy/accessDirective.js';
import { minimizeDirective } from '../../../../subgraphs/kit/policy/minimizeDirective.js';
import type { PolicyContext } from '../../../../subgraphs/kit/policy/PolicyContext.js';
import { ReleaseLedger } from '../../../../subgraphs/kit/policy/ReleaseLedger.js';
import { POLICED_SUBGRAPH_SDL } from '../../../support/policedSubgraphSdl.js';

// The @minimize wrapper must not change how a value is produced, only what is released:
// a synchronous resolver stays synchronous (so graphql-js completes a batch of records
// without a promise per field), and a resolver that returns a promise is reduced once it
// settles. Both are recorded in the request's ledger.

const typeDefs = parse(/* GraphQL */ `
  ${POLICED_SUBGRAPH_SDL}

  type Query {
    holders: [Holder]
    later: Holder
    failing: Holder
  }

  type Holder
    @key(fields: "id")
    @access(jurisdiction: "XX", roles: [INVESTIGATOR], purposes: [CRIMINAL_INVESTIGATION]) {
    id: ID
    name: String @minimize(jurisdiction: "XX", strategy: INITIALS)
    idNumber: String @minimize(jurisdiction: "XX", strategy: MASK, keep: 2)
    nameLater: String @minimize(jurisdiction: "XX", strategy: INITIALS)
    broken: String @minimize(jurisdiction: "XX", strategy: INITIALS)
  }
`);

const HOLDERS = [
  { id: 'H-1', name: 'Jean Dupont', idNumber: '123456' },
  { id: 'H-2', name: 'Marie Curie', idNumber: '987654' },
];

const resolvers = {
  Query: {
    holders: () => HOLDERS,
    later: async () => HOLDERS[0],
  },
  Holder: {
    nameLater: async (holder: { name: string }) => holder.name,
    broken: () => {
      throw new Error('registry read failed');
    },
  },
};

const { accessDirectiveTransformer } = accessDirective();
const { minimizeDirectiveTransformer } = minimizeDirective();
const schema = accessDirectiveTransformer(
  minimizeDirectiveTransformer(buildSubgraphSchema([{ typeDefs, resolvers }]), 'XX'),
  'XX',
);

function contextFor(): PolicyContext {
  return {
    caller: {
      subject: 'officer@xx',
      roles: ['INVESTIGATOR'],
      homeCountry: 'XX',
      agency: 'XX-POLICE',
      purpose: 'CRIMINAL_INVESTIGATION',
      caseRef: 'XX-1',
    },
    pseudonymKey: null,
    releases: new ReleaseLedger(),
    accessDecisions: new Map(),
  };
}

const run = (query: string, contextValue = contextFor()) => ({
  result: execute({ schema, document: parse(query), contextValue }),
  contextValue,
});

describe('@minimize on synchronous and asynchronous resolvers', () => {
  it('completes records of plain values synchronously, reduced and recorded', () => {
    const { result, contextValue } = run('{ holders { id name idNumber } }');
    // graphql-js returns a promise as soon as one field of the operation is one.
    expect(result).not.toBeInstanceOf(Promise);
    expect((result as ExecutionResult).data).toEqual({
      holders: [
        { id: 'H-1', name: 'J. D.', idNumber: '••••56' },
        { id: 'H-2', name: 'M. C.', idNumber: '••••54' },
      ],
    });
    expect([...contextValue.releases.minimised]).toEqual([
      ['Holder.name', 'INITIALS'],
      ['Holder.idNumber', 'MASK'],
    ]);
  });

  it('reduces a value its resolver returns as a promise once it settles', async () => {
    const { result, contextValue } = run('{ later { id nameLater } holders { nameLater } }');
    expect(result).toBeInstanceOf(Promise);
    expect((await result).data).toEqual({
      later: { id: 'H-1', nameLater: 'J. D.' },
      holders: [{ nameLater: 'J. D.' }, { nameLater: 'M. C.' }],
    });
    expect([...contextValue.releases.minimised]).toEqual([['Holder.nameLater', 'INITIALS']]);
  });

  it('turns a resolver that throws into that field’s error, releasing nothing of it', () => {
    const { result, contextValue } = run('{ holders { id broken } }');
    const { data, errors } = result as ExecutionResult;
    expect(data).toEqual({
      holders: [
        { id: 'H-1', broken: null },
        { id: 'H-2', broken: null },
      ],
    });
    expect(errors?.map((error) => error.message)).toEqual([
      'registry read failed',
      'registry read failed',
    ]);
    expect(contextValue.releases.minimised.has('Holder.broken')).toBe(false);
    expect(contextValue.releases.released.has('Holder.broken')).toBe(false);
  });
});
