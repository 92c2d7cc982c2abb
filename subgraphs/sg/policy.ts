import type { JurisdictionPolicy } from '../../core/policy/JurisdictionPolicy.js';
import { mergeTypePolicies } from '../../core/policy/mergeTypePolicies.js';
import { matchingPolicies } from '../../core/policy/matchingPolicies.js';
import { registryPolicies } from '../../core/policy/registryPolicies.js';
import { claimPolicies } from '../../core/policy/claimPolicies.js';
import type { ClaimPolicy } from '../../core/policy/ClaimPolicy.js';
import { requestPolicies } from '../../core/policy/requestPolicies.js';
import type { RequestDeadlineRule, RequestPolicy } from '../../core/policy/RequestPolicy.js';
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
const ACCEPTS_EMERGENCY = true;

// Requests addressed to Singapore: under the Mutual Assistance in Criminal Matters Act, from
// the countries of its named arrangements only, made by an authority the Attorney-General
// accepts as authorised to make them (MACMA s. 2, "appropriate authority"): a central
// authority, a prosecutor or a court. The Attorney-General, the central authority, decides
// (s. 20). Through Comity Singapore preserves and discloses the records it
// holds; it keeps no asset registry here, so restraint and confiscation (a High Court order
// on the Attorney-General's application) stay outside, and so does de-anonymisation, which
// would take a court's production order against an exchange. Neither MACMA nor the ASEAN
// Treaty sets a period: every number below is Singapore's service standard, in working days.

const SERVICE_STANDARD =
  "Singapore's service standard under its MLA arrangements (no statutory period)";
const standard = (rule: Omit<RequestDeadlineRule, 'legalBasis'>): RequestDeadlineRule => ({
  ...rule,
  legalBasis: SERVICE_STANDARD,
});
const APPROPRIATE_AUTHORITIES: Role[] = ['CENTRAL_AUTHORITY', 'PROSECUTOR', 'JUDGE'];
const ATTORNEY_GENERAL: Role[] = ['CENTRAL_AUTHORITY'];
const MLA_COUNTRIES = ['ASEAN_MLAT', 'MLA_PARTNERS'];
const MACMA_S20 = 'Mutual Assistance in Criminal Matters Act 2000, s. 20';
const refusal = (label: string) => ({ label, legalBasis: MACMA_S20, use: 'REFUSAL' as const });

