import type { OrganizationRecord, PersonRecord } from '../../../core/records.js';
import type { Rng } from '../../kit/seed/createRng.js';
import { syntheticAddress, syntheticTown } from './syntheticAddress.js';

/** What each country's national id number is, as an IVMS101 nationalIdentifierType. */
const ID_TYPES: Readonly<Record<string, string>> = {
  // NIR, National Insurance number, SSN: social security numbers.
  FR: 'SOCS',
  GB: 'SOCS',
  US: 'SOCS',
};

/** An IVMS101 `Person` (`naturalPerson`) for a synthetic person, as their exchange knows them. */
export function toIvms101NaturalPerson(rng: Rng, person: PersonRecord): Record<string, unknown> {
  const country = person.nationality ?? 'SG';
  // Most customers of Singapore exchanges live in Singapore, whatever their nationality.
  const residence = rng.chance(0.6) ? 'SG' : country;
  return {
    naturalPerson: {
      name: [
        {
          nameIdentifier: [
            {
              primaryIdentifier: person.lastName ?? person.name,
              secondaryIdentifier: person.firstName ?? undefined,
              nameIdentifierType: 'LEGL',
            },
          ],
        },
      ],
      geographicAddress: [syntheticAddress(rng, residence, 'HOME')],
      nationalIdentification:
        person.idNumber === null
          ? undefined
          : {
              nationalIdentifier: person.idNumber,
              nationalIdentifierType: ID_TYPES[country] ?? 'IDCD',
              countryOfIssue: country,
            },
      customerIdentification: person.id,
      dateAndPlaceOfBirth:
        person.birthDate === null
          ? undefined
          : { dateOfBirth: person.birthDate, placeOfBirth: syntheticTown(rng, country) },
      countryOfResidence: residence,
    },
  };
}

/** An IVMS101 `Person` (`legalPerson`): the LEI where it has one, else its register number. */
export function toIvms101LegalPerson(
  rng: Rng,
  organization: OrganizationRecord,
): Record<string, unknown> {
  const country = organization.country ?? 'SG';
  return {
    legalPerson: {
      name: {
        nameIdentifier: [
          { legalPersonName: organization.name, legalPersonNameIdentifierType: 'LEGL' },
        ],
      },
      geographicAddress: [syntheticAddress(rng, country, 'BIZZ')],
      nationalIdentification:
        organization.lei !== null
          ? { nationalIdentifier: organization.lei, nationalIdentifierType: 'LEIX' }
          : organization.registrationNumber !== null
            ? {
                nationalIdentifier: organization.registrationNumber,
                nationalIdentifierType: 'RAID',
                countryOfIssue: country,
              }
            : undefined,
      customerNumber: organization.id,
      countryOfRegistration: country,
    },
  };
}
