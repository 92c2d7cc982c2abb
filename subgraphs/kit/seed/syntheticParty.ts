import type { PartyRecord } from '../../../core/records.js';
import type { Rng } from './createRng.js';
import { syntheticOrganization } from './syntheticOrganization.js';
import { syntheticPerson } from './syntheticPerson.js';

/** A synthetic person (with probability `personShare`, default 0.7) or organisation. */
export function syntheticParty(rng: Rng, country: string, personShare = 0.7): PartyRecord {
  return rng.chance(personShare)
    ? syntheticPerson(rng, country)
    : syntheticOrganization(rng, country);
}
