import type {
  AccessPolicy,
  CountryRef,
  ElementPolicy,
  JurisdictionPolicy,
  TypePolicy,
} from './JurisdictionPolicy.js';
import type { Purpose, Role } from './policySpec.js';
import { REQUEST_TYPES } from './RequestPolicy.js';
import type { RequestTypePolicy } from './RequestPolicy.js';

/** Requests are case work on both sides: each read and action names its case. */
const CASE_WORK: readonly Purpose[] = [
  'CRIMINAL_INVESTIGATION',
  'ASSET_TRACING',
  'FREEZE_EXECUTION',
  'CONFISCATION_EXECUTION',
  'VICTIM_RESTITUTION',
  'EMERGENCY',
];
const IDENTITY_PURPOSES: readonly Purpose[] = ['CRIMINAL_INVESTIGATION', 'EMERGENCY'];

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

/** Every country a type is accepted from, under its own instrument or a route. */
const acceptedFrom = (typePolicy: RequestTypePolicy): CountryRef[] =>
  unique([
    ...typePolicy.acceptedFrom,
    ...(typePolicy.routes ?? []).flatMap((route) => route.acceptedFrom),
  ]);

/**
 * Places a member's request policy on the request surface of its schema (docs/architecture.md
 * §11), written once here so that every member guards the same fields. `@access` admits the
 * roles and countries that take part in some request the member accepts; which request a
 * caller sees or may act on — the issuing country and agency, or the member's own staff in
 * the step's role — is decided per request by the kit. A member whose law knows no emergency
 * release gets the same rules without EMERGENCY.
 *
 * The records a request releases carry the member's registry rules (registryPolicies); the
 * identity a de-anonymisation reveals goes only to the roles that may ask for one, from the
 * countries it accepts them from, and to nobody where the member accepts none.
 */
export function requestPolicies(
  policy: Pick<JurisdictionPolicy, 'requests' | 'acceptsEmergency'>,
): Record<string, TypePolicy> {
  const purposes = (listed: readonly Purpose[]) =>
    policy.acceptsEmergency ? [...listed] : listed.filter((purpose) => purpose !== 'EMERGENCY');
  const accepted = REQUEST_TYPES.flatMap((type) => policy.requests.types[type] ?? []);
  const issuingRoles = unique(accepted.flatMap((typePolicy) => typePolicy.issuingRoles));
  const everyRole: Role[] = unique(
    accepted.flatMap((typePolicy) => [
      ...typePolicy.issuingRoles,
      ...typePolicy.acknowledgingRoles,
      ...typePolicy.decidingRoles,
      ...typePolicy.executingRoles,
    ]),
  );
  const issuingCountries = unique(accepted.flatMap(acceptedFrom));
  const parties: ElementPolicy = {
    access: {
      roles: everyRole,
      purposes: purposes(CASE_WORK),
      countries: [...issuingCountries, 'DOMESTIC'],
    },
  };
  const deAnonymisation = policy.requests.types.DE_ANONYMISATION;
  const identity: AccessPolicy = deAnonymisation
    ? {
        roles: deAnonymisation.issuingRoles,
        purposes: purposes(IDENTITY_PURPOSES),
        countries: acceptedFrom(deAnonymisation),
      }
    : // No role of no country: the type does not exist here, so nobody holds such a release.
      { roles: [], purposes: purposes(IDENTITY_PURPOSES), countries: [] };
  // An evidence package goes to the issuing case alone (the kit checks agency and case); here
  // the roles and countries that can issue a request whose execution produces one.
  const packaged = (
    ['DISCLOSURE', 'DE_ANONYMISATION', 'FREEZING', 'CONFISCATION'] as const
  ).flatMap((type) => policy.requests.types[type] ?? []);
  const evidenceReceivers: ElementPolicy = {
    access: {
      roles: unique(packaged.flatMap((typePolicy) => typePolicy.issuingRoles)),
      purposes: purposes(CASE_WORK),
      countries: unique(packaged.flatMap(acceptedFrom)),
    },
  };
  return {
    Jurisdiction: { fields: { request: parties, requests: parties } },
    CrossBorderRequest: { fields: { evidence: evidenceReceivers } },
    JurisdictionMutations: {
      fields: {
        fileRequest: {
          access: {
            roles: issuingRoles,
            purposes: purposes(CASE_WORK),
            countries: issuingCountries,
          },
        },
        actOnRequest: parties,
        countersignEvidenceReceipt: evidenceReceivers,
        recordEvidenceCustody: evidenceReceivers,
      },
    },
    DeAnonymisedIdentity: { object: { access: identity } },
    RequestRelease: { fields: { identity: { access: identity } } },
  };
}
