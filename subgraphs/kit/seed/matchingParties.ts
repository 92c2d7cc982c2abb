import type { OrganizationRecord, PersonRecord } from '../../../core/records.js';
import { leiCheckDigits } from '../../../core/identifiers/lei.js';
import { createRng } from './createRng.js';
import type { Rng } from './createRng.js';
import { syntheticWallet } from './syntheticWallet.js';

/**
 * The same people and companies as several members' registries write them — other scripts,
 * other romanisations, name parts swapped, a patronymic left out, a legal form spelled out or
 * dropped — and look-alikes that are someone else (same name, another birth year; same
 * company name, another country and LEI). Every member's seed appends its share of these
 * after its own records, so the seeded records before them stay as they were. The matching
 * tests label pairs from this same list.
 */

/** One name part in its own script, its usual Latin form and the romanisations others use. */
interface NamePart {
  native?: string;
  latin: string;
  others: readonly string[];
}

interface NamePool {
  nationality: string;
  given: readonly NamePart[];
  family: readonly NamePart[];
  /** Patronymics, written between given and family name where the country has them. */
  middle?: readonly NamePart[];
  /** Family name first in the usual order (Chinese). */
  familyFirst?: boolean;
}

const part = (latin: string, others: string[] = [], native?: string): NamePart => ({
  latin,
  others,
  ...(native ? { native } : {}),
});

const POOLS: readonly NamePool[] = [
  {
    nationality: 'RU',
    given: [
      part('Viktor', ['Victor'], 'Виктор'),
      part('Dmitry', ['Dmitri', 'Dmitrij'], 'Дмитрий'),
      part('Sergey', ['Sergei', 'Sergej'], 'Сергей'),
      part('Alexey', ['Aleksei', 'Alexej'], 'Алексей'),
      part('Yevgeny', ['Evgeny', 'Jewgeni'], 'Евгений'),
    ],
    middle: [
      part('Sergeyevich', ['Sergejewitsch'], 'Сергеевич'),
      part('Ivanovich', ['Iwanowitsch'], 'Иванович'),
      part('Petrovich', ['Petrowitsch'], 'Петрович'),
    ],
    family: [
      part('Petrov', ['Petrow'], 'Петров'),
      part('Ivanov', ['Iwanow'], 'Иванов'),
      part('Smirnov', ['Smirnow'], 'Смирнов'),
      part('Kuznetsov', ['Kusnezow', 'Kouznetsov'], 'Кузнецов'),
      part('Sokolov', ['Sokolow'], 'Соколов'),
      part('Volkov', ['Wolkow'], 'Волков'),
    ],
  },
  {
    nationality: 'GR',
    given: [
      part('Dimitrios', ['Demetrios'], 'Δημήτριος'),
      part('Georgios', ['Yiorgos'], 'Γεώργιος'),
      part('Nikolaos', ['Nicolaos'], 'Νικόλαος'),
      part('Konstantinos', ['Constantinos'], 'Κωνσταντίνος'),
    ],
    family: [
      part('Papadopoulos', ['Papadopulos'], 'Παπαδόπουλος'),
      part('Oikonomou', ['Ikonomou'], 'Οικονόμου'),
      part('Georgiou', ['Yeorgiou'], 'Γεωργίου'),
      part('Vasileiou', ['Vassiliou'], 'Βασιλείου'),
    ],
  },
  {
    nationality: 'AE',
    given: [
      part('Mohammed', ['Muhammad', 'Mohamed'], 'محمد'),
      part('Ahmed', ['Ahmad'], 'أحمد'),
      part('Khaled', ['Khalid'], 'خالد'),
    ],
    family: [
      part('Al-Rashid', ['Al Rashed', 'Alrashid'], 'الراشد'),
      part('Al-Hassan', ['El Hassan', 'Al Hasan'], 'الحسن'),
      part('Al-Qasim', ['Al Kasim', 'Alqasim'], 'القاسم'),
    ],
  },
  {
    nationality: 'PL',
    given: [
      part('Łukasz', ['Lukasz']),
      part('Wojciech', ['Wojciech']),
      part('Małgorzata', ['Malgorzata']),
    ],
    family: [
      part('Wiśniewski', ['Wisniewski']),
      part('Kowalczyk', ['Kowalczyk']),
      part('Wójcik', ['Wojcik']),
    ],
  },
  {
    nationality: 'TR',
    given: [part('Mehmet', ['Mehmed']), part('Çağlar', ['Caglar']), part('Gökhan', ['Goekhan'])],
    family: [part('Yılmaz', ['Yilmaz']), part('Çelik', ['Celik']), part('Şahin', ['Sahin'])],
  },
  {
    nationality: 'CN',
    familyFirst: true,
    given: [part('Wei', ['Wei']), part('Jianguo', ['Chien-kuo']), part('Xiaoming', ['Hsiao-ming'])],
    family: [part('Zhang', ['Chang']), part('Zhou', ['Chou']), part('Xu', ['Hsu'])],
  },
];

