import { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaksInternals } from '../../../../core/errors/leaksInternals.js';
import { WalletIdError } from '../../../../core/identifiers/index.js';
import { AuditError } from '../../../../subgraphs/kit/audit/AuditError.js';
import { formatSubgraphError } from '../../../../subgraphs/kit/errors/formatSubgraphError.js';
import type { WithheldSubgraphError } from '../../../../subgraphs/kit/errors/formatSubgraphError.js';
import { walletIdInputError } from '../../../../subgraphs/kit/normalizeWalletIdArguments.js';
import { forbiddenError } from '../../../../subgraphs/kit/policy/accessDirective.js';

// A secret no leak pattern knows, in what a resolver, a driver or a careless GraphQLError says.
const SECRET = 's3cr3t-Zeta-77';

/** Something like a PostgreSQL/PGlite error: an Error with a SQLSTATE and a chatty message. */
class DatabaseError extends Error {
  override readonly name = 'DatabaseError';
  readonly code = '42P01';
}

const thrown: Record<string, () => unknown> = {
  plainError: () => new Error(`registry key ${SECRET}`),
  databaseError: () => new DatabaseError(`relation registry_${SECRET} does not exist`),
  internalGraphQLError: () =>
    new GraphQLError(`registry key ${SECRET}`, { extensions: { code: 'INTERNAL_SERVER_ERROR' } }),
  unknownCode: () =>
    new GraphQLError(`registry key ${SECRET}`, { extensions: { code: 'DOWNSTREAM' } }),
  forbiddenOverARawError: () =>
    new GraphQLError(`denied: ${SECRET}`, {
      extensions: { code: 'FORBIDDEN' },
      originalError: new Error(SECRET),
    }),
  notAnError: () => `registry key ${SECRET}`,
  forbidden: () =>
    forbiddenError('FR', 'Person.idNumber', { allowed: false, reason: 'ROLE_NOT_ALLOWED' }),
  badWalletId: () => walletIdInputError('argument "id"', new WalletIdError('CHECKSUM_MISMATCH')),
  forbiddenNamingItsDatabase: () =>
    new GraphQLError('denied by postgres://registry:5432/fr', {
      extensions: { code: 'FORBIDDEN', jurisdiction: 'FR', reason: 'ROLE_NOT_ALLOWED' },
    }),
  alreadyDecided: () =>
    new AuditError('REVIEW_ALREADY_DECIDED', `review item r1 was already CONFIRMED by ${SECRET}`),
  auditStoreDown: () =>
    new AuditError('AUDIT_UNAVAILABLE', `the FR audit log did not record the event: ${SECRET}`),
  malformedAuditEvent: () =>
    new AuditError('INVALID_AUDIT_EVENT', `audit event member ${SECRET} must be a string`),
};

let server: ApolloServer;
const withheld: WithheldSubgraphError[] = [];

beforeAll(async () => {
  server = new ApolloServer({
    typeDefs: /* GraphQL */ `
      type Query {
        ${Object.keys(thrown)
          .map((name) => `${name}: String`)
          .join('\n')}
      }
    `,
    resolvers: {
      Query: Object.fromEntries(
        Object.entries(thrown).map(([name, make]) => [
          name,
          () => {
            throw make();
          },
        ]),
      ),
    },
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) =>
      formatSubgraphError(formatted, error, (verdict) => withheld.push(verdict)),
  });
  await server.start();
});

afterAll(async () => {
  await server?.stop();
});

async function ask(query: string) {
  const before = withheld.length;
  const response = await server.executeOperation({ query });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { result: response.body.singleResult, logged: withheld.slice(before) };
}

