import canonicalize from 'canonicalize';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../core/errors/ErrorCode.js';
import { normalizeWalletId, WalletIdError } from '../../core/identifiers/index.js';
import {
  DEFAULT_MAX_SCREENED_PARTIES,
  DEFAULT_MAX_SCREENED_WALLETS,
} from '../../core/matching/matchingDefaults.js';
import {
  parseLimit,
  parseMatchQuery,
  parseThreshold,
} from '../../core/matching/parseMatchQuery.js';
import type { PartyMatchQueryInput } from '../../core/matching/parseMatchQuery.js';

/** What a member reads back from a `PartyMatchSearch` key. */
export interface PartyMatchSearchKey {
  query: PartyMatchQueryInput;
  threshold: number;
  limit: number;
}

export interface ScreeningLimits {
  /** Wallet ids per `screenWallets`; `COMITY_SCREEN_MAX_WALLETS`, default 10,000. */
  maxWallets: number;
  /** Queries per `screenParties`; `COMITY_SCREEN_MAX_PARTIES`, default 500. */
  maxParties: number;
}

function positiveSetting(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new Error(`${name} must be a positive integer, got "${value}"`);
  }
  return parsed;
}

/** The hub's batch limits from the environment; each member may still refuse more. */
export function screeningLimits(env: NodeJS.ProcessEnv = process.env): ScreeningLimits {
  return {
    maxWallets: positiveSetting(
      'COMITY_SCREEN_MAX_WALLETS',
      env.COMITY_SCREEN_MAX_WALLETS,
      DEFAULT_MAX_SCREENED_WALLETS,
    ),
    maxParties: positiveSetting(
      'COMITY_SCREEN_MAX_PARTIES',
      env.COMITY_SCREEN_MAX_PARTIES,
      DEFAULT_MAX_SCREENED_PARTIES,
    ),
  };
}

interface ScreeningError {
  code: string;
  reason: string;
  inputPath: string;
  message: string;
}

function batchTooLarge(argument: string, max: number): GraphQLError {
  return new GraphQLError(`At most ${max} items may be screened in one request`, {
    extensions: {
      code: ErrorCode.BAD_USER_INPUT,
      reason: 'BATCH_TOO_LARGE',
      argumentName: argument,
    },
  });
}

function screeningError(error: unknown, inputPath: string): ScreeningError {
  if (error instanceof GraphQLError && error.extensions.code === ErrorCode.BAD_USER_INPUT) {
    return {
      code: ErrorCode.BAD_USER_INPUT,
      reason: String(error.extensions.reason ?? 'BAD_FORMAT'),
      inputPath: String(error.extensions.inputPath ?? inputPath),
      message: error.message,
    };
  }
  throw error;
}

/**
 * The key of a match search: the query checked here (so a bad one costs no member a call)
 * and written as canonical JSON, so equal queries are one entity. Members check it again.
 */
function searchKey(
  query: PartyMatchQueryInput,
  threshold: number | null | undefined,
  limit: number | null | undefined,
  path: string,
): { key: string } {
  parseMatchQuery(query, path);
  const key: PartyMatchSearchKey = {
    query,
    threshold: parseThreshold(threshold),
    limit: parseLimit(limit),
  };
  return { key: canonicalize(key)! };
}

/**
 * The directory's entry points for matching and screening. It checks and normalises the
 * input and hands each member an entity to contribute its field to, so the query planner
 * sends one `_entities` call per member for a whole batch. It stores nothing.
 */
export function matchingResolvers(limits: ScreeningLimits) {
  return {
    partyMatches: (
      _: unknown,
      args: { query: PartyMatchQueryInput; threshold?: number | null; limit?: number | null },
    ) => searchKey(args.query, args.threshold, args.limit, 'query'),
    screenWallets: (_: unknown, args: { ids: string[] }) => {
      if (args.ids.length > limits.maxWallets) throw batchTooLarge('ids', limits.maxWallets);
      return args.ids.map((input, index) => {
        try {
          return { input, wallet: { id: normalizeWalletId(input) }, error: null };
        } catch (error) {
          const reason = error instanceof WalletIdError ? error.reason : 'BAD_FORMAT';
          return {
            input,
            wallet: null,
            error: {
              code: ErrorCode.BAD_USER_INPUT,
              reason,
              inputPath: `ids[${index}]`,
              message: error instanceof WalletIdError ? error.message : 'not a wallet id',
            },
          };
        }
      });
    },
    screenParties: (
      _: unknown,
      args: { queries: PartyMatchQueryInput[]; threshold?: number | null; limit?: number | null },
    ) => {
      if (args.queries.length > limits.maxParties) {
        throw batchTooLarge('queries', limits.maxParties);
      }
      // Threshold and limit apply to the whole batch: refused once, not per item.
      parseThreshold(args.threshold);
      parseLimit(args.limit);
      return args.queries.map((query, index) => {
        try {
          return {
            index,
            search: searchKey(query, args.threshold, args.limit, `queries[${index}]`),
            error: null,
          };
        } catch (error) {
          return { index, search: null, error: screeningError(error, `queries[${index}]`) };
        }
      });
    },
  };
}
