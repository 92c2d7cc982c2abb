import type { CountryCode, Ivms101PartyRecord } from '../../../core/records.js';
import {
  FieldError,
  optionalCountry,
  optionalString,
  requireCountry,
  requireDate,
  requireOneOf,
  requireString,
} from '../../kit/registry/checkField.js';
import {
  ADDRESS_TYPES,
  LEGAL_PERSON_NAME_TYPES,
  NATIONAL_IDENTIFIER_TYPES,
  NATURAL_PERSON_NAME_TYPES,
} from './ivms101Codes.js';
import { isLei } from '../../../core/identifiers/lei.js';
import { requireNonEmptyArray, requireObject } from './requireObject.js';

/** An IVMS101 `Person`, flattened, plus what only some callers need. */
export interface Ivms101PersonFields {
  party: Ivms101PartyRecord;
  /** `nationalIdentification.countryOfIssue`. */
  countryOfIssue: CountryCode | null;
  /** `countryOfResidence` (natural person) or `countryOfRegistration` (legal person). */
  homeCountry: CountryCode | null;
}

/**
 * Reads one IVMS101 `Person` (`{ naturalPerson }` or `{ legalPerson }`) at `field`.
 *
 * IVMS101 gives a natural person `name` as a list of `NaturalPersonName` and a legal person
 * one `LegalPersonName`; implementations disagree (some send one object for both, some a
 * list for both), so either form is read. The name used is the first `LEGL` name identifier,
 * else the first one; every identifier's type must be a known IVMS101 code.
 */
export function readIvms101Person(value: unknown, field: string): Ivms101PersonFields {
  const person = requireObject(value, field);
  if (person.naturalPerson !== undefined && person.legalPerson !== undefined) {
    throw new FieldError(`field "${field}" must hold naturalPerson or legalPerson, not both`);
  }
  if (person.naturalPerson !== undefined) {
    return readNaturalPerson(person.naturalPerson, `${field}.naturalPerson`);
  }
  if (person.legalPerson !== undefined) {
    return readLegalPerson(person.legalPerson, `${field}.legalPerson`);
  }
  throw new FieldError(`missing field "${field}.naturalPerson" or "${field}.legalPerson"`);
}

function readNaturalPerson(value: unknown, field: string): Ivms101PersonFields {
  const person = requireObject(value, field);
  const identifiers = nameIdentifiers(person.name, `${field}.name`).map(({ value, field }) => {
    const identifier = requireObject(value, field);
    return {
      type: requireOneOf(
        identifier.nameIdentifierType,
        NATURAL_PERSON_NAME_TYPES,
        `${field}.nameIdentifierType`,
      ),
      primary: requireString(identifier.primaryIdentifier, `${field}.primaryIdentifier`),
      secondary: optionalString(identifier.secondaryIdentifier, `${field}.secondaryIdentifier`),
    };
  });
  const name = identifiers.find((identifier) => identifier.type === 'LEGL') ?? identifiers[0]!;
  const address = firstAddress(person.geographicAddress, `${field}.geographicAddress`);
  const identification = nationalIdentification(
    person.nationalIdentification,
    `${field}.nationalIdentification`,
  );
  let dateOfBirth: string | null = null;
  if (person.dateAndPlaceOfBirth !== undefined && person.dateAndPlaceOfBirth !== null) {
    const birth = requireObject(person.dateAndPlaceOfBirth, `${field}.dateAndPlaceOfBirth`);
    dateOfBirth = calendarDate(birth.dateOfBirth, `${field}.dateAndPlaceOfBirth.dateOfBirth`);
  }
  const residence = optionalCountry(person.countryOfResidence, `${field}.countryOfResidence`);
  return {
    party: {
      kind: 'NaturalPerson',
      primaryIdentifier: name.primary,
      secondaryIdentifier: name.secondary,
      addressLine: address?.line ?? null,
      country: address?.country ?? residence,
      dateOfBirth,
      nationalIdentifier: identification?.identifier ?? null,
      nationalIdentifierType: identification?.type ?? null,
      customerIdentification: optionalString(
        person.customerIdentification,
        `${field}.customerIdentification`,
      ),
    },
    countryOfIssue: identification?.countryOfIssue ?? null,
    homeCountry: residence,
  };
}

function readLegalPerson(value: unknown, field: string): Ivms101PersonFields {
  const person = requireObject(value, field);
  const identifiers = nameIdentifiers(person.name, `${field}.name`).map(({ value, field }) => {
    const identifier = requireObject(value, field);
    return {
      type: requireOneOf(
        identifier.legalPersonNameIdentifierType,
        LEGAL_PERSON_NAME_TYPES,
        `${field}.legalPersonNameIdentifierType`,
      ),
      name: requireString(identifier.legalPersonName, `${field}.legalPersonName`),
    };
  });
  const name = identifiers.find((identifier) => identifier.type === 'LEGL') ?? identifiers[0]!;
  const address = firstAddress(person.geographicAddress, `${field}.geographicAddress`);
  const identification = nationalIdentification(
    person.nationalIdentification,
    `${field}.nationalIdentification`,
  );
  const registration = optionalCountry(
    person.countryOfRegistration,
    `${field}.countryOfRegistration`,
  );
  return {
    party: {
      kind: 'LegalPerson',
      primaryIdentifier: name.name,
      secondaryIdentifier: null,
      addressLine: address?.line ?? null,
      country: address?.country ?? registration,
      dateOfBirth: null,
      nationalIdentifier: identification?.identifier ?? null,
      nationalIdentifierType: identification?.type ?? null,
      // IVMS101 calls the institution's own id of a legal person `customerNumber`.
      customerIdentification: optionalString(person.customerNumber, `${field}.customerNumber`),
    },
    countryOfIssue: identification?.countryOfIssue ?? null,
    homeCountry: registration,
  };
}

