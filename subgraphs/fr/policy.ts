import { EU_INSTRUMENT_ARRANGEMENTS } from '../../core/policy/euInstrumentArrangements.js';
import { EU_REQUEST_DEADLINES } from '../../core/policy/euRequestDeadlines.js';
import { EU_REQUEST_GROUNDS } from '../../core/policy/euRequestGrounds.js';
import type { JurisdictionPolicy, MinimizePolicy } from '../../core/policy/JurisdictionPolicy.js';
import { mergeTypePolicies } from '../../core/policy/mergeTypePolicies.js';
import { matchingPolicies } from '../../core/policy/matchingPolicies.js';
import { serviceStandards } from '../../core/policy/serviceStandards.js';
import { registryPolicies } from '../../core/policy/registryPolicies.js';
import { claimPolicies } from '../../core/policy/claimPolicies.js';
import type { ClaimPolicy } from '../../core/policy/ClaimPolicy.js';
import { requestPolicies } from '../../core/policy/requestPolicies.js';
import type { RequestPolicy } from '../../core/policy/RequestPolicy.js';
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
const ACCEPTS_EMERGENCY = false;

// Requests addressed to France. Within the Union, France applies the instrument that binds
// both states, with the periods it sets; where the law says only "without delay", France's
// service standard fills in a number and says so. Its Council of Europe partners ask under
// the 1959 Convention, and Denmark and Ireland, outside the EU instruments concerned, under it
// too; that Convention sets no period. A judge decides freezing, confiscation and
// de-anonymisation, a prosecutor preservation and production; the central authority (the
// Bureau de l'entraide pénale internationale) acknowledges; asset recovery officers execute
// freezing and confiscation (AGRASC, created by loi n° 2010-768 du 9 juillet 2010, manages
// what they seize).

const { standard, acknowledge: acknowledgeWithin } = serviceStandards('France');
/** Urgent requests are acknowledged within 4 hours, others within 2 working days. */
const acknowledge = (law: string) => acknowledgeWithin(4, 2, law);
const NO_PERIOD_1959 = 'the 1959 Convention sets no period';
/** Issuers that need no validation: only they may use a form that carries none. */
const JUDICIAL_ISSUERS: Role[] = ['JUDGE', 'PROSECUTOR'];

