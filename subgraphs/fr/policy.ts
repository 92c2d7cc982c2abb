import type { JurisdictionPolicy } from '../../schema/policy/JurisdictionPolicy.js';
import { registryPolicies } from '../../schema/policy/registryPolicies.js';
import type { Purpose, Role } from '../../schema/policy/policySpec.js';

// France. The judicial authority directs what leaves a criminal file (Code de procédure
// pénale art. 11: secrecy of the investigation), and the CNIL reads data minimisation
// (loi Informatique et Libertés, art. 87 ff., transposing Directive (EU) 2016/680) strictly:
// investigators see holders by initials and birth year; only a prosecutor or a judge, under
// a case reference, sees them in full. French law has no emergency route around the
// magistrate, so EMERGENCY is accepted nowhere.

/** Roles that work criminal files and the execution of orders. */
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
];
const INTELLIGENCE: Purpose[] = ['SANCTIONS_SCREENING', 'AML_INTELLIGENCE'];

const assets = { access: { roles: CASE_ROLES, purposes: CASE_WORK } };
const watchlist = {
  access: {
    roles: [...CASE_ROLES, 'FIU_OFFICER'] as Role[],
    purposes: [...CASE_WORK, ...INTELLIGENCE],
  },
};
const disclosures = {
  access: {
    roles: ['FIU_OFFICER', 'INVESTIGATOR', 'PROSECUTOR', 'JUDGE'] as Role[],
    purposes: ['AML_INTELLIGENCE', 'CRIMINAL_INVESTIGATION', 'ASSET_TRACING'] as Purpose[],
  },
};
const initialsUnlessMagistrate = {
  minimize: [{ strategy: 'INITIALS', unlessRoles: MAGISTRATES }] as const,
};

const RECOGNISED_ROLES: Role[] = [...CASE_ROLES, 'FIU_OFFICER', 'ANALYST', 'AUDITOR', 'PUBLIC'];

export const policy: JurisdictionPolicy = {
  jurisdiction: 'FR',
  recognisedRoles: RECOGNISED_ROLES,
  acceptsEmergency: false,
  auditRetentionDays: 6 * 365,
  legalBasis: [
    'Code de procédure pénale, art. 11 and 706-141 ff.',
    'Loi n° 78-17 Informatique et Libertés, titre III (Directive (EU) 2016/680)',
    'Regulation (EU) 2018/1805',
  ],
  types: {
    ...registryPolicies({
      assets,
      watchlist,
      disclosures,
      // Analysts learn whether France holds anything on a wallet, nothing more.
      hit: {
        access: {
          roles: [...CASE_ROLES, 'FIU_OFFICER', 'ANALYST'],
          purposes: [...CASE_WORK, ...INTELLIGENCE],
        },
      },
      recognisedRoles: RECOGNISED_ROLES,
    }),
    Person: {
      object: {
        access: {
          roles: [...CASE_ROLES, 'FIU_OFFICER'],
          purposes: [...CASE_WORK, ...INTELLIGENCE],
        },
      },
      fields: {
        id: { minimize: [{ strategy: 'PSEUDONYM', unlessRoles: MAGISTRATES }] },
        name: initialsUnlessMagistrate,
        firstName: initialsUnlessMagistrate,
        lastName: initialsUnlessMagistrate,
        birthDate: { minimize: [{ strategy: 'YEAR', unlessRoles: MAGISTRATES }] },
        idNumber: { minimize: [{ strategy: 'MASK', keep: 4, unlessRoles: MAGISTRATES }] },
      },
    },
    Ivms101Person: {
      object: { access: disclosures.access },
      fields: {
        primaryIdentifier: {
          minimize: [{ strategy: 'INITIALS', unlessRoles: [...MAGISTRATES, 'FIU_OFFICER'] }],
        },
        secondaryIdentifier: {
          minimize: [{ strategy: 'INITIALS', unlessRoles: [...MAGISTRATES, 'FIU_OFFICER'] }],
        },
        addressLine: {
          minimize: [{ strategy: 'REDACT', unlessRoles: [...MAGISTRATES, 'FIU_OFFICER'] }],
        },
        dateOfBirth: { minimize: [{ strategy: 'YEAR', unlessRoles: MAGISTRATES }] },
        nationalIdentifier: { minimize: [{ strategy: 'MASK', keep: 4, unlessRoles: MAGISTRATES }] },
        customerIdentification: {
          minimize: [{ strategy: 'PSEUDONYM', unlessRoles: ['FIU_OFFICER'] }],
        },
      },
    },
  },
};
