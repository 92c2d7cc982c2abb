/**
 * Code lists of the interVASP Messaging Standard IVMS101 (2020), by the JSON field they
 * constrain. A document using any other code is rejected: a code we do not know is a name
 * or an identifier we cannot interpret, and guessing would misattribute a transfer.
 */

/** `NaturalPersonNameId.nameIdentifierType`: alias, birth, maiden, legal, miscellaneous. */
export const NATURAL_PERSON_NAME_TYPES = ['ALIA', 'BIRT', 'MAID', 'LEGL', 'MISC'] as const;
/** `LegalPersonNameId.legalPersonNameIdentifierType`: legal, short, trading. */
export const LEGAL_PERSON_NAME_TYPES = ['LEGL', 'SHRT', 'TRAD'] as const;
/** `Address.addressType`: residential, business, geographic. */
export const ADDRESS_TYPES = ['HOME', 'BIZZ', 'GEOG'] as const;
/** `NationalIdentification.nationalIdentifierType`; LEIX is an ISO 17442 LEI. */
export const NATIONAL_IDENTIFIER_TYPES = [
  'ARNU',
  'CCPT',
  'RAID',
  'DRLC',
  'FIIN',
  'TXID',
  'SOCS',
  'IDCD',
  'LEIX',
  'MISC',
] as const;