/** The `nameIdentifier` entries of a `name` given as one object or as a list of them. */
function nameIdentifiers(value: unknown, field: string): { value: unknown; field: string }[] {
  const names = Array.isArray(value)
    ? requireNonEmptyArray(value, field).map((name, index) => ({
        name,
        field: `${field}[${index}]`,
      }))
    : [{ name: value, field }];
  return names.flatMap(({ name, field }) =>
    requireNonEmptyArray(requireObject(name, field).nameIdentifier, `${field}.nameIdentifier`).map(
      (identifier, index) => ({ value: identifier, field: `${field}.nameIdentifier[${index}]` }),
    ),
  );
}

interface RenderedAddress {
  line: string;
  country: CountryCode;
}

/** Every address is checked; the first one is the one shown. */
function firstAddress(value: unknown, field: string): RenderedAddress | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new FieldError(`field "${field}" must be a list`);
  const addresses = value.map((address, index) => readAddress(address, `${field}[${index}]`));
  return addresses[0] ?? null;
}

/**
 * IVMS101 constraint ValidAddress: an address has a type and a country, and either free
 * `addressLine`s or a structured street address (streetName with buildingNumber or
 * buildingName, in a townName).
 */
function readAddress(value: unknown, field: string): RenderedAddress {
  const address = requireObject(value, field);
  const bad = (reason: string) => new FieldError(`bad address in "${field}": ${reason}`);
  if (!ADDRESS_TYPES.includes(address.addressType as (typeof ADDRESS_TYPES)[number])) {
    throw bad(
      `addressType ${JSON.stringify(address.addressType)} is not one of ${ADDRESS_TYPES.join(', ')}`,
    );
  }
  let country: string;
  try {
    country = requireCountry(address.country, `${field}.country`);
  } catch (error) {
    throw bad((error as Error).message);
  }
  const text = (key: string): string | null => {
    const part = address[key];
    if (part === undefined || part === null || part === '') return null;
    if (typeof part !== 'string') throw bad(`${key} must be a string`);
    return part.trim() === '' ? null : part.trim();
  };
  if (address.addressLine !== undefined && address.addressLine !== null) {
    const lines = address.addressLine;
    if (!Array.isArray(lines) || lines.some((line) => typeof line !== 'string')) {
      throw bad('addressLine must be a list of strings');
    }
    const filled = (lines as string[]).map((line) => line.trim()).filter((line) => line !== '');
    if (filled.length > 0) return { line: filled.join(', '), country };
  }
  const street = text('streetName');
  const building = text('buildingNumber');
  const buildingName = text('buildingName');
  const town = text('townName');
  if (street === null || (building === null && buildingName === null) || town === null) {
    throw bad('needs addressLine, or streetName with buildingNumber or buildingName and townName');
  }
  const parts = [
    building === null ? street : `${building} ${street}`,
    buildingName,
    text('floor') === null ? null : `floor ${text('floor')}`,
    text('room') === null ? null : `room ${text('room')}`,
    text('postBox') === null ? null : `PO Box ${text('postBox')}`,
    [text('postCode'), town].filter((part) => part !== null).join(' '),
    text('countrySubDivision'),
  ];
  return { line: parts.filter((part) => part !== null).join(', '), country };
}

function nationalIdentification(
  value: unknown,
  field: string,
): { identifier: string; type: string; countryOfIssue: string | null } | null {
  if (value === undefined || value === null) return null;
  const identification = requireObject(value, field);
  const identifier = requireString(
    identification.nationalIdentifier,
    `${field}.nationalIdentifier`,
  );
  const type = requireOneOf(
    identification.nationalIdentifierType,
    NATIONAL_IDENTIFIER_TYPES,
    `${field}.nationalIdentifierType`,
  );
  if (type === 'LEIX' && !isLei(identifier)) {
    throw new FieldError(
      `bad LEI in "${field}.nationalIdentifier": ${JSON.stringify(identifier)} (ISO 17442)`,
    );
  }
  return {
    identifier,
    type,
    countryOfIssue: optionalCountry(identification.countryOfIssue, `${field}.countryOfIssue`),
  };
}

/** IVMS101 dates of birth are calendar dates (`YYYY-MM-DD`), never date-times. */
function calendarDate(value: unknown, field: string): string {
  const date = requireDate(value, field);
  if (date.length !== 10) {
    throw new FieldError(`bad date in "${field}": ${JSON.stringify(value)} is not YYYY-MM-DD`);
  }
  return date;
}