const COMPANY_STEMS: readonly { stem: string; country: string; forms: readonly string[] }[] = [
  { stem: 'Northwind Trading', country: 'GB', forms: ['Ltd', 'Limited'] },
  { stem: 'Blue Harbor Logistics', country: 'SG', forms: ['Pte. Ltd.', 'Private Limited'] },
  {
    stem: 'Caspian Digital Assets',
    country: 'DE',
    forms: ['GmbH', 'Gesellschaft mit beschränkter Haftung'],
  },
  {
    stem: 'Baltic Amber Exchange',
    country: 'FR',
    forms: ['SARL', 'Société à responsabilité limitée'],
  },
  { stem: 'Golden Lotus Payments', country: 'HK', forms: ['Co., Ltd.', 'Company Limited'] },
  { stem: 'Silverline Custody', country: 'US', forms: ['Inc.', 'Incorporated'] },
  { stem: 'Red Sea Ventures', country: 'AE', forms: ['LLC', 'Limited Liability Company'] },
  { stem: 'Danube Capital Partners', country: 'AT', forms: ['AG', 'Aktiengesellschaft'] },
  { stem: 'Kestrel Bay Holdings', country: 'NL', forms: ['B.V.', 'Besloten Vennootschap'] },
  {
    stem: 'Amur River Finance',
    country: 'RU',
    forms: ['OOO', 'Общество с ограниченной ответственностью'],
  },
  { stem: 'Saffron & Pepper Imports', country: 'GB', forms: ['PLC', 'Public Limited Company'] },
  {
    stem: 'Lagoon Blockchain Services',
    country: 'IT',
    forms: ['S.r.l.', 'Società a responsabilità limitata'],
  },
];

/**
 * The members whose seeds append the overlap set (each calls matchingPartiesOf with its code).
 * Written here rather than read from the membership: the kit knows no membership, and the
 * labelled set the matching figures rest on must not change when a member joins.
 */
export const MATCHING_MEMBERS = ['FR', 'DE', 'SG'] as const;
export type MatchingMember = (typeof MATCHING_MEMBERS)[number];

/** One party as one member's registry holds it. */
export interface SeededParty {
  /** The identity it belongs to: equal for the same person or company in every member. */
  identity: string;
  member: MatchingMember;
  /** How this member's spelling differs from the usual Latin one. */
  variation: string;
  party: PersonRecord | OrganizationRecord;
  /** A fresh wallet the member lists for it. */
  walletId: string;
}

export interface MatchingIdentity {
  identity: string;
  /** The person or company as an analyst would type it: usual Latin spelling, birth date. */
  reference: PersonRecord | OrganizationRecord;
  /** Another identity whose name it shares, for the look-alikes. */
  lookAlikeOf: string | null;
}

