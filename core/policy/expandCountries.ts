import { BUILT_IN_ARRANGEMENTS, EU_MEMBER_STATES } from './countries.js';
import type { CountryRef, JurisdictionPolicy } from './JurisdictionPolicy.js';

/**
 * The ISO codes a country rule names, sorted, or null when it names `ANY`. Built-in groups
 * come first, so an arrangement cannot redefine them. A reference that is neither a group nor
 * an arrangement stays as written: a code passes so, and a misspelt name matches no caller
 * (a token's home country is always a code) until `npm run check` reports it.
 */
export function expandCountries(
  policy: Pick<JurisdictionPolicy, 'jurisdiction' | 'arrangements'>,
  refs: readonly CountryRef[],
): string[] | null {
  const codes = new Set<string>();
  for (const ref of refs) {
    if (ref === BUILT_IN_ARRANGEMENTS.ANY) return null;
    const named =
      ref === BUILT_IN_ARRANGEMENTS.DOMESTIC
        ? [policy.jurisdiction]
        : ref === BUILT_IN_ARRANGEMENTS.EU
          ? EU_MEMBER_STATES
          : (arrangementCountries(policy, ref) ?? [ref]);
    for (const code of named) codes.add(code);
  }
  return [...codes].sort();
}

function arrangementCountries(
  policy: Pick<JurisdictionPolicy, 'arrangements'>,
  name: string,
): readonly string[] | undefined {
  const arrangements = policy.arrangements ?? {};
  return Object.hasOwn(arrangements, name) ? arrangements[name]?.countries : undefined;
}
