import type { MatchSchema, NormalizedName } from './normalizeName.js';

/**
 * A FollowTheMoney-shaped `Person` or `Company` to look for, checked and normalised
 * (parseMatchQuery): what every member matches its own parties against.
 */
export interface MatchQuery {
  schema: MatchSchema;
  names: readonly NormalizedName[];
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: as precise as the caller knows it. */
  birthDate: string | null;
  /** ISO 3166-1 alpha-2: a person's nationality, a company's jurisdiction. */
  nationality: string | null;
  /** National identity numbers and register numbers, normalised (normalizeIdentifier). */
  idNumbers: readonly string[];
  /** ISO 17442, checked. */
  lei: string | null;
  addresses: readonly NormalizedName[];
  /** CAIP-10, normalised. */
  wallets: readonly string[];
}

/** What a member's index keeps of one party a record names, in the same normal forms. */
export interface MatchableParty {
  schema: MatchSchema;
  names: readonly NormalizedName[];
  birthDate: string | null;
  nationality: string | null;
  /** Identity, register and LEI numbers, normalised. */
  identifiers: readonly string[];
  lei: string | null;
  addresses: readonly NormalizedName[];
  wallets: readonly string[];
}

/** Identifiers compare without case, spaces, dashes or dots (`12 34-56` is `123456`). */
export function normalizeIdentifier(value: string): string {
  return value.toUpperCase().replace(/[^0-9A-Z]/g, '');
}
