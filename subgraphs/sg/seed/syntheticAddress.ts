import type { Rng } from '../../kit/seed/createRng.js';

interface CountryPlaces {
  towns: readonly string[];
  streets: readonly string[];
  postCode(rng: Rng): string;
}

const digits = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => String(rng.int(0, 9))).join('');

const PLACES: Readonly<Record<string, CountryPlaces>> = {
  SG: {
    towns: ['Singapore'],
    streets: [
      'Orchard Road',
      'Raffles Place',
      'Tanjong Pagar Road',
      'Serangoon Road',
      'Bukit Timah Road',
      'Tampines Avenue 5',
      'Jurong West Street 41',
      'Marina Boulevard',
      'Ang Mo Kio Avenue 3',
      'Cecil Street',
    ],
    postCode: (rng) => digits(rng, 6),
  },
  CN: {
    towns: ['Shanghai', 'Shenzhen', 'Beijing', 'Guangzhou', 'Hangzhou'],
    streets: ['Nanjing Road', 'Shennan Avenue', 'Jianguo Road', 'Tianhe Road', 'Wensan Road'],
    postCode: (rng) => digits(rng, 6),
  },
  GB: {
    towns: ['London', 'Manchester', 'Birmingham', 'Edinburgh', 'Leeds'],
    streets: ['High Street', 'Station Road', 'Church Lane', 'Victoria Road', 'King Street'],
    postCode: (rng) =>
      `${rng.pick(['EC', 'SW', 'M', 'B', 'EH', 'LS'])}${rng.int(1, 20)} ${rng.int(1, 9)}${rng.pick(['AB', 'DN', 'HT', 'QX', 'RW'])}`,
  },
  US: {
    towns: ['New York', 'San Francisco', 'Miami', 'Chicago', 'Austin'],
    streets: ['Main Street', 'Broadway', 'Market Street', 'Oak Avenue', 'Park Avenue'],
    postCode: (rng) => digits(rng, 5),
  },
  FR: {
    towns: ['Paris', 'Lyon', 'Marseille', 'Lille', 'Bordeaux'],
    streets: [
      'rue de la République',
      'avenue Jean Jaurès',
      'rue Victor Hugo',
      'boulevard Voltaire',
      'rue de Rivoli',
    ],
    postCode: (rng) => `${rng.pick(['75', '69', '13', '59', '33'])}${digits(rng, 3)}`,
  },
  DE: {
    towns: ['Berlin', 'Frankfurt am Main', 'München', 'Hamburg', 'Köln'],
    streets: ['Hauptstraße', 'Bahnhofstraße', 'Friedrichstraße', 'Kaiserstraße', 'Schillerstraße'],
    postCode: (rng) => digits(rng, 5),
  },
  NL: {
    towns: ['Amsterdam', 'Rotterdam', 'Utrecht'],
    streets: ['Keizersgracht', 'Damrak', 'Coolsingel', 'Oudegracht'],
    postCode: (rng) => `${rng.int(1000, 9999)} ${rng.pick(['AB', 'CD', 'KL', 'XZ'])}`,
  },
  AT: {
    towns: ['Wien', 'Graz', 'Linz'],
    streets: ['Mariahilfer Straße', 'Ringstraße', 'Herrengasse', 'Landstraße'],
    postCode: (rng) => String(rng.int(1010, 9999)),
  },
  LU: {
    towns: ['Luxembourg', 'Esch-sur-Alzette'],
    streets: ['Boulevard Royal', 'Avenue de la Liberté', "Rue de l'Alzette"],
    postCode: (rng) => `L-${rng.int(1000, 9999)}`,
  },
};
const FALLBACK = PLACES.GB!;

/** A town of `country`, e.g. for IVMS101 `placeOfBirth`. */
export function syntheticTown(rng: Rng, country: string): string {
  return rng.pick((PLACES[country] ?? FALLBACK).towns);
}

/**
 * An IVMS101 `Address` in `country`. Most are structured (street, number, post code, town);
 * about one in five comes as free `addressLine`s, as some exchanges only keep those.
 */
export function syntheticAddress(
  rng: Rng,
  country: string,
  addressType: 'HOME' | 'BIZZ',
): Record<string, unknown> {
  const places = PLACES[country] ?? FALLBACK;
  const town = rng.pick(places.towns);
  const street = rng.pick(places.streets);
  const buildingNumber = String(rng.int(1, 400));
  const postCode = places.postCode(rng);
  if (rng.chance(0.2)) {
    return {
      addressType,
      addressLine: [`${buildingNumber} ${street}`, `${postCode} ${town}`],
      country,
    };
  }
  return { addressType, streetName: street, buildingNumber, postCode, townName: town, country };
}
