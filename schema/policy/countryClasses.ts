import { EU_MEMBER_STATES, ISO_COUNTRY_CODES } from '../../core/policy/countries.js';
import type { JurisdictionPolicy } from '../../core/policy/JurisdictionPolicy.js';
import type { EffectiveFieldPolicy } from '../../core/policy/readPolicyDirectives.js';

/**
 * Callers whose home countries every rule of a jurisdiction treats alike: the jurisdiction
 * itself, the countries of one or more of its arrangements, or every country no rule names.
 */
export interface CountryClass {
  kind: 'DOMESTIC' | 'ARRANGEMENT' | 'OTHER';
  /** `FR`, `EU`, `ASEAN_MLAT + MLA_PARTNERS`, `other countries`. */
  label: string;
  /** The arrangements (with their basis) whose countries make up the class. */
  arrangements: readonly { name: string; basis: string }[];
  /** Countries of the class no arrangement covers: rules name them one by one. */
  namedOneByOne: readonly string[];
  /** Its countries, sorted; for OTHER, every assigned code that no rule names. */
  countries: readonly string[];
  /** The home country the matrix asks as: any of the class gives the same outcomes. */
  representative: string;
}

/** How the built-in `EU` group reads in the matrix. */
const EU_BASIS = 'the EU member states';

/**
 * The partition of home countries that one jurisdiction's rules induce, read from the same
 * effective policies enforcement reads. A caller's country enters a decision only through
 * `@access(countries)`, `@minimize(unlessCountries)` and the oversight check (own country or
 * not), so two foreign countries on exactly the same lists get the same outcome everywhere:
 * grouping by that membership is exact, whatever arrangements the policy used to write them.
 */
export function countryClasses(
  policy: JurisdictionPolicy,
  effective: readonly EffectiveFieldPolicy[],
): CountryClass[] {
  const lists = new Map<string, ReadonlySet<string>>();
  for (const field of effective) {
    const named = [
      field.access?.countries ?? null,
      ...field.minimize.map((rule) =>
        rule.unlessCountries.length > 0 ? rule.unlessCountries : null,
      ),
    ];
    for (const list of named) {
      if (list !== null) lists.set([...list].sort().join(','), new Set(list));
    }
  }
  const sets = [...lists.values()];
  const groups = new Map<string, string[]>();
  for (const country of [...ISO_COUNTRY_CODES].sort()) {
    if (country === policy.jurisdiction) continue;
    const signature = sets.map((set) => (set.has(country) ? '1' : '0')).join('');
    groups.set(signature, [...(groups.get(signature) ?? []), country]);
  }
  const arrangements = [
    { name: 'EU', basis: EU_BASIS, countries: EU_MEMBER_STATES },
    ...Object.entries(policy.arrangements ?? {}).map(([name, { basis, countries }]) => ({
      name,
      basis,
      countries,
    })),
  ];
  const none = sets.map(() => '0').join('');
  const named: CountryClass[] = [];
  for (const [signature, countries] of groups) {
    if (signature === none) continue;
    const members = new Set(countries);
    const foreignOf = (listed: readonly string[]) =>
      listed.filter((country) => country !== policy.jurisdiction);
    const inClass = arrangements.filter(({ countries: listed }) => {
      const foreign = foreignOf(listed);
      return foreign.length > 0 && foreign.every((country) => members.has(country));
    });
    // An arrangement inside a larger one of the class says nothing more about it: the EU
    // class is `EU`, not also each EU instrument's narrower circle of member states.
    const covering = inClass.filter(
      ({ countries: listed }) =>
        !inClass.some((other) => {
          const larger = new Set(foreignOf(other.countries));
          const foreign = foreignOf(listed);
          return larger.size > foreign.length && foreign.every((country) => larger.has(country));
        }),
    );
    const covered = new Set(covering.flatMap(({ countries: listed }) => listed));
    const rest = countries.filter((country) => !covered.has(country));
    named.push({
      kind: 'ARRANGEMENT',
      label: [...covering.map(({ name }) => name), ...rest].join(' + '),
      arrangements: covering.map(({ name, basis }) => ({ name, basis })),
      namedOneByOne: rest,
      countries,
      representative: countries[0]!,
    });
  }
  const order = (entry: CountryClass) => {
    const first = entry.arrangements[0]?.name;
    const index = arrangements.findIndex(({ name }) => name === first);
    return index === -1 ? arrangements.length : index;
  };
  named.sort((a, b) => order(a) - order(b) || a.label.localeCompare(b.label));
  const others = groups.get(none) ?? [];
  return [
    {
      kind: 'DOMESTIC',
      label: policy.jurisdiction,
      arrangements: [],
      namedOneByOne: [],
      countries: [policy.jurisdiction],
      representative: policy.jurisdiction,
    },
    ...named,
    ...(others.length > 0
      ? [
          {
            kind: 'OTHER' as const,
            label: 'other countries',
            arrangements: [],
            namedOneByOne: [],
            countries: others,
            representative: others[0]!,
          },
        ]
      : []),
  ];
}