const PERSON_COUNT = 36;
const MATCHING_SEED = 'comity-matching';
const pad = (value: number, width: number) => String(value).padStart(width, '0');

function birthDate(rng: Rng, year = rng.int(1955, 2000)): string {
  return `${year}-${pad(rng.int(1, 12), 2)}-${pad(rng.int(1, 28), 2)}`;
}

function idNumber(rng: Rng): string {
  return `${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}${pad(rng.int(0, 9_999_999), 7)}`;
}

function lei(rng: Rng): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const base = `5299${Array.from({ length: 14 }, () => rng.pick([...alphabet])).join('')}`;
  return base + leiCheckDigits(base);
}

interface PersonIdentity {
  identity: string;
  pool: NamePool;
  given: NamePart;
  middle: NamePart | null;
  family: NamePart;
  birthDate: string;
  idNumber: string;
}

type Spelling = 'latin' | 'other' | 'native';

function spell(namePart: NamePart, spelling: Spelling, rng: Rng): string {
  if (spelling === 'native' && namePart.native) return namePart.native;
  if (spelling === 'other' && namePart.others.length > 0) return rng.pick(namePart.others);
  return namePart.latin;
}

/** The ways a member's registry may write a person: one per member, drawn per identity. */
const PERSON_VARIATIONS = [
  'usual',
  'family_first_upper',
  'other_romanisation',
  'native_script',
  'without_middle',
] as const;

function personVariant(person: PersonIdentity, variation: string, rng: Rng): PersonRecord {
  const spelling: Spelling =
    variation === 'other_romanisation'
      ? 'other'
      : variation === 'native_script'
        ? 'native'
        : 'latin';
  const given = spell(person.given, spelling, rng);
  const family = spell(person.family, spelling, rng);
  const middle =
    person.middle && variation !== 'without_middle' && variation !== 'usual'
      ? spell(person.middle, spelling, rng)
      : null;
  const firstName = middle ? `${given} ${middle}` : given;
  const name =
    variation === 'family_first_upper'
      ? `${family.toUpperCase()} ${firstName}`
      : person.pool.familyFirst
        ? `${family} ${firstName}`
        : `${firstName} ${family}`;
  return {
    kind: 'Person',
    id: `M-${person.identity}-${variation}`,
    name,
    firstName,
    lastName: family,
    // Registries do not all hold the date of birth or the document number.
    birthDate: rng.chance(0.8) ? person.birthDate : null,
    nationality: person.pool.nationality,
    idNumber: rng.chance(0.5) ? person.idNumber : null,
  };
}

interface Built {
  identities: MatchingIdentity[];
  parties: SeededParty[];
}

let built: Built | undefined;

