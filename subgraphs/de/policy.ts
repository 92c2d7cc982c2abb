import type { JurisdictionPolicy } from '../../core/policy/JurisdictionPolicy.js';
import { registryPolicies } from '../../core/policy/registryPolicies.js';
import type { Purpose, Role } from '../../core/policy/policySpec.js';

// Germany. Holders are named to investigators in the clear (StPO §§ 161, 163: the
// prosecution service and its investigators see the file), birth dates to the month; the
// identity document number only to a prosecutor or judge, or under EMERGENCY (BKAG § 5:
// averting an imminent danger), which Germany accepts and which a judge then reviews; the
// central authority sees that number as a pseudonym of the case.
// Sanctions listings are public acts of the Council and the Federal Government, so
// exchanges' compliance officers may screen against them; analysts see them with the
// subject pseudonymised.
//
// Abroad, Germany releases to the other EU member states only: mutual recognition (European
// Investigation Order, Directive 2014/41/EU, §§ 91a ff. IRG; freezing and confiscation,
// Regulation (EU) 2018/1805) and Directive (EU) 2016/680 bind their authorities. Requests
// from anywhere else go through the central authority under the IRG, outside Comity. The
// sanctions listings themselves are published acts (Official Journal of the EU,
// Bundesanzeiger), so the entries go to anyone; the persons Germany's files hold behind them
// leave the Union only as case pseudonyms (no transfer of personal data to a third country
// without an adequacy decision or safeguards: Directive (EU) 2016/680 ch. V, BDSG §§ 78 ff.),
// and the identity document number not at all.

const CASE_ROLES: Role[] = [
  'INVESTIGATOR',
  'PROSECUTOR',
  'JUDGE',
  'CENTRAL_AUTHORITY',
  'ASSET_RECOVERY_OFFICER',
];
const MAGISTRATES: Role[] = ['PROSECUTOR', 'JUDGE'];
const CASE_WORK: Purpose[] = [
  'CRIMINAL_INVESTIGATION',
  'ASSET_TRACING',
  'FREEZE_EXECUTION',
  'CONFISCATION_EXECUTION',
  'VICTIM_RESTITUTION',
  'EMERGENCY',
];
const SCREENING: Purpose[] = ['SANCTIONS_SCREENING', 'AML_INTELLIGENCE'];
const WATCHLIST_ROLES: Role[] = [...CASE_ROLES, 'FIU_OFFICER', 'ANALYST', 'VASP_COMPLIANCE'];
/** Who sees names in the clear: everyone allowed at all except analysts. */
const CLEAR_NAME_ROLES: Role[] = [...CASE_ROLES, 'FIU_OFFICER', 'VASP_COMPLIANCE'];

const assets = { access: { roles: CASE_ROLES, purposes: CASE_WORK } };
/** Published listings: to callers of any country. */
const PUBLIC_ACT = ['ANY'];
/** Germany and the other member states. */
const UNION = ['DOMESTIC', 'EU'];
const watchlist = {
  access: { roles: WATCHLIST_ROLES, purposes: [...CASE_WORK, ...SCREENING], countries: PUBLIC_ACT },
};
const disclosures = {
  access: {
    roles: ['FIU_OFFICER', 'INVESTIGATOR', 'PROSECUTOR', 'JUDGE'] as Role[],
    purposes: [
      'AML_INTELLIGENCE',
      'CRIMINAL_INVESTIGATION',
      'ASSET_TRACING',
      'EMERGENCY',
    ] as Purpose[],
  },
};
/**
 * Identity document numbers, in a person's record and in a travel-rule payload alike. The
 * central authority for mutual legal assistance (IRG §§ 74 ff.) does not investigate: it
 * must tell whether a request from abroad concerns someone already on German files, which
 * equal pseudonyms within the request's case answer without the number leaving Germany.
 * Rules stack: the first whose exemptions do not cover the caller applies.
 */
const identityDocumentNumber = {
  minimize: [
    {
      strategy: 'REDACT',
      unlessRoles: [...MAGISTRATES, 'CENTRAL_AUTHORITY'],
      unlessPurposes: ['EMERGENCY'],
    },
    { strategy: 'PSEUDONYM', unlessRoles: MAGISTRATES, unlessPurposes: ['EMERGENCY'] },
  ] as const,
};
/** Within the Union, names in clear to all but analysts; beyond it, case pseudonyms only. */
const pseudonymForAnalysts = {
  minimize: [
    { strategy: 'PSEUDONYM', unlessCountries: UNION },
    { strategy: 'PSEUDONYM', unlessRoles: CLEAR_NAME_ROLES },
  ] as const,
};

const RECOGNISED_ROLES: Role[] = [...WATCHLIST_ROLES, 'AUDITOR', 'PUBLIC'];

export const policy: JurisdictionPolicy = {
  jurisdiction: 'DE',
  recognisedRoles: RECOGNISED_ROLES,
  acceptsEmergency: true,
  auditRetentionDays: 2 * 365,
  legalBasis: [
    'Strafprozessordnung §§ 111b ff., 161, 163',
    'Bundesdatenschutzgesetz Teil 3 (Directive (EU) 2016/680)',
    'Außenwirtschaftsgesetz; Council Regulations on restrictive measures',
    'Gesetz über die internationale Rechtshilfe in Strafsachen (IRG), §§ 91a ff.',
  ],
  releasesTo: ['DOMESTIC', 'EU'],
  types: {
    ...registryPolicies({
      assets,
      watchlist,
      disclosures,
      hit: { access: { roles: WATCHLIST_ROLES, purposes: [...CASE_WORK, ...SCREENING] } },
      recognisedRoles: RECOGNISED_ROLES,
    }),
    Person: {
      // A person reached through an order is held back by the order's own rule (EU only).
      object: watchlist,
      fields: {
        id: pseudonymForAnalysts,
        name: pseudonymForAnalysts,
        firstName: pseudonymForAnalysts,
        lastName: pseudonymForAnalysts,
        birthDate: {
          minimize: [
            { strategy: 'REDACT', unlessCountries: UNION },
            { strategy: 'REDACT', unlessRoles: [...CASE_ROLES, 'FIU_OFFICER'] },
            { strategy: 'MONTH', unlessRoles: MAGISTRATES },
          ],
        },
        // Identity document numbers: never to analysts or exchanges, whatever the purpose, and
        // not beyond the Union (the member default).
        idNumber: {
          access: { roles: [...CASE_ROLES, 'FIU_OFFICER'], purposes: [...CASE_WORK, ...SCREENING] },
          ...identityDocumentNumber,
        },
      },
    },
    Ivms101Person: {
      object: { access: disclosures.access },
      fields: {
        dateOfBirth: { minimize: [{ strategy: 'MONTH', unlessRoles: MAGISTRATES }] },
        nationalIdentifier: identityDocumentNumber,
      },
    },
  },
};
