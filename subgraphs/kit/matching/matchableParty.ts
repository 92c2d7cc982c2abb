import { normalizeIdentifier } from '../../../core/matching/MatchQuery.js';
import type { MatchableParty } from '../../../core/matching/MatchQuery.js';
import { normalizeName } from '../../../core/matching/normalizeName.js';
import type { NormalizedName } from '../../../core/matching/normalizeName.js';
import type { Ivms101PartyRecord, PartyRecord } from '../../../core/records.js';

const present = <T>(value: T | null | undefined): value is T =>
  value !== null && value !== undefined && value !== '';

export type NameNormalizer = (name: string, schema: MatchableParty['schema']) => NormalizedName;

function names(
  values: (string | null)[],
  schema: MatchableParty['schema'],
  normalize: NameNormalizer,
): NormalizedName[] {
  return values
    .filter(present)
    .map((value) => normalize(value, schema))
    .filter((name) => name.tokens.length > 0);
}

/**
 * A party of a member's records as the matcher reads it, whatever registry named it: a
 * person or organisation of an order or a listing, or an IVMS101 natural or legal person of a
 * travel-rule disclosure. `walletIds` are the record's wallets, which a wallet in a query
 * matches. An index passes a normaliser that shares the names its parties repeat.
 */
export function matchableParty(
  party: PartyRecord | Ivms101PartyRecord,
  walletIds: readonly string[],
  normalize: NameNormalizer = normalizeName,
): MatchableParty {
  if ('primaryIdentifier' in party) {
    const person = party.kind === 'NaturalPerson';
    const schema = person ? 'PERSON' : 'COMPANY';
    const fullName = person
      ? [party.secondaryIdentifier, party.primaryIdentifier].filter(present).join(' ')
      : party.primaryIdentifier;
    const lei = party.nationalIdentifierType === 'LEIX' ? party.nationalIdentifier : null;
    return {
      schema,
      names: names([fullName], schema, normalize),
      birthDate: party.dateOfBirth,
      nationality: party.country,
      identifiers: [party.nationalIdentifier].filter(present).map(normalizeIdentifier),
      lei: lei === null ? null : normalizeIdentifier(lei),
      addresses: names([party.addressLine], 'PERSON', normalize),
      wallets: walletIds,
    };
  }
  if (party.kind === 'Person') {
    return {
      schema: 'PERSON',
      names: names([party.name], 'PERSON', normalize),
      birthDate: party.birthDate,
      nationality: party.nationality,
      identifiers: [party.idNumber].filter(present).map(normalizeIdentifier),
      lei: null,
      addresses: [],
      wallets: walletIds,
    };
  }
  return {
    schema: 'COMPANY',
    names: names([party.name], 'COMPANY', normalize),
    birthDate: null,
    nationality: party.country,
    identifiers: [party.lei, party.registrationNumber].filter(present).map(normalizeIdentifier),
    lei: party.lei === null ? null : normalizeIdentifier(party.lei),
    addresses: [],
    wallets: walletIds,
  };
}