const requests: RequestPolicy = {
  types: {
    PRESERVATION: {
      instrument: 'Mutual Assistance in Criminal Matters Act 2000 (records kept pending a request)',
      acceptedFrom: MLA_COUNTRIES,
      issuingRoles: APPROPRIATE_AUTHORITIES,
      acknowledgingRoles: ATTORNEY_GENERAL,
      decidingRoles: ATTORNEY_GENERAL,
      // The Suspicious Transaction Reporting Office holds the disclosures it keeps as they are.
      executingRoles: FIU,
      deadlines: [
        standard({ milestone: 'ACKNOWLEDGE', amount: 1, unit: 'WORKING_DAYS', from: 'RECEIPT' }),
        standard({ milestone: 'DECIDE', amount: 3, unit: 'WORKING_DAYS', from: 'RECEIPT' }),
        standard({ milestone: 'EXECUTE', amount: 1, unit: 'WORKING_DAYS', from: 'DECISION' }),
        // Kept for the formal request to follow, as a 2023/1543 order keeps 60 days in Europe.
        standard({ milestone: 'EXPIRE', amount: 90, unit: 'DAYS', from: 'EXECUTION' }),
      ],
    },
    DISCLOSURE: {
      instrument: 'Mutual Assistance in Criminal Matters Act 2000 (records Singapore holds)',
      acceptedFrom: MLA_COUNTRIES,
      issuingRoles: APPROPRIATE_AUTHORITIES,
      acknowledgingRoles: ATTORNEY_GENERAL,
      decidingRoles: ATTORNEY_GENERAL,
      executingRoles: ATTORNEY_GENERAL,
      deadlines: [
        standard({
          milestone: 'ACKNOWLEDGE',
          amount: 1,
          unit: 'WORKING_DAYS',
          from: 'RECEIPT',
          urgent: true,
        }),
        standard({
          milestone: 'DECIDE',
          amount: 2,
          unit: 'WORKING_DAYS',
          from: 'RECEIPT',
          urgent: true,
        }),
        standard({
          milestone: 'EXECUTE',
          amount: 1,
          unit: 'WORKING_DAYS',
          from: 'DECISION',
          urgent: true,
        }),
        standard({
          milestone: 'ACKNOWLEDGE',
          amount: 2,
          unit: 'WORKING_DAYS',
          from: 'RECEIPT',
          urgent: false,
        }),
        standard({
          milestone: 'DECIDE',
          amount: 15,
          unit: 'WORKING_DAYS',
          from: 'RECEIPT',
          urgent: false,
        }),
        standard({
          milestone: 'EXECUTE',
          amount: 10,
          unit: 'WORKING_DAYS',
          from: 'DECISION',
          urgent: false,
        }),
      ],
    },
  },
  grounds: {
    ARRANGEMENT_NOT_COMPLIED: refusal(
      'The requesting authority did not comply with the treaty or arrangement',
    ),
    POLITICAL_OFFENCE: refusal('An offence of a political character'),
    DISCRIMINATORY_PURPOSE: refusal(
      'Made to prosecute or punish a person for race, religion, sex, ethnic origin, nationality or political opinions',
    ),
    NE_BIS_IN_IDEM: refusal(
      'The person was already convicted, acquitted or pardoned for the offence',
    ),
    NO_DOUBLE_CRIMINALITY: refusal('Not an offence had the conduct occurred in Singapore'),
    INSUFFICIENT_GRAVITY: refusal('The offence is not of sufficient gravity'),
    PUBLIC_INTEREST: refusal('Assistance would be contrary to the public interest'),
    NO_USE_UNDERTAKING: refusal(
      'No undertaking that what is provided serves only the criminal matter of the request',
    ),
    ONGOING_DOMESTIC_INVESTIGATION: {
      label: 'Assistance could prejudice a criminal matter in Singapore',
      legalBasis: MACMA_S20,
      use: 'BOTH',
    },
  },
  // Public holidays (Holidays Act 1998) that are certain for 2026 and 2027; National Day 2026
  // falls on a Sunday, so the Monday after is the holiday. The lunar and Islamic holidays
  // still need adding from the gazette.
  holidays: [
    '2026-01-01',
    '2026-04-03',
    '2026-05-01',
    '2026-08-10',
    '2026-12-25',
    '2027-01-01',
    '2027-03-26',
    '2027-05-01',
    '2027-08-09',
    '2027-12-25',
  ],
};

// Claims. Singapore holds no frozen or confiscated assets in Comity: it keeps no asset
// registry here and executes no foreign freezing or confiscation through it (its courts
// register foreign confiscation orders under the Mutual Assistance in Criminal Matters Act,
// outside Comity). So no claim is filed with Singapore; its officers file for Singapore's
// victims with the members that hold the assets, under those members' policies.
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
    legalBasis: 'Not applied: Singapore holds no assets in Comity',
    remainderLegalBasis: 'Not applied: Singapore holds no assets in Comity',
  },
  rejectionGrounds: {},
  legalBasis: ['Mutual Assistance in Criminal Matters Act 2000 (outside Comity)'],
};

export const policy: JurisdictionPolicy = {
  jurisdiction: 'SG',
  recognisedRoles: RECOGNISED_ROLES,
  acceptsEmergency: ACCEPTS_EMERGENCY,
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
  requests,
  claims,
  types: mergeTypePolicies(
    registryPolicies({
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
    requestPolicies({ requests, acceptsEmergency: ACCEPTS_EMERGENCY }),
    // Matching (docs/matching.md): hit / no-hit to the authorities of any country, as for
    // wallets; scores and records under Singapore's MLA arrangements only.
    matchingPolicies({
      jurisdiction: 'SG',
      hit: {
        access: {
          roles: [...FIU, ...CASE_ROLES, 'ANALYST'],
          purposes: [...DISCLOSURE_PURPOSES, 'SANCTIONS_SCREENING'],
          countries: ['ANY'],
        },
      },
      score: { access: watchlist.access },
      record: { access: watchlist.access },
    }),
    claimPolicies({ claims }),
    {
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
  ),
};
