import type { PartyRecord, WatchlistEntryRecord } from '../../../core/records.js';
import {
  FieldError,
  optionalDate,
  optionalString,
  requireArray,
  requireDate,
  requireString,
  requireWalletId,
} from '../../kit/registry/checkField.js';
import { readIvms101Person } from './readIvms101Person.js';
import { readProvenance } from './readProvenance.js';
import { WATCHLIST_REGISTRY_NAME } from './registryNames.js';
import { requireNonEmptyArray, requireObject } from './requireObject.js';

/**
 * One wallet-of-interest report, one JSON document per entry. Exchanges report the subject
 * the way they already describe customers for the travel rule — an IVMS101 `Person` and its
 * `accountNumber`s — and the envelope adds the listing (FollowTheMoney `Sanction` fields)
 * and provenance:
 *
 * ```json
 * {
 *   "id": "SG-WL-0000001",
 *   "listing": {
 *     "authority": "Monetary Authority of Singapore",
 *     "program": "MAS Notice PSN02 suspicious wallet list",
 *     "provisions": ["PSN02 para 13.3"], "reason": "…",
 *     "listingDate": "2023-02-14", "startDate": "2023-02-14", "endDate": null,
 *     "sourceUrl": null
 *   },
 *   "provenance": { "handlingCode": "H1", "sourceReliability": "B",
 *                   "informationAccuracy": 2, "lastUpdated": "2023-02-14T00:00:00Z" },
 *   "ivms101": {
 *     "subject": { "naturalPerson": {…} } | { "legalPerson": {…} },
 *     "accountNumber": ["eip155:1:0x…", "btc:bc1q…"]
 *   }
 * }
 * ```
 *
 * Account numbers follow the disclosure rule: CAIP-10 or a chain alias, normalised to
 * CAIP-10. The subject's id is its `customerIdentification` (`customerNumber` for a legal
 * person) where the reporting exchange gave one, else derived from the entry id.
 */
export function mapWatchlistDocument(document: unknown): WatchlistEntryRecord {
  const root = requireObject(document, 'document');
  const id = requireString(root.id, 'id');
  const provenance = readProvenance(root.provenance, WATCHLIST_REGISTRY_NAME, id);
  const listing = requireObject(root.listing, 'listing');
  const payload = requireObject(root.ivms101, 'ivms101');
  const walletIds = requireNonEmptyArray(payload.accountNumber, 'ivms101.accountNumber').map(
    (account, index) => requireWalletId(account, `ivms101.accountNumber[${index}]`),
  );
  const provisions =
    listing.provisions === undefined || listing.provisions === null
      ? []
      : requireArray(listing.provisions, 'listing.provisions').map((provision, index) =>
          requireString(provision, `listing.provisions[${index}]`),
        );
  const startDate = optionalDate(listing.startDate, 'listing.startDate');
  const endDate = optionalDate(listing.endDate, 'listing.endDate');
  if (startDate !== null && endDate !== null && endDate < startDate) {
    throw new FieldError(`bad date in "listing.endDate": ${endDate} is before ${startDate}`);
  }
  return {
    id,
    provenance,
    authority: requireString(listing.authority, 'listing.authority'),
    program: requireString(listing.program, 'listing.program'),
    provisions,
    reason: requireString(listing.reason, 'listing.reason'),
    listingDate: requireDate(listing.listingDate, 'listing.listingDate'),
    startDate,
    endDate,
    sourceUrl: optionalString(listing.sourceUrl, 'listing.sourceUrl'),
    subject: subject(payload.subject, id),
    walletIds: [...new Set(walletIds)],
  };
}

function subject(value: unknown, entryId: string): PartyRecord {
  const { party, countryOfIssue, homeCountry } = readIvms101Person(value, 'ivms101.subject');
  const id = party.customerIdentification ?? `${entryId}/subject`;
  if (party.kind === 'NaturalPerson') {
    const firstName = party.secondaryIdentifier;
    const lastName = party.primaryIdentifier;
    return {
      kind: 'Person',
      id,
      name: firstName === null ? lastName : `${firstName} ${lastName}`,
      firstName,
      lastName,
      birthDate: party.dateOfBirth,
      // IVMS101 has no nationality; the issuing country of the national id is its proxy.
      nationality: countryOfIssue,
      idNumber: party.nationalIdentifier,
    };
  }
  const isLei = party.nationalIdentifierType === 'LEIX';
  return {
    kind: 'Organization',
    id,
    name: party.primaryIdentifier,
    lei: isLei ? party.nationalIdentifier : null,
    country: homeCountry ?? party.country,
    registrationNumber: isLei ? null : party.nationalIdentifier,
  };
}
