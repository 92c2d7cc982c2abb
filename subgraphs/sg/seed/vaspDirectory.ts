import { createRng } from '../../kit/seed/createRng.js';
import { syntheticLei } from '../../kit/seed/syntheticOrganization.js';
import { syntheticAddress } from './syntheticAddress.js';

/** An exchange as it appears in `originatingVASP` / `beneficiaryVASP`. */
export interface SeedVasp {
  name: string;
  country: string;
  /** The IVMS101 `Person` (always a `legalPerson`). */
  person: Record<string, unknown>;
}

/**
 * Exchanges licensed in Singapore, and the foreign ones they most often send to and receive
 * from. The names are public; their LEIs and addresses here are synthetic.
 */
const SINGAPORE = [
  'Coinhako Pte. Ltd.',
  'Independent Reserve SG Pte. Ltd.',
  'Gemini Trust SG Pte. Ltd.',
  'DBS Digital Exchange Pte. Ltd.',
  'Upbit Singapore Pte. Ltd.',
  'Foris DAX Asia Pte. Ltd.',
  'Coinbase Singapore Pte. Ltd.',
  'OKX SG Pte. Ltd.',
];
const FOREIGN: readonly [name: string, country: string][] = [
  ['Bitstamp Europe S.A.', 'LU'],
  ['Bitpanda GmbH', 'AT'],
  ['Bitvavo B.V.', 'NL'],
  ['Boerse Stuttgart Digital Exchange GmbH', 'DE'],
  ['Coinhouse SAS', 'FR'],
  ['Payward Ltd', 'GB'],
  ['Coinbase, Inc.', 'US'],
  ['Gemini Trust Company, LLC', 'US'],
];

let directory: { singapore: readonly SeedVasp[]; foreign: readonly SeedVasp[] } | undefined;

/** The same VASPs, with the same LEIs, in every seed run. */
export function vaspDirectory(): { singapore: readonly SeedVasp[]; foreign: readonly SeedVasp[] } {
  if (directory) return directory;
  const rng = createRng('sg').fork('vasps');
  const vasp = (name: string, country: string): SeedVasp => {
    const own = rng.fork(name);
    return {
      name,
      country,
      person: {
        legalPerson: {
          name: {
            nameIdentifier: [{ legalPersonName: name, legalPersonNameIdentifierType: 'LEGL' }],
          },
          geographicAddress: [syntheticAddress(own, country, 'BIZZ')],
          nationalIdentification: {
            nationalIdentifier: syntheticLei(own),
            nationalIdentifierType: 'LEIX',
          },
          countryOfRegistration: country,
        },
      },
    };
  };
  directory = {
    singapore: SINGAPORE.map((name) => vasp(name, 'SG')),
    foreign: FOREIGN.map(([name, country]) => vasp(name, country)),
  };
  return directory;
}
