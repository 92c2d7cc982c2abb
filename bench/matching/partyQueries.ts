import type { PartyMatchQueryInput } from '../../core/matching/parseMatchQuery.js';
import { createRng } from '../../subgraphs/kit/seed/createRng.js';
import { matchingIdentities } from '../../subgraphs/kit/seed/matchingParties.js';
import { syntheticOrganization } from '../../subgraphs/kit/seed/syntheticOrganization.js';
import { syntheticPerson } from '../../subgraphs/kit/seed/syntheticPerson.js';

/** Party queries as analysts type them: every seeded cross-member identity, then strangers. */
export function partyQueries(count: number): PartyMatchQueryInput[] {
  const queries: PartyMatchQueryInput[] = matchingIdentities().map(({ reference }) =>
    reference.kind === 'Person'
      ? {
          schema: 'PERSON',
          names: [reference.name],
          ...(reference.birthDate ? { birthDate: reference.birthDate } : {}),
          ...(reference.nationality ? { nationality: reference.nationality } : {}),
        }
      : {
          schema: 'COMPANY',
          names: [reference.name],
          ...(reference.lei ? { lei: reference.lei } : {}),
        },
  );
  const rng = createRng('bench-matching-queries');
  for (let i = 0; queries.length < count; i++) {
    const country = rng.pick(['DE', 'FR', 'SG', 'RU', 'TR', 'GB']);
    if (i % 4 === 3) {
      queries.push({ schema: 'COMPANY', names: [syntheticOrganization(rng, country).name] });
    } else {
      const person = syntheticPerson(rng, country);
      queries.push({ schema: 'PERSON', names: [person.name], nationality: country });
    }
  }
  return queries.slice(0, count);
}
