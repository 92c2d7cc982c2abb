import type { JurisdictionPolicy, MinimizePolicy } from '../../core/policy/JurisdictionPolicy.js';
import { registryPolicies } from '../../core/policy/registryPolicies.js';
import type { Purpose, Role } from '../../core/policy/policySpec.js';

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
/**
 * The value leaves in `strategy`'s form unless a magistrate asks for case work. Rules stack
 * (the first whose exemptions do not cover the caller applies): the first reduces it for
 * everyone but magistrates, the second for every purpose but case work — so a prosecutor
 * screening a name or reading an FIU file, neither of which names a case, sees initials too.
 * Every case-work purpose requires a case reference (decideAccess's CASE_REF_PURPOSES).
 */
function unlessMagistrateOnCase(rule: MinimizePolicy): { minimize: MinimizePolicy[] } {
  return {
    minimize: [
      { ...rule, unlessRoles: MAGISTRATES },
      { ...rule, unlessPurposes: CASE_WORK },
    ],
  };
}
const initialsUnlessMagistrate = unlessMagistrateOnCase({ strategy: 'INITIALS' });

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
        id: unlessMagistrateOnCase({ strategy: 'PSEUDONYM' }),
        name: initialsUnlessMagistrate,
        firstName: initialsUnlessMagistrate,
        lastName: initialsUnlessMagistrate,
        birthDate: unlessMagistrateOnCase({ strategy: 'YEAR' }),
        idNumber: unlessMagistrateOnCase({ strategy: 'MASK', keep: 4 }),
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
        dateOfBirth: unlessMagistrateOnCase({ strategy: 'YEAR' }),
        nationalIdentifier: unlessMagistrateOnCase({ strategy: 'MASK', keep: 4 }),
        customerIdentification: {
          minimize: [{ strategy: 'PSEUDONYM', unlessRoles: ['FIU_OFFICER'] }],
        },
      },
    },
  },
};
