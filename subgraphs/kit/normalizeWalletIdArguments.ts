import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { GraphQLError, defaultFieldResolver, getNamedType } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { ErrorCode } from '../../core/errors/ErrorCode.js';
import { WalletIdError, normalizeWalletId } from '../../core/identifiers/index.js';

/**
 * The BAD_USER_INPUT error for a wallet id that failed normalisation, naming where it came
 * from (`argument "id"`, `representation id`) and why ("checksum mismatch").
 */
export function walletIdInputError(where: string, error: unknown): GraphQLError {
  if (error instanceof WalletIdError) {
    return new GraphQLError(`Invalid wallet id in ${where}: ${error.message}`, {
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        reason: error.reason,
        ...(error.network ? { network: error.network } : {}),
      },
    });
  }
  return new GraphQLError(`Invalid wallet id in ${where}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, reason: 'BAD_FORMAT' },
  });
}

function normalizeOne(value: unknown, argument: string): string {
  try {
    return normalizeWalletId(value);
  } catch (error) {
    throw walletIdInputError(`argument "${argument}"`, error);
  }
}

/**
 * Wraps every field that takes a WalletId (or a list of them) so its resolver only ever sees
 * normalised CAIP-10 ids: normalisation happens once, at the edge, for every argument.
 */
export function normalizeWalletIdArguments(schema: GraphQLSchema): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (fieldConfig) => {
      const walletArgs = Object.entries(fieldConfig.args ?? {})
        .filter(([, arg]) => getNamedType(arg.type).name === 'WalletId')
        .map(([name]) => name);
      if (walletArgs.length === 0) return fieldConfig;
      const resolve = fieldConfig.resolve ?? defaultFieldResolver;
      return {
        ...fieldConfig,
        resolve(source, args, context, info) {
          const normalized: Record<string, unknown> = { ...args };
          for (const name of walletArgs) {
            const value = args[name];
            if (value === undefined || value === null) continue;
            normalized[name] = Array.isArray(value)
              ? value.map((item) => normalizeOne(item, name))
              : normalizeOne(value, name);
          }
          return resolve(source, normalized, context, info);
        },
      };
    },
  });
}
