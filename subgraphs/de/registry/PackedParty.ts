import type { PartyRecord } from '../../../core/records.js';

/** The FtM schemata a Sanction's party can have. */
export type PartySchema = 'Person' | 'Company' | 'Organization';

/** A party kept between lookups: the record's values in a JSON array, keys implied. */
export type PackedParty =
  | [
      kind: 'Person',
      id: string,
      name: string,
      firstName: string | null,
      lastName: string | null,
      birthDate: string | null,
      nationality: string | null,
      idNumber: string | null,
    ]
  | [
      kind: 'Organization',
      id: string,
      name: string,
      lei: string | null,
      country: string | null,
      registrationNumber: string | null,
    ];

/** The party record a packed party's JSON stands for. */
export function unpackParty(json: string): PartyRecord {
  const packed = JSON.parse(json) as PackedParty;
  if (packed[0] === 'Person') {
    const [kind, id, name, firstName, lastName, birthDate, nationality, idNumber] = packed;
    return { kind, id, name, firstName, lastName, birthDate, nationality, idNumber };
  }
  const [kind, id, name, lei, country, registrationNumber] = packed;
  return { kind, id, name, lei, country, registrationNumber };
}
