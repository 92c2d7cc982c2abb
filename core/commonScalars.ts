import { ErrorCode } from './errors/ErrorCode.js';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import type { ValueNode } from 'graphql';

import { MAX_WALLET_ID_LENGTH } from './identifiers/index.js';

function badInput(message: string, reason: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, reason } });
}

function stringLiteral(node: ValueNode, typeName: string): string {
  if (node.kind !== Kind.STRING) throw badInput(`${typeName} must be a string`, 'BAD_FORMAT');
  return node.value;
}

/**
 * WalletId accepts any string up to MAX_WALLET_ID_LENGTH on input and leaves normalisation
 * to the resolver layer (subgraphs/kit/normalizeWalletIdArguments.ts), which knows the
 * argument's name and so can say which argument was wrong and why.
 */
function parseWalletId(value: unknown): string {
  if (typeof value !== 'string') throw badInput('WalletId must be a string', 'BAD_FORMAT');
  if (value.length > MAX_WALLET_ID_LENGTH) {
    throw badInput(`WalletId is too long (max ${MAX_WALLET_ID_LENGTH} characters)`, 'TOO_LONG');
  }
  return value;
}

export const WalletIdScalar = new GraphQLScalarType({
  name: 'WalletId',
  serialize: (value) => String(value),
  parseValue: parseWalletId,
  parseLiteral: (node) => parseWalletId(stringLiteral(node, 'WalletId')),
});

function parseCountryCode(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z]{2}$/.test(value)) {
    throw badInput('CountryCode must be an ISO 3166-1 alpha-2 code such as "FR"', 'BAD_FORMAT');
  }
  return value.toUpperCase();
}

export const CountryCodeScalar = new GraphQLScalarType({
  name: 'CountryCode',
  serialize: (value) => String(value),
  parseValue: parseCountryCode,
  parseLiteral: (node) => parseCountryCode(stringLiteral(node, 'CountryCode')),
});

/** Output-only text scalars: values are produced by Comity, never read from callers. */
function outputOnly(name: string): GraphQLScalarType {
  return new GraphQLScalarType({
    name,
    serialize: (value) => String(value),
    parseValue: (value) => {
      if (typeof value !== 'string') throw badInput(`${name} must be a string`, 'BAD_FORMAT');
      return value;
    },
    parseLiteral: (node) => stringLiteral(node, name),
  });
}

export const DecimalScalar = outputOnly('Decimal');
export const DateTimeScalar = outputOnly('DateTime');

export const commonScalars = {
  WalletId: WalletIdScalar,
  CountryCode: CountryCodeScalar,
  Decimal: DecimalScalar,
  DateTime: DateTimeScalar,
};
