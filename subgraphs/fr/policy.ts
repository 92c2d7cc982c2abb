import type { JurisdictionPolicy, MinimizePolicy } from '../../core/policy/JurisdictionPolicy.js';
import { registryPolicies } from '../../core/policy/registryPolicies.js';
import type { Purpose, Role } from '../../core/policy/policySpec.js';

// France. The judicial authority directs what leaves a criminal file (Code de procédure
// pénale art. 11: secrecy of the investigation), and the CNIL reads data minimisation
// (loi Informatique et Libertés, art. 87 ff., transposing Directive (EU) 2016/680) strictly:
// investigators see holders by initials and birth year; only a prosecutor or a judge, under
// a case reference, sees them in full. French law has no emergency route around the
// magistrate, so EMERGENCY is accepted nowhere.
//
// Abroad, France releases within the European Union, whose authorities are bound by Directive
// (EU) 2016/680 and send European Investigation Orders (Directive 2014/41/EU) and freezing
// and confiscation certificates (Regulation (EU) 2018/1805), and to the partners it names
// under the Council of Europe's mutual assistance convention. A release to them is a transfer
// to a third country (Directive (EU) 2016/680, chapter V): only what the request needs
// leaves, so they see persons by initials, birth year and masked numbers whatever their role.
// Requests under any other treaty go through the central authority, outside Comity.

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
/** Where a person may leave unreduced: France and the other EU member states. */
const UNION = ['DOMESTIC', 'EU'];

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
/** The rule for callers from outside the Union, stacked before a field's other rules. */
const outsideUnion = (rule: MinimizePolicy): MinimizePolicy => ({
  ...rule,
  unlessCountries: UNION,
});

/**
 * The value leaves in `strategy`'s form unless a magistrate of the Union asks for case work.
 * Rules stack (the first whose exemptions do not cover the caller applies): the first reduces
 * it for callers from outside the Union, the second for everyone but magistrates, the third
 * for every purpose but case work — so a prosecutor screening a name or reading an FIU file,
 * neither of which names a case, sees initials too. Every case-work purpose requires a case
 * reference (decideAccess's CASE_REF_PURPOSES).
 */
function unlessMagistrateOnCase(rule: MinimizePolicy): { minimize: MinimizePolicy[] } {
  return {
    minimize: [
      outsideUnion(rule),
      { ...rule, unlessRoles: MAGISTRATES },
      { ...rule, unlessPurposes: CASE_WORK },
    ],
  };
}
/** Reduced for callers from outside the Union, and for everyone but magistrates and the FIU. */
function unlessMagistrateOrFiu(rule: MinimizePolicy): { minimize: MinimizePolicy[] } {
  return {
    minimize: [outsideUnion(rule), { ...rule, unlessRoles: [...MAGISTRATES, 'FIU_OFFICER'] }],
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
    'Directive 2014/41/EU (European Investigation Order)',
    'European Convention on Mutual Assistance in Criminal Matters (Council of Europe, 1959)',
  ],
  arrangements: {
    COE_MLA: {
      basis:
        'European Convention on Mutual Assistance in Criminal Matters (Council of Europe, 1959): the parties France names',
      countries: ['CH', 'GB', 'IS', 'NO'],
    },
  },
  releasesTo: ['DOMESTIC', 'EU', 'COE_MLA'],
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
        primaryIdentifier: unlessMagistrateOrFiu({ strategy: 'INITIALS' }),
        secondaryIdentifier: unlessMagistrateOrFiu({ strategy: 'INITIALS' }),
        addressLine: unlessMagistrateOrFiu({ strategy: 'REDACT' }),
        dateOfBirth: unlessMagistrateOnCase({ strategy: 'YEAR' }),
        nationalIdentifier: unlessMagistrateOnCase({ strategy: 'MASK', keep: 4 }),
        customerIdentification: {
          minimize: [
            outsideUnion({ strategy: 'PSEUDONYM' }),
            { strategy: 'PSEUDONYM', unlessRoles: ['FIU_OFFICER'] },
          ],
        },
      },
    },
  },
};
