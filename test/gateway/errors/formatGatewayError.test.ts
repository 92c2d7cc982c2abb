import { GraphQLError, buildSchema, getVariableValues, parse } from 'graphql';
import type { GraphQLFormattedError, VariableDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { formatGatewayError } from '../../../gateway/errors/formatGatewayError.js';
import type { ErrorVerdict } from '../../../gateway/errors/formatGatewayError.js';
import { leaksInternals } from '../../../core/errors/leaksInternals.js';

// A secret no leak pattern knows: no address, no "key=", no SQL. A blocklist lets it through;
// only an allowlist of messages keeps it from the client.
const SECRET = 's3cr3t-Zeta-77';
const SECRET_MESSAGE = `registry key ${SECRET}`;

function format(message: string, extensions: Record<string, unknown>) {
  const formatted: GraphQLFormattedError = { message, path: ['fr'], extensions };
  const verdicts: ErrorVerdict[] = [];
  const result = formatGatewayError(formatted, new GraphQLError(message, { extensions }), (v) =>
    verdicts.push(v),
  );
  return { result, verdict: verdicts[0]! };
}

describe('formatGatewayError', () => {
  it('is attacked with a secret that no leak pattern catches', () => {
    expect(leaksInternals(SECRET_MESSAGE)).toBe(false);
  });

  const withheld: {
    name: string;
    extensions: Record<string, unknown>;
    code: string;
    message: string;
  }[] = [
    {
      name: 'INTERNAL_SERVER_ERROR from a subgraph',
      extensions: { code: 'INTERNAL_SERVER_ERROR', serviceName: 'fr' },
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Internal server error',
    },
    {
      name: 'INTERNAL_SERVER_ERROR raised in the gateway',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Internal server error',
    },
    {
      name: 'DOWNSTREAM_SERVICE_ERROR (no code from the subgraph)',
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'fr' },
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Internal server error',
    },
    {
      name: 'a code the subgraph invented',
      extensions: { code: 'DOWNSTREAM', serviceName: 'fr' },
      code: 'INTERNAL_SERVER_ERROR',
      message: 'Internal server error',
    },
    {
      name: 'SUBGRAPH_UNAVAILABLE claimed by a subgraph (only the gateway says that)',
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'fr' },
      code: 'SUBGRAPH_UNAVAILABLE',
      message: 'A jurisdiction could not be reached; the rest of the answer still arrives',
    },
    {
      name: 'GRAPHQL_VALIDATION_FAILED from a subgraph',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED', serviceName: 'fr' },
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: 'The operation is not valid against the schema',
    },
  ];

  it.each(withheld)('withholds the message of $name', ({ extensions, code, message }) => {
    const { result, verdict } = format(SECRET_MESSAGE, {
      ...extensions,
      reason: 'ROLE_NOT_ALLOWED',
      detail: SECRET,
    });
    expect(result.message).toBe(message);
    expect(result.extensions?.code).toBe(code);
    // A code not trusted with its message adds no details either.
    expect(result.extensions?.reason).toBeUndefined();
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(verdict.withheld).toBe(true);
    expect(JSON.stringify(verdict)).not.toContain(SECRET);
  });

  it('lets a FORBIDDEN message from a subgraph through, with its details', () => {
    const message = 'FR does not release Person.idNumber to this caller (ROLE_NOT_ALLOWED)';
    const { result, verdict } = format(message, {
      code: 'FORBIDDEN',
      serviceName: 'fr',
      jurisdiction: 'FR',
      reason: 'ROLE_NOT_ALLOWED',
      field: 'Person.idNumber',
      debug: SECRET,
    });
    expect(result).toEqual({
      message,
      path: ['fr'],
      extensions: {
        code: 'FORBIDDEN',
        jurisdiction: 'FR',
        reason: 'ROLE_NOT_ALLOWED',
        field: 'Person.idNumber',
      },
    });
    expect(verdict.withheld).toBe(false);
  });

  it("lets the gateway's own SUBGRAPH_TIMEOUT message through", () => {
    const message = 'SG did not answer within 500 ms; the rest of the answer still arrives';
    const { result } = format(message, {
      code: 'SUBGRAPH_TIMEOUT',
      jurisdiction: 'SG',
      reason: 'TIMEOUT',
    });
    expect(result.message).toBe(message);
    expect(result.extensions).toEqual({
      code: 'SUBGRAPH_TIMEOUT',
      jurisdiction: 'SG',
      reason: 'TIMEOUT',
    });
  });

  it('still withholds an allowed message that names an address, keeping the details', () => {
    const { result, verdict } = format('denied by http://10.0.0.5:4101/graphql', {
      code: 'FORBIDDEN',
      serviceName: 'fr',
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(result.message).toBe('This caller may not see this data');
    expect(result.extensions).toEqual({
      code: 'FORBIDDEN',
      jurisdiction: 'FR',
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(verdict.because).toBe('LEAK_PATTERN');
  });

  it('drops an extension that is free text rather than an identifier or a coordinate', () => {
    const { result } = format('FR does not release this field', {
      code: 'FORBIDDEN',
      serviceName: 'fr',
      jurisdiction: `FR ${SECRET}`,
      reason: SECRET_MESSAGE,
      field: `Person.idNumber ${SECRET}`,
    });
    expect(result.extensions).toEqual({ code: 'FORBIDDEN', jurisdiction: 'FR' });
  });

  it('repeats an unknown code in the verdict only when it reads as an identifier', () => {
    expect(format('x', { code: 'DOWNSTREAM_SERVICE_ERROR' }).verdict.originalCode).toBe(
      'DOWNSTREAM_SERVICE_ERROR',
    );
    expect(format('x', { code: SECRET_MESSAGE }).verdict.originalCode).toBeUndefined();
  });

  it('reports an operation limit under its own code and reason', () => {
    const inner = new GraphQLError('Query depth limit of 12 exceeded', {
      extensions: { code: 'OPERATION_LIMIT', reason: 'MAX_DEPTH' },
    });
    const error = new GraphQLError(inner.message, {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      originalError: inner,
    });
    const result = formatGatewayError(
      { message: inner.message, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } },
      error,
    );
    expect(result).toEqual({
      message: inner.message,
      extensions: { code: 'OPERATION_LIMIT', reason: 'MAX_DEPTH' },
    });
  });

  it("reports a variable graphql-js refuses as the caller's input, without its value", () => {
    // The message Apollo's gateway passes on, as graphql-js writes it for this very input.
    const schema = buildSchema(/* GraphQL */ `
      input Form {
        sub: Sub!
      }
      input Sub {
        offence: String!
        noticeDeferredUntil: String!
      }
      type Query {
        file(input: Form!): Boolean
      }
    `);
    const operation = parse('query ($input: Form!) { file(input: $input) }').definitions[0] as {
      variableDefinitions: readonly VariableDefinitionNode[];
    };
    const { errors } = getVariableValues(schema, operation.variableDefinitions, {
      input: { sub: { offence: 'Viktor Petrov laundered 5 BTC' } },
    });
    const [refusal] = errors!;
    const { result } = format(refusal!.message, {});
    expect(result.message).toBe(
      'Variable "$input" got an invalid value at "input.sub": Field "noticeDeferredUntil" of required type "String!" was not provided.',
    );
    expect(result.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_VARIABLE',
      inputPath: 'input.sub',
    });
    expect(JSON.stringify(result)).not.toContain('Petrov');
    // A subgraph's message of the same shape is not taken for the gateway's own.
    expect(format(refusal!.message, { serviceName: 'fr' }).result.extensions?.code).toBe(
      'INTERNAL_SERVER_ERROR',
    );
  });
});
