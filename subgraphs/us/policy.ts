import type { ElementPolicy, JurisdictionPolicy } from '../../core/policy/JurisdictionPolicy.js';
import { mergeTypePolicies } from '../../core/policy/mergeTypePolicies.js';
import { matchingPolicies } from '../../core/policy/matchingPolicies.js';
import { registryPolicies } from '../../core/policy/registryPolicies.js';
import { claimPolicies } from '../../core/policy/claimPolicies.js';
import type { ClaimPolicy } from '../../core/policy/ClaimPolicy.js';
import { requestPolicies } from '../../core/policy/requestPolicies.js';
import type { RequestPolicy } from '../../core/policy/RequestPolicy.js';
import { PURPOSES, ROLES } from '../../core/policy/policySpec.js';
import type { Purpose, Role } from '../../core/policy/policySpec.js';

// The United States in Comity is one public list: the Specially Designated Nationals and
// Blocked Persons List, which OFAC publishes for everyone (31 CFR Part 501, Appendix A, and
// the sanctions programmes under IEEPA, 50 U.S.C. 1701 ff., that it implements). What OFAC
// publishes is released as published, to every role, PUBLIC included, in every country, for
// any purpose but EMERGENCY: a published list needs no emergency release, and one would only
// open a judge's review of nothing. The US keeps no asset registry or exchange disclosures
// here; those stay closed, and it takes no cross-border requests or claims through Comity.

/** Nobody: what the US does not hold in Comity. */
const DENIED: ElementPolicy = { access: { roles: [], purposes: [] } };

const RECOGNISED_ROLES: Role[] = [...ROLES];
const STATED_PURPOSES: Purpose[] = PURPOSES.filter((purpose) => purpose !== 'EMERGENCY');

/** The SDN list as OFAC publishes it. */
const PUBLISHED: ElementPolicy = {
  access: { roles: RECOGNISED_ROLES, purposes: STATED_PURPOSES, countries: ['ANY'] },
};

const requests: RequestPolicy = { types: {}, grounds: {}, holidays: [] };

const claims: ClaimPolicy = {
  holdsAssets: false,
  acceptedFrom: [],
  filingRoles: [],
  verifyingRoles: [],
  allocatingRoles: [],
  payingRoles: [],
  objectionRoles: [],
  objectionDecidingRoles: [],
  allocation: {
    order: 'PRO_RATA',
    remainder: 'LARGEST_REMAINDER',
    legalBasis: 'Not applied: the United States holds no assets in Comity',
    remainderLegalBasis: 'Not applied: the United States holds no assets in Comity',
  },
  rejectionGrounds: {},
  legalBasis: [],
};

export const policy: JurisdictionPolicy = {
  jurisdiction: 'US',
  recognisedRoles: RECOGNISED_ROLES,
  acceptsEmergency: false,
  auditRetentionDays: 5 * 365,
  legalBasis: [
    '31 CFR Part 501, Appendix A (the SDN list, published by OFAC)',
    'International Emergency Economic Powers Act, 50 U.S.C. 1701 ff.',
  ],
  releasesTo: ['ANY'],
  requests,
  claims,
  types: mergeTypePolicies(
    registryPolicies({
      assets: DENIED,
      watchlist: PUBLISHED,
      disclosures: DENIED,
      hit: PUBLISHED,
      recognisedRoles: RECOGNISED_ROLES,
    }),
    requestPolicies({ requests, acceptsEmergency: false }),
    matchingPolicies({ jurisdiction: 'US', hit: PUBLISHED, score: PUBLISHED, record: PUBLISHED }),
    claimPolicies({ claims }),
    {
      Person: { object: PUBLISHED },
      Organization: { object: PUBLISHED },
      Ivms101Person: { object: DENIED },
    },
  ),
};
