import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse } from 'graphql';
import type { ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { accessDirective } from '../../../../subgraphs/kit/policy/accessDirective.js';
import { minimizeDirective } from '../../../../subgraphs/kit/policy/minimizeDirective.js';
import type { PolicyContext } from '../../../../subgraphs/kit/policy/PolicyContext.js';
import { ReleaseLedger } from '../../../../subgraphs/kit/policy/ReleaseLedger.js';
import { pseudonym } from '../../../../core/policy/pseudonym.js';
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
    accounts: [Account]
  }

  type Account
    @access(
      jurisdiction: "XX"
      roles: [INVESTIGATOR]
      purposes: [CRIMINAL_INVESTIGATION, SANCTIONS_SCREENING]
      countries: ["XX", "FR"]
    ) {
    reference: String
    holder: String @minimize(jurisdiction: "XX", strategy: PSEUDONYM)
    customer: String @minimize(jurisdiction: "XX", strategy: PSEUDONYM, unlessCountries: ["XX"])
    missing: String @minimize(jurisdiction: "XX", strategy: PSEUDONYM)
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

/** How often each Account field's resolver ran: a withheld field must never be read. */
const reads = new Map<string, number>();
const read = (field: 'holder' | 'customer' | 'missing') => (account: Record<string, unknown>) => {
  reads.set(field, (reads.get(field) ?? 0) + 1);
  return account[field] ?? null;
};

const resolvers = {
  Query: {
    holders: () => HOLDERS,
    later: async () => HOLDERS[0],
    accounts: () => [{ reference: 'A-1', holder: 'Jean Dupont', customer: 'C-77' }],
  },
  Account: { holder: read('holder'), customer: read('customer'), missing: read('missing') },
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

function contextFor(
  caller: Partial<PolicyContext['caller']> = {},
  pseudonymKey: Uint8Array | null = null,
): PolicyContext {
  return {
    caller: {
      subject: 'officer@xx',
      roles: ['INVESTIGATOR'],
      homeCountry: 'XX',
      agency: 'XX-POLICE',
      purpose: 'CRIMINAL_INVESTIGATION',
      caseRef: 'XX-1',
      ...caller,
    },
    pseudonymKey,
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

describe('a pseudonym without a case', () => {
  const QUERY = '{ accounts { reference holder customer missing } }';
  const withheld = (field: string) => ({
    message: `XX does not release Account.${field} to this caller (CASE_REF_REQUIRED)`,
    path: ['accounts', 0, field],
    extensions: {
      code: 'FORBIDDEN',
      jurisdiction: 'XX',
      reason: 'CASE_REF_REQUIRED',
      field: `Account.${field}`,
    },
  });

  it('is withheld with an error on its path, unread, the rest of the answer intact', async () => {
    reads.clear();
    const { result, contextValue } = run(
      QUERY,
      contextFor({ homeCountry: 'FR', purpose: 'SANCTIONS_SCREENING', caseRef: null }),
    );
    const { data, errors } = await result;
    expect(data).toEqual({
      accounts: [{ reference: 'A-1', holder: null, customer: null, missing: null }],
    });
    // A value that would have been null is withheld alike: the error tells nothing of it.
    expect(errors?.map(({ message, path, extensions }) => ({ message, path, extensions }))).toEqual(
      ['holder', 'customer', 'missing'].map(withheld),
    );
    expect(reads.size).toBe(0);
    expect([...contextValue.releases.denied]).toEqual([
      ['Account.holder', 'CASE_REF_REQUIRED'],
      ['Account.customer', 'CASE_REF_REQUIRED'],
      ['Account.missing', 'CASE_REF_REQUIRED'],
    ]);
  });

  it('is no error where the caller is exempt from the rule (unlessCountries)', async () => {
    const { result, contextValue } = run(
      QUERY,
      contextFor({ purpose: 'SANCTIONS_SCREENING', caseRef: null }),
    );
    const { data, errors } = await result;
    expect(data).toEqual({
      accounts: [{ reference: 'A-1', holder: null, customer: 'C-77', missing: null }],
    });
    expect(errors?.map(({ message, path, extensions }) => ({ message, path, extensions }))).toEqual(
      ['holder', 'missing'].map(withheld),
    );
    expect(contextValue.releases.released.has('Account.customer')).toBe(true);
  });

  it('is a pseudonym under a case', async () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    const { result } = run(QUERY, contextFor({}, key));
    const { data, errors } = await result;
    expect(errors).toBeUndefined();
    expect(data?.accounts).toEqual([
      {
        reference: 'A-1',
        holder: pseudonym('Jean Dupont', key),
        customer: 'C-77',
        missing: null,
      },
    ]);
  });
});

describe('@access by home country', () => {
  it.each([
    ['XX', true],
    ['FR', true],
    ['KP', false],
    ['', false],
  ])('a caller from %j is admitted: %s', async (homeCountry, admitted) => {
    const { result, contextValue } = run('{ accounts { reference } }', contextFor({ homeCountry }));
    const { data, errors } = await result;
    if (admitted) {
      expect(errors).toBeUndefined();
      expect(data).toEqual({ accounts: [{ reference: 'A-1' }] });
      return;
    }
    expect(data).toEqual({ accounts: [{ reference: null }] });
    expect(errors?.map((error) => error.extensions)).toEqual([
      {
        code: 'FORBIDDEN',
        jurisdiction: 'XX',
        reason: 'COUNTRY_NOT_ALLOWED',
        field: 'Account.reference',
      },
    ]);
    expect([...contextValue.releases.denied]).toEqual([
      ['Account.reference', 'COUNTRY_NOT_ALLOWED'],
    ]);
  });
});
