import type { JurisdictionPolicy } from '../../core/policy/JurisdictionPolicy.js';
import { registryPolicies } from '../../core/policy/registryPolicies.js';
import type { Purpose, Role } from '../../core/policy/policySpec.js';

// Singapore. Travel-rule data reaches the Suspicious Transaction Reporting Office (the FIU)
// under MAS Notice PSN02 and is shared onward for AML and criminal matters (CDSA Part 6;
// MACMA for requests from abroad). Others than the FIU see originators and beneficiaries by
// initials, birth year, the last digits of an identity number and amounts as ranges only;
// EMERGENCY (imminent harm) lifts the initials for investigators. The central authority sees
// identity numbers as pseudonyms of the case instead. Analysts get hit / no-hit.
//
// Abroad, Singapore assists under the Mutual Assistance in Criminal Matters Act: records go
// to the parties of the ASEAN Treaty on Mutual Legal Assistance in Criminal Matters and to
// the partners with which it has a bilateral MLA arrangement, and every other country's
// authorities get hit / no-hit only, which tells them whether a formal request to the
// Attorney-General's Chambers is worth making without any record leaving.

const FIU: Role[] = ['FIU_OFFICER'];
const MAGISTRATES: Role[] = ['PROSECUTOR', 'JUDGE'];
const CASE_ROLES: Role[] = ['INVESTIGATOR', 'PROSECUTOR', 'JUDGE', 'CENTRAL_AUTHORITY'];
const DISCLOSURE_PURPOSES: Purpose[] = [
  'AML_INTELLIGENCE',
  'CRIMINAL_INVESTIGATION',
  'ASSET_TRACING',
  'EMERGENCY',
];

const disclosures = { access: { roles: [...FIU, ...CASE_ROLES], purposes: DISCLOSURE_PURPOSES } };
const watchlist = {
  access: {
    roles: [...FIU, ...CASE_ROLES],
    purposes: [...DISCLOSURE_PURPOSES, 'SANCTIONS_SCREENING'] as Purpose[],
  },
};
// Singapore keeps no asset registry in Comity; its (always empty) lists still carry a rule.
const assets = {
  access: { roles: CASE_ROLES, purposes: ['CRIMINAL_INVESTIGATION', 'ASSET_TRACING'] as Purpose[] },
};
const initialsOutsideFiu = {
  minimize: [
    {
      strategy: 'INITIALS',
      unlessRoles: [...FIU, ...MAGISTRATES],
      unlessPurposes: ['EMERGENCY'],
    },
  ] as const,
};

/**
 * Identity numbers. The Central Authority under MACMA (the Attorney-General's Chambers)
 * handles requests from abroad rather than investigating: whether a request concerns a
 * person Singapore already holds is what it needs, and equal pseudonyms within the
 * request's case answer that where the last digits would not, without showing any of them.
 * Rules stack: the first whose exemptions do not cover the caller applies.
 */
const identityNumber = {
  minimize: [
    { strategy: 'MASK', keep: 4, unlessRoles: [...FIU, ...MAGISTRATES, 'CENTRAL_AUTHORITY'] },
    { strategy: 'PSEUDONYM', unlessRoles: [...FIU, ...MAGISTRATES] },
  ] as const,
};

const RECOGNISED_ROLES: Role[] = [...FIU, ...CASE_ROLES, 'ANALYST', 'AUDITOR', 'PUBLIC'];

export const policy: JurisdictionPolicy = {
  jurisdiction: 'SG',
  recognisedRoles: RECOGNISED_ROLES,
  acceptsEmergency: true,
  auditRetentionDays: 5 * 365,
  legalBasis: [
    'MAS Notice PSN02 (travel rule, suspicious transaction reporting)',
    'Corruption, Drug Trafficking and Other Serious Crimes (Confiscation of Benefits) Act 1992, Part 6',
    'Mutual Assistance in Criminal Matters Act 2000',
    'Treaty on Mutual Legal Assistance in Criminal Matters (ASEAN, 2004)',
  ],
  arrangements: {
    ASEAN_MLAT: {
      basis: 'Treaty on Mutual Legal Assistance in Criminal Matters (ASEAN, 2004)',
      countries: ['BN', 'ID', 'KH', 'LA', 'MM', 'MY', 'PH', 'TH', 'VN'],
    },
    MLA_PARTNERS: {
      basis: 'bilateral MLA arrangements under the Mutual Assistance in Criminal Matters Act',
      countries: ['AU', 'DE', 'FR', 'GB', 'HK', 'IN'],
    },
  },
  releasesTo: ['DOMESTIC', 'ASEAN_MLAT', 'MLA_PARTNERS'],
  types: {
    ...registryPolicies({
      assets,
      watchlist,
      disclosures,
      // Hit / no-hit, to the authorities of any country.
      hit: {
        access: {
          roles: [...FIU, ...CASE_ROLES, 'ANALYST'],
          purposes: [...DISCLOSURE_PURPOSES, 'SANCTIONS_SCREENING'],
          countries: ['ANY'],
        },
      },
      recognisedRoles: RECOGNISED_ROLES,
    }),
    Transaction: {
      fields: {
        amount: { minimize: [{ strategy: 'RANGE', unlessRoles: [...FIU, ...MAGISTRATES] }] },
      },
    },
    Person: {
      object: { access: watchlist.access },
      fields: {
        id: { minimize: [{ strategy: 'PSEUDONYM', unlessRoles: FIU }] },
        name: initialsOutsideFiu,
        firstName: initialsOutsideFiu,
        lastName: initialsOutsideFiu,
        birthDate: { minimize: [{ strategy: 'YEAR', unlessRoles: FIU }] },
        idNumber: identityNumber,
      },
    },
    Ivms101Person: {
      object: { access: disclosures.access },
      fields: {
        primaryIdentifier: initialsOutsideFiu,
        secondaryIdentifier: initialsOutsideFiu,
        addressLine: { minimize: [{ strategy: 'REDACT', unlessRoles: FIU }] },
        dateOfBirth: { minimize: [{ strategy: 'YEAR', unlessRoles: FIU }] },
        nationalIdentifier: identityNumber,
        customerIdentification: { minimize: [{ strategy: 'PSEUDONYM', unlessRoles: FIU }] },
      },
    },
  },
};
