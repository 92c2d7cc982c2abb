import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError } from 'graphql';

const NAME = /^[A-Za-z_$][\w$]{0,63}$/;
const CODE = /^[A-Za-z0-9_]{1,64}$/;

/**
 * What may be logged about something thrown: its class (`Error`, `TypeError`) and its code (a
 * SQLSTATE, ECONNREFUSED, a GraphQL code), each only if it reads as an identifier. Never the
 * message or the stack, which can carry SQL, an internal address or a withheld value.
 */
export function thrownClassAndCode(error: unknown): {
  errorName: string;
  errorCode: string | undefined;
} {
  const thrown = unwrapResolverError(error);
  const name = thrown instanceof Error ? thrown.name : typeof thrown;
  const code =
    thrown instanceof GraphQLError
      ? thrown.extensions.code
      : (thrown as { code?: unknown } | null)?.code;
  return {
    errorName: NAME.test(name) ? name : 'Error',
    errorCode: typeof code === 'string' && CODE.test(code) ? code : undefined,
  };
}