const requests: RequestPolicy = {
  types: {
    FREEZING: {
      instrument: 'Regulation (EU) 2018/1805 (freezing certificate)',
      acceptedFrom: ['EU_2018_1805'],
      issuingRoles: ['JUDGE', 'PROSECUTOR', 'INVESTIGATOR'],
      validationRequiredFor: ['INVESTIGATOR'],
      acknowledgingRoles: ['CENTRAL_AUTHORITY'],
      decidingRoles: ['JUDGE'],
      executingRoles: ['ASSET_RECOVERY_OFFICER'],
      deadlines: [
        ...acknowledge('no statutory period'),
        ...EU_REQUEST_DEADLINES.urgentFreezing,
        standard(
          { milestone: 'DECIDE', amount: 5, unit: 'WORKING_DAYS', from: 'RECEIPT', urgent: false },
          'Regulation (EU) 2018/1805 Art. 9(1): without delay',
        ),
        standard(
          {
            milestone: 'EXECUTE',
            amount: 2,
            unit: 'WORKING_DAYS',
            from: 'DECISION',
            urgent: false,
          },
          'Regulation (EU) 2018/1805 Art. 9(1): without delay',
        ),
      ],
    },
    CONFISCATION: {
      instrument: 'Regulation (EU) 2018/1805 (confiscation certificate)',
      acceptedFrom: ['EU_2018_1805'],
      issuingRoles: JUDICIAL_ISSUERS,
      acknowledgingRoles: ['CENTRAL_AUTHORITY'],
      decidingRoles: ['JUDGE'],
      executingRoles: ['ASSET_RECOVERY_OFFICER'],
      deadlines: [
        standard(
          { milestone: 'ACKNOWLEDGE', amount: 2, unit: 'WORKING_DAYS', from: 'RECEIPT' },
          'no statutory period',
        ),
        ...EU_REQUEST_DEADLINES.confiscation,
        standard(
          { milestone: 'EXECUTE', amount: 30, unit: 'DAYS', from: 'DECISION' },
          'Regulation (EU) 2018/1805 sets no period after recognition',
        ),
      ],
    },
    PRESERVATION: {
      instrument: 'Regulation (EU) 2023/1543 (European Preservation Order)',
      acceptedFrom: ['EU_2023_1543'],
      issuingRoles: JUDICIAL_ISSUERS,
      acknowledgingRoles: ['CENTRAL_AUTHORITY'],
      decidingRoles: ['PROSECUTOR'],
      executingRoles: ['INVESTIGATOR'],
      deadlines: [
        standard(
          { milestone: 'ACKNOWLEDGE', amount: 1, unit: 'WORKING_DAYS', from: 'RECEIPT' },
          'no statutory period',
        ),
        standard(
          { milestone: 'EXECUTE', amount: 2, unit: 'WORKING_DAYS', from: 'RECEIPT' },
          'Regulation (EU) 2023/1543 Art. 11(1): without undue delay',
        ),
        ...EU_REQUEST_DEADLINES.preservation,
      ],
      // Switzerland, the United Kingdom, Iceland and Norway are parties to the Budapest
      // Convention as well as to the 1959 one.
      routes: [
        {
          instrument: 'Convention on Cybercrime (Budapest, 2001), Art. 29 (expedited preservation)',
          acceptedFrom: ['COE_MLA'],
          deadlines: [
            standard(
              { milestone: 'ACKNOWLEDGE', amount: 1, unit: 'WORKING_DAYS', from: 'RECEIPT' },
              'no treaty period',
            ),
            standard(
              { milestone: 'EXECUTE', amount: 2, unit: 'WORKING_DAYS', from: 'RECEIPT' },
              'Budapest Convention Art. 29(3): expeditiously',
            ),
            {
              milestone: 'EXPIRE',
              amount: 60,
              unit: 'DAYS',
              from: 'EXECUTION',
              legalBasis: 'Budapest Convention Art. 29(7): preserved not less than 60 days',
            },
          ],
        },
      ],
    },
    DISCLOSURE: {
      instrument: 'Regulation (EU) 2023/1543 (European Production Order)',
      acceptedFrom: ['EU_2023_1543'],
      issuingRoles: JUDICIAL_ISSUERS,
      acknowledgingRoles: ['CENTRAL_AUTHORITY'],
      decidingRoles: ['PROSECUTOR'],
      executingRoles: ['INVESTIGATOR'],
      deadlines: [...acknowledge('no statutory period'), ...EU_REQUEST_DEADLINES.production],
      routes: [
        {
          instrument:
            'European Convention on Mutual Assistance in Criminal Matters (Council of Europe, 1959)',
          acceptedFrom: ['COE_MLA', 'DK'],
          deadlines: [
            ...acknowledge(NO_PERIOD_1959),
            standard(
              { milestone: 'DECIDE', amount: 30, unit: 'DAYS', from: 'RECEIPT' },
              NO_PERIOD_1959,
            ),
            standard(
              { milestone: 'EXECUTE', amount: 60, unit: 'DAYS', from: 'DECISION' },
              NO_PERIOD_1959,
            ),
          ],
        },
      ],
    },
    DE_ANONYMISATION: {
      instrument: 'Directive 2014/41/EU (European Investigation Order)',
      acceptedFrom: ['EU_EIO'],
      issuingRoles: JUDICIAL_ISSUERS,
      acknowledgingRoles: ['CENTRAL_AUTHORITY'],
      decidingRoles: ['JUDGE'],
      executingRoles: ['CENTRAL_AUTHORITY'],
      deadlines: EU_REQUEST_DEADLINES.investigationOrder,
      // Who is behind a wallet leaves France for case work only, never to partners outside
      // the Union (Directive (EU) 2016/680, chapter V): no route from COE_MLA.
      routes: [
        {
          instrument:
            'European Convention on Mutual Assistance in Criminal Matters (Council of Europe, 1959)',
          acceptedFrom: ['DK', 'IE'],
          deadlines: EU_REQUEST_DEADLINES.investigationOrder.map((rule) => ({
            ...rule,
            legalBasis: `France's service standard, the period of ${rule.legalBasis.split(':')[0]} (${NO_PERIOD_1959})`,
          })),
        },
      ],
      seriousCrimeMinPenaltyYears: 3,
      seriousCrimeLegalBasis:
        "France's threshold, which Directive 2014/41/EU Art. 11(1)(h) lets the executing State set",
      authorisationReviewDays: 90,
      authorisationReviewLegalBasis:
        "France's period of review; Directive (EU) 2016/680 Art. 5 (periodic review of the need to keep personal data)",
    },
  },
  grounds: {
    ...EU_REQUEST_GROUNDS,
    POLITICAL_OFFENCE: {
      label: 'A political offence',
      legalBasis: 'European Convention on Mutual Assistance in Criminal Matters (1959) Art. 2(a)',
      use: 'REFUSAL',
    },
    ESSENTIAL_INTERESTS: {
      label: 'Prejudice to sovereignty, security, ordre public or other essential interests',
      legalBasis: 'European Convention on Mutual Assistance in Criminal Matters (1959) Art. 2(b)',
      use: 'REFUSAL',
    },
  },
  // Public holidays (Code du travail art. L3133-1), 2026 and 2027.
  holidays: [
    '2026-01-01',
    '2026-04-06',
    '2026-05-01',
    '2026-05-08',
    '2026-05-14',
    '2026-05-25',
    '2026-07-14',
    '2026-08-15',
    '2026-11-01',
    '2026-11-11',
    '2026-12-25',
    '2027-01-01',
    '2027-03-29',
    '2027-05-01',
    '2027-05-06',
    '2027-05-08',
    '2027-05-17',
    '2027-07-14',
    '2027-08-15',
    '2027-11-01',
    '2027-11-11',
    '2027-12-25',
  ],
};

