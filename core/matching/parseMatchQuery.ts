import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/ErrorCode.js';
import { WalletIdError, normalizeWalletId } from '../identifiers/index.js';
import { isLei } from '../identifiers/lei.js';
import { isCountryCode } from '../policy/countries.js';
import {
  DEFAULT_MATCH_LIMIT,
  DEFAULT_MATCH_THRESHOLD,
  MAX_MATCH_LIMIT,
} from './matchingDefaults.js';
import { normalizeIdentifier } from './MatchQuery.js';
import type { MatchQuery } from './MatchQuery.js';
import { normalizeName } from './normalizeName.js';
import type { MatchSchema } from './normalizeName.js';

/** The `PartyMatchQuery` input as GraphQL hands it over. */
export interface PartyMatchQueryInput {
  schema: MatchSchema;
  names?: readonly string[] | null;
  birthDate?: string | null;
  nationality?: string | null;
  idNumbers?: readonly string[] | null;
  lei?: string | null;
  addresses?: readonly string[] | null;
  wallets?: readonly string[] | null;
}

/** Values of one list field a query may carry, and the length of each. */
const MAX_VALUES = 10;
const MAX_TEXT_LENGTH = 200;
const BIRTH_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A BAD_USER_INPUT naming the input path and the reason. The message never repeats the value:
 * the query is personal data, and error messages are logged.
 */
export function matchInputError(inputPath: string, reason: string, message: string): GraphQLError {
  return new GraphQLError(`Invalid ${inputPath}: ${message}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, reason, inputPath },
  });
}

function texts(values: readonly string[] | null | undefined, path: string): string[] {
  const list = values ?? [];
  if (list.length > MAX_VALUES) {
    throw matchInputError(path, 'TOO_MANY_VALUES', `at most ${MAX_VALUES} values`);
  }
  return list.map((value, index) => {
    const text = value.trim();
    if (text === '') throw matchInputError(`${path}[${index}]`, 'EMPTY', 'empty value');
    if (text.length > MAX_TEXT_LENGTH) {
      throw matchInputError(
        `${path}[${index}]`,
        'TOO_LONG',
        `at most ${MAX_TEXT_LENGTH} characters`,
      );
    }
    return text;
  });
}

function birthDate(value: string | null | undefined, path: string): string | null {
  if (value === null || value === undefined) return null;
  const parts = BIRTH_DATE.exec(value.trim());
  const [year, month, day] = parts
    ? parts.slice(1).map((part) => (part ? Number(part) : null))
    : [];
  const valid =
    parts !== null &&
    year! >= 1900 &&
    (month === null || (month! >= 1 && month! <= 12)) &&
    (day === null || (day! >= 1 && day! <= new Date(Date.UTC(year!, month!, 0)).getUTCDate()));
  if (!valid) {
    throw matchInputError(path, 'BAD_DATE', 'a date as YYYY, YYYY-MM or YYYY-MM-DD from 1900');
  }
  return value.trim();
}

/**
 * Checks and normalises a match query: names romanised and tokenised, identifiers folded,
 * the LEI's check digits verified, the country an ISO 3166-1 code, every wallet normalised to
 * CAIP-10. A query needs a name or an identifier. `path` prefixes the input paths of errors
 * (`query`, `queries[3]`).
 */
export function parseMatchQuery(input: PartyMatchQueryInput, path = 'query'): MatchQuery {
  const names = texts(input.names, `${path}.names`);
  const idNumbers = texts(input.idNumbers, `${path}.idNumbers`).map(normalizeIdentifier);
  const addresses = texts(input.addresses, `${path}.addresses`);
  const wallets = texts(input.wallets, `${path}.wallets`).map((wallet, index) => {
    try {
      return normalizeWalletId(wallet);
    } catch (error) {
      const reason = error instanceof WalletIdError ? error.reason : 'BAD_FORMAT';
      throw matchInputError(`${path}.wallets[${index}]`, reason, 'not a wallet id Comity reads');
    }
  });
  let lei: string | null = null;
  if (input.lei !== null && input.lei !== undefined) {
    lei = input.lei.trim().toUpperCase();
    if (!isLei(lei)) throw matchInputError(`${path}.lei`, 'BAD_LEI', 'not an ISO 17442 LEI');
  }
  let nationality: string | null = null;
  if (input.nationality !== null && input.nationality !== undefined) {
    nationality = input.nationality.trim().toUpperCase();
    if (!isCountryCode(nationality)) {
      throw matchInputError(`${path}.nationality`, 'BAD_COUNTRY', 'not an ISO 3166-1 alpha-2 code');
    }
  }
  const normalizedNames = names
    .map((name) => normalizeName(name, input.schema))
    .filter((name) => name.tokens.length > 0);
  if (
    normalizedNames.length === 0 &&
    idNumbers.length === 0 &&
    lei === null &&
    wallets.length === 0
  ) {
    throw matchInputError(
      path,
      'NAME_OR_IDENTIFIER_REQUIRED',
      'a query needs a name, or an id number, LEI or wallet',
    );
  }
  return {
    schema: input.schema,
    names: normalizedNames,
    birthDate: birthDate(input.birthDate, `${path}.birthDate`),
    nationality,
    idNumbers,
    lei,
    addresses: addresses.map((address) => normalizeName(address, 'PERSON')),
    wallets,
  };
}

/** A threshold from 0 to 1; default DEFAULT_MATCH_THRESHOLD. */
export function parseThreshold(value: number | null | undefined): number {
  if (value === null || value === undefined) return DEFAULT_MATCH_THRESHOLD;
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw matchInputError('threshold', 'OUT_OF_RANGE', 'a number from 0 to 1');
  }
  return value;
}

/** Candidates per member, 1 to MAX_MATCH_LIMIT; default DEFAULT_MATCH_LIMIT. */
export function parseLimit(value: number | null | undefined): number {
  if (value === null || value === undefined) return DEFAULT_MATCH_LIMIT;
  if (!Number.isInteger(value) || value < 1 || value > MAX_MATCH_LIMIT) {
    throw matchInputError('limit', 'OUT_OF_RANGE', `a whole number from 1 to ${MAX_MATCH_LIMIT}`);
  }
  return value;
}
