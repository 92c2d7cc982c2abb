import { expandCountries } from './expandCountries.js';
import type { CountryRef, JurisdictionPolicy } from './JurisdictionPolicy.js';
import type { RequestType, RequestTypePolicy } from './RequestPolicy.js';

/**
 * The rules a request of `type` from `issuingCountry` is handled under: the type's own
 * instrument and periods when they name the country, else those of the first route that
 * does, with the type's roles and limits either way; undefined when the member does not
 * accept that type from that country. The instrument decides the periods: a production order
 * from Germany runs 10 days (2023/1543), the same request from Switzerland the member's
 * standard under the 1959 Convention.
 */
export function requestTypePolicyFor(
  policy: Pick<JurisdictionPolicy, 'jurisdiction' | 'arrangements' | 'requests'>,
  type: RequestType,
  issuingCountry: string,
): RequestTypePolicy | undefined {
  const typePolicy = policy.requests.types[type];
  if (!typePolicy) return undefined;
  const admits = (refs: readonly CountryRef[]) => {
    const codes = expandCountries(policy, refs);
    return codes === null || codes.includes(issuingCountry);
  };
  const { routes = [], ...own } = typePolicy;
  if (admits(own.acceptedFrom)) return own;
  const route = routes.find((candidate) => admits(candidate.acceptedFrom));
  return route && { ...own, ...route };
}
