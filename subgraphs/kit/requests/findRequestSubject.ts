import { pseudonym } from '../../../core/policy/pseudonym.js';
import type { Ivms101PartyRecord, PartyRecord } from '../../../core/records.js';
import type { RequestSubject } from './CrossBorderRequest.js';
import { everyParty } from '../registry/everyParty.js';
import type { JurisdictionRegistries } from '../registry/types.js';

function fromParty(party: PartyRecord): RequestSubject {
  return party.kind === 'Person'
    ? {
        name: party.name,
        firstName: party.firstName,
        lastName: party.lastName,
        birthDate: party.birthDate,
        nationality: party.nationality,
        idNumber: party.idNumber,
      }
    : {
        name: party.name,
        firstName: null,
        lastName: null,
        birthDate: null,
        nationality: party.country,
        idNumber: party.lei,
      };
}

function fromIvms101(person: Ivms101PartyRecord): RequestSubject {
  const natural = person.kind === 'NaturalPerson';
  return {
    name: natural
      ? [person.secondaryIdentifier, person.primaryIdentifier].filter(Boolean).join(' ')
      : person.primaryIdentifier,
    firstName: natural ? person.secondaryIdentifier : null,
    lastName: natural ? person.primaryIdentifier : null,
    birthDate: person.dateOfBirth,
    nationality: person.country,
    idNumber: person.nationalIdentifier,
  };
}

/**
 * The values a member may have given a case as pseudonyms of a person: the fields its
 * policies pseudonymise (ids, names, identity numbers).
 */
export function pseudonymisedValues(party: PartyRecord | Ivms101PartyRecord): string[] {
  if ('primaryIdentifier' in party) {
    return [
      party.primaryIdentifier,
      party.secondaryIdentifier,
      party.nationalIdentifier,
      party.customerIdentification,
    ].filter((value): value is string => Boolean(value));
  }
  return [
    party.id,
    party.name,
    ...(party.kind === 'Person' ? [party.firstName, party.lastName, party.idNumber] : [party.lei]),
  ].filter((value): value is string => Boolean(value));
}

/** The party of the first record that lists the wallet, by the registries' wallet lookups. */
async function partyOfWallet(
  registries: JurisdictionRegistries,
  wallet: string,
): Promise<RequestSubject | null> {
  const { assets, watchlist, disclosures } = registries;
  const [frozen, confiscated, listed, disclosed] = await Promise.all([
    assets ? assets.freezingOrdersByWallets([wallet]) : [[]],
    assets ? assets.confiscationOrdersByWallets([wallet]) : [[]],
    watchlist ? watchlist.entriesByWallets([wallet]) : [[]],
    disclosures ? disclosures.disclosuresByWallets([wallet]) : [[]],
  ]);
  for (const order of [...frozen[0]!, ...confiscated[0]!]) {
    if (order.affectedParty) return fromParty(order.affectedParty);
  }
  for (const entry of listed[0]!) return fromParty(entry.subject);
  for (const disclosure of disclosed[0]!) {
    const side = disclosure.originator.accountNumbers.includes(wallet)
      ? disclosure.originator
      : disclosure.beneficiary;
    if (side.persons[0]) return fromIvms101(side.persons[0]);
  }
  return null;
}

/**
 * Who is behind a de-anonymisation's pseudonym or wallet, in the member's own registries.
 * A `psn_…` pseudonym is one-way (keyed HMAC of the case): the member, holding the key and
 * the values, finds it by recomputing it over the parties it holds. A wallet names the party
 * of the first record that lists it. Null when the member holds no such party.
 */
export async function findRequestSubject(
  registries: JurisdictionRegistries,
  target: { pseudonym: string | null; wallet: string | null },
  caseKey: Uint8Array,
): Promise<RequestSubject | null> {
  if (target.wallet !== null) return partyOfWallet(registries, target.wallet);
  if (target.pseudonym === null) return null;
  for await (const { party } of everyParty(registries)) {
    for (const value of pseudonymisedValues(party)) {
      if (pseudonym(value, caseKey) === target.pseudonym) {
        return 'primaryIdentifier' in party ? fromIvms101(party) : fromParty(party);
      }
    }
  }
  return null;
}