// Victims' claims on what France holds. A civil party awarded damages by a final decision, and
// not compensated otherwise, is paid by the AGRASC out of the property whose confiscation was
// finally ordered against its debtor, on a request made within six months of that decision
// (Code de procédure pénale art. 706-164), as Regulation (EU) 2018/1805 Art. 29 asks of an
// executing State for victims abroad. Among victims, PRO_RATA follows the Code civil's rule for
// creditors with no cause of preference, a distribution "par contribution" (art. 2285). What
// remains is disposed of under French law (2018/1805 Art. 30).
// The AGRASC's asset recovery officers verify, allocate and pay; an innocent holder's objection
// goes before a judge (the provision of French law for it is to be confirmed).
const claims: ClaimPolicy = {
  holdsAssets: true,
  acceptedFrom: ['DOMESTIC', 'EU'],
  filingRoles: ['ASSET_RECOVERY_OFFICER', 'PROSECUTOR'],
  verifyingRoles: ['ASSET_RECOVERY_OFFICER'],
  allocatingRoles: ['ASSET_RECOVERY_OFFICER'],
  payingRoles: ['ASSET_RECOVERY_OFFICER'],
  objectionRoles: ['PROSECUTOR', 'ASSET_RECOVERY_OFFICER', 'INVESTIGATOR'],
  objectionDecidingRoles: ['JUDGE'],
  allocation: {
    order: 'PRO_RATA',
    remainder: 'LARGEST_REMAINDER',
    legalBasis:
      'Code de procédure pénale art. 706-164 (victims paid first out of confiscated property); Code civil art. 2285 (pro rata among equal creditors); Regulation (EU) 2018/1805 Art. 29 and 30',
    remainderLegalBasis:
      "France's rule for units a pro-rata division leaves over: largest remainder first (no statutory rule)",
  },
  rejectionGrounds: {
    NO_FINAL_AWARD: {
      label: 'No final decision awards the claimant damages',
      legalBasis: 'Code de procédure pénale art. 706-164',
    },
    LOSS_NOT_TRACED: {
      label: 'The loss is not traced to the confiscated property',
      legalBasis: 'Regulation (EU) 2018/1805 Art. 29(1)',
    },
    BENEFICIARY_NOT_VERIFIED: {
      label: 'The beneficiary could not be verified',
      legalBasis: 'Code de procédure pénale art. 706-164',
    },
  },
  legalBasis: [
    'Code de procédure pénale art. 706-164',
    'Regulation (EU) 2018/1805 Art. 29, 30 and 33',
  ],
};

export const policy: JurisdictionPolicy = {
  jurisdiction: 'FR',
  recognisedRoles: RECOGNISED_ROLES,
  acceptsEmergency: ACCEPTS_EMERGENCY,
  auditRetentionDays: 6 * 365,
  legalBasis: [
    'Code de procédure pénale, art. 11 and 706-141 ff.',
    'Loi n° 78-17 Informatique et Libertés, titre III (Directive (EU) 2016/680)',
    'Regulation (EU) 2018/1805',
    'Directive 2014/41/EU (European Investigation Order)',
    'European Convention on Mutual Assistance in Criminal Matters (Council of Europe, 1959)',
    'Regulation (EU) 2023/1543 (European Production and Preservation Orders)',
    'Convention on Cybercrime (Budapest, 2001)',
  ],
  arrangements: {
    ...EU_INSTRUMENT_ARRANGEMENTS,
    COE_MLA: {
      basis:
        'European Convention on Mutual Assistance in Criminal Matters (Council of Europe, 1959): the parties France names',
      countries: ['CH', 'GB', 'IS', 'NO'],
    },
  },
  releasesTo: ['DOMESTIC', 'EU', 'COE_MLA'],
  requests,
  claims,
  types: mergeTypePolicies(
    registryPolicies({
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
    requestPolicies({ requests, acceptsEmergency: ACCEPTS_EMERGENCY }),
    // Matching (docs/matching.md): analysts learn hit / no-hit, band and case pseudonym;
    // scores and the records go to whoever France names parties to.
    matchingPolicies({
      jurisdiction: 'FR',
      hit: {
        access: {
          roles: [...CASE_ROLES, 'FIU_OFFICER', 'ANALYST'],
          purposes: [...CASE_WORK, ...INTELLIGENCE],
        },
      },
      score: {
        access: {
          roles: [...CASE_ROLES, 'FIU_OFFICER'],
          purposes: [...CASE_WORK, ...INTELLIGENCE],
        },
      },
      record: {
        access: {
          roles: [...CASE_ROLES, 'FIU_OFFICER'],
          purposes: [...CASE_WORK, ...INTELLIGENCE],
        },
      },
    }),
    claimPolicies({ claims }),
    {
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
  ),
};