describe('formatSubgraphError', () => {
  it('is attacked with a secret that no leak pattern catches', () => {
    expect(leaksInternals(`registry key ${SECRET}`)).toBe(false);
  });

  const internal: { field: string; errorName: string; errorCode: string | undefined }[] = [
    { field: 'plainError', errorName: 'Error', errorCode: undefined },
    { field: 'databaseError', errorName: 'DatabaseError', errorCode: '42P01' },
    {
      field: 'internalGraphQLError',
      errorName: 'GraphQLError',
      errorCode: 'INTERNAL_SERVER_ERROR',
    },
    { field: 'unknownCode', errorName: 'GraphQLError', errorCode: 'DOWNSTREAM' },
    { field: 'forbiddenOverARawError', errorName: 'GraphQLError', errorCode: 'FORBIDDEN' },
    { field: 'notAnError', errorName: 'NonErrorThrown', errorCode: undefined },
    { field: 'malformedAuditEvent', errorName: 'AuditError', errorCode: 'INVALID_AUDIT_EVENT' },
  ];
  it.each(internal)(
    'answers $field as INTERNAL_SERVER_ERROR, keeping the path and losing the secret',
    async ({ field, errorName, errorCode }) => {
      const { result, logged } = await ask(`{ ${field} }`);
      expect(result.errors).toEqual([
        {
          message: 'Internal server error',
          locations: [{ line: 1, column: 3 }],
          path: [field],
          extensions: { code: 'INTERNAL_SERVER_ERROR' },
        },
      ]);
      expect(JSON.stringify(result)).not.toContain(SECRET);
      expect(logged).toEqual([{ because: 'NOT_ALLOWLISTED', errorName, errorCode, path: [field] }]);
      expect(JSON.stringify(logged)).not.toContain(SECRET);
    },
  );

  it("keeps the kit's FORBIDDEN error with its message and details", async () => {
    const { result, logged } = await ask('{ forbidden }');
    expect(result.errors).toEqual([
      {
        message: 'FR does not release Person.idNumber to this caller (ROLE_NOT_ALLOWED)',
        locations: [{ line: 1, column: 3 }],
        path: ['forbidden'],
        extensions: {
          code: 'FORBIDDEN',
          jurisdiction: 'FR',
          reason: 'ROLE_NOT_ALLOWED',
          field: 'Person.idNumber',
        },
      },
    ]);
    expect(logged).toEqual([]);
  });

  it("keeps the kit's BAD_USER_INPUT for a wallet id", async () => {
    const { result } = await ask('{ badWalletId }');
    expect(result.errors?.[0]).toMatchObject({
      message: 'Invalid wallet id in argument "id": checksum mismatch',
      extensions: { code: 'BAD_USER_INPUT', reason: 'CHECKSUM_MISMATCH' },
    });
  });

  it('replaces an allowed message that names an address, keeping code and details', async () => {
    const { result, logged } = await ask('{ forbiddenNamingItsDatabase }');
    expect(result.errors?.[0]).toMatchObject({
      message: 'This caller may not see this data',
      extensions: { code: 'FORBIDDEN', jurisdiction: 'FR', reason: 'ROLE_NOT_ALLOWED' },
    });
    expect(JSON.stringify(result)).not.toMatch(/postgres|5432/);
    expect(logged.map((entry) => entry.because)).toEqual(['LEAK_PATTERN']);
  });

  it('answers audit-log refusals in fixed words, without the judge or the store failure', async () => {
    const decided = await ask('{ alreadyDecided }');
    expect(decided.result.errors?.[0]).toMatchObject({
      message: 'This emergency review was already decided; a decision is final',
      path: ['alreadyDecided'],
      extensions: { code: 'BAD_USER_INPUT', reason: 'REVIEW_ALREADY_DECIDED' },
    });
    const down = await ask('{ auditStoreDown }');
    expect(down.result.errors?.[0]?.extensions).toEqual({ code: 'AUDIT_UNAVAILABLE' });
    expect(JSON.stringify([decided.result, down.result])).not.toContain(SECRET);
  });

  it('lets validation errors through', async () => {
    const { result } = await ask('{ nope }');
    expect(result.errors?.[0]).toMatchObject({
      message: 'Cannot query field "nope" on type "Query".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });
});