function build(): Built {
  const rng = createRng(MATCHING_SEED);
  const identities: MatchingIdentity[] = [];
  const parties: SeededParty[] = [];
  const taken = new Set<string>();
  for (let i = 1; identities.length < PERSON_COUNT; i++) {
    const pool = POOLS[(i - 1) % POOLS.length]!;
    const given = rng.pick(pool.given);
    const family = rng.pick(pool.family);
    if (taken.has(`${given.latin} ${family.latin}`)) continue;
    taken.add(`${given.latin} ${family.latin}`);
    const person: PersonIdentity = {
      identity: `person-${pad(identities.length + 1, 3)}`,
      pool,
      given,
      middle: pool.middle ? rng.pick(pool.middle) : null,
      family,
      birthDate: birthDate(rng),
      idNumber: idNumber(rng),
    };
    const reference = personVariant(person, 'usual', createRng(person.identity));
    identities.push({
      identity: person.identity,
      reference: { ...reference, birthDate: person.birthDate, idNumber: null },
      lookAlikeOf: null,
    });
    const memberRng = rng.fork(person.identity);
    const variations = [...PERSON_VARIATIONS].filter(
      (variation) => variation !== 'native_script' || given.native,
    );
    for (const member of MATCHING_MEMBERS) {
      const variation = memberRng.pick(variations);
      parties.push({
        identity: person.identity,
        member,
        variation,
        party: {
          ...personVariant(person, variation, memberRng),
          id: `M-${person.identity}-${member}`,
        },
        walletId: syntheticWallet(memberRng),
      });
    }
    // Every third person has a namesake in one member: same name, born years apart.
    if (identities.length % 3 === 0) {
      const lookAlike: PersonIdentity = {
        ...person,
        identity: `${person.identity}-namesake`,
        birthDate: birthDate(
          memberRng,
          Number(person.birthDate.slice(0, 4)) + memberRng.pick([-17, -9, 6, 12]),
        ),
        idNumber: idNumber(memberRng),
      };
      const reference = personVariant(lookAlike, 'usual', memberRng);
      identities.push({
        identity: lookAlike.identity,
        reference: { ...reference, birthDate: lookAlike.birthDate },
        lookAlikeOf: person.identity,
      });
      const member = memberRng.pick(MATCHING_MEMBERS);
      parties.push({
        identity: lookAlike.identity,
        member,
        variation: 'namesake',
        party: {
          ...reference,
          birthDate: lookAlike.birthDate,
          id: `M-${lookAlike.identity}-${member}`,
        },
        walletId: syntheticWallet(memberRng),
      });
    }
  }
  COMPANY_STEMS.forEach((company, index) => {
    const identity = `company-${pad(index + 1, 3)}`;
    const companyRng = rng.fork(identity);
    const code = lei(companyRng);
    const registration = pad(companyRng.int(0, 99_999_999), 8);
    const record = (name: string, withLei: boolean, id: string): OrganizationRecord => ({
      kind: 'Organization',
      id,
      name,
      lei: withLei ? code : null,
      country: company.country,
      registrationNumber: registration,
    });
    const [short, long] = company.forms;
    identities.push({
      identity,
      reference: record(`${company.stem} ${short}`, true, `M-${identity}`),
      lookAlikeOf: null,
    });
    const variations = [
      ['short_form', `${company.stem} ${short}`],
      ['long_form', `${company.stem} ${long}`],
      ['without_form', company.stem],
      ['upper_case', `${company.stem} ${short}`.toUpperCase()],
    ] as const;
    for (const member of MATCHING_MEMBERS) {
      const [variation, name] = companyRng.pick(variations);
      parties.push({
        identity,
        member,
        variation,
        party: record(name, companyRng.chance(0.6), `M-${identity}-${member}`),
        walletId: syntheticWallet(companyRng),
      });
    }
    // Every other company has a namesake abroad: same name, another country and LEI.
    if (index % 2 === 0) {
      const namesake = `${identity}-namesake`;
      const other: OrganizationRecord = {
        kind: 'Organization',
        id: `M-${namesake}`,
        name: `${company.stem} ${short}`,
        lei: lei(companyRng),
        country: company.country === 'GB' ? 'IE' : 'GB',
        registrationNumber: pad(companyRng.int(0, 99_999_999), 8),
      };
      identities.push({ identity: namesake, reference: other, lookAlikeOf: identity });
      const member = companyRng.pick(MATCHING_MEMBERS);
      parties.push({
        identity: namesake,
        member,
        variation: 'namesake',
        party: { ...other, id: `M-${namesake}-${member}` },
        walletId: syntheticWallet(companyRng),
      });
    }
  });
  return { identities, parties };
}

/** Every identity of the overlap set, with its reference form. Same list in every process. */
export function matchingIdentities(): readonly MatchingIdentity[] {
  built ??= build();
  return built.identities;
}

/** The overlap parties, all members. */
export function matchingParties(): readonly SeededParty[] {
  built ??= build();
  return built.parties;
}

/** The overlap parties one member's seed appends. */
export function matchingPartiesOf(member: string): readonly SeededParty[] {
  return matchingParties().filter((party) => party.member === member.toUpperCase());
}
