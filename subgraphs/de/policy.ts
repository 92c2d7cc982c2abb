import { EU_INSTRUMENT_ARRANGEMENTS } from '../../core/policy/euInstrumentArrangements.js';
import { EU_REQUEST_DEADLINES } from '../../core/policy/euRequestDeadlines.js';
import { EU_REQUEST_GROUNDS } from '../../core/policy/euRequestGrounds.js';
import type { JurisdictionPolicy } from '../../core/policy/JurisdictionPolicy.js';
import { mergeTypePolicies } from '../../core/policy/mergeTypePolicies.js';
import { matchingPolicies } from '../../core/policy/matchingPolicies.js';
import { serviceStandards } from '../../core/policy/serviceStandards.js';
import { registryPolicies } from '../../core/policy/registryPolicies.js';
import { claimPolicies } from '../../core/policy/claimPolicies.js';
import type { ClaimPolicy } from '../../core/policy/ClaimPolicy.js';
import { requestPolicies } from '../../core/policy/requestPolicies.js';
import type { RequestPolicy } from '../../core/policy/RequestPolicy.js';
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
const ACCEPTS_EMERGENCY = true;

// Requests addressed to Germany: from the other member states only, under the EU instrument
// binding both (IRG §§ 91a ff. for the European Investigation Order), and from Denmark, which
// takes part in none of them, under the 1959 Convention (IRG §§ 59 ff.). Every recognition is
// a judge's; the central authority acknowledges and releases data; asset recovery officers
// execute freezing and confiscation. Germany de-anonymises for fewer offences than France and
// reviews an authorisation sooner.

const { standard, acknowledge: acknowledgeWithin } = serviceStandards('Germany');
/** Urgent requests are acknowledged within 2 hours, others within 1 working day. */
const acknowledge = (law: string) => acknowledgeWithin(2, 1, law);
const NO_PERIOD_1959 = 'the 1959 Convention sets no period';
const CONVENTION_1959 =
  'European Convention on Mutual Assistance in Criminal Matters (Council of Europe, 1959), IRG §§ 59 ff.';
/** Issuers that need no validation: only they may use a form that carries none. */
const JUDICIAL_ISSUERS: Role[] = ['JUDGE', 'PROSECUTOR'];
const JUDGES: Role[] = ['JUDGE'];
const CENTRAL_AUTHORITY: Role[] = ['CENTRAL_AUTHORITY'];

const requests: RequestPolicy = {
  types: {
    FREEZING: {
      instrument: 'Regulation (EU) 2018/1805 (freezing certificate)',
      acceptedFrom: ['EU_2018_1805'],
      issuingRoles: ['JUDGE', 'PROSECUTOR', 'INVESTIGATOR'],
      validationRequiredFor: ['INVESTIGATOR'],
      acknowledgingRoles: CENTRAL_AUTHORITY,
      decidingRoles: JUDGES,
      executingRoles: ['ASSET_RECOVERY_OFFICER'],
      deadlines: [
        ...acknowledge('no statutory period'),
        ...EU_REQUEST_DEADLINES.urgentFreezing,
        standard(
          { milestone: 'DECIDE', amount: 3, unit: 'WORKING_DAYS', from: 'RECEIPT', urgent: false },
          'Regulation (EU) 2018/1805 Art. 9(1): without delay',
        ),
        standard(
          {
            milestone: 'EXECUTE',
            amount: 1,
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
      acknowledgingRoles: CENTRAL_AUTHORITY,
      decidingRoles: JUDGES,
      executingRoles: ['ASSET_RECOVERY_OFFICER'],
      deadlines: [
        standard(
          { milestone: 'ACKNOWLEDGE', amount: 1, unit: 'WORKING_DAYS', from: 'RECEIPT' },
          'no statutory period',
        ),
        ...EU_REQUEST_DEADLINES.confiscation,
        standard(
          { milestone: 'EXECUTE', amount: 20, unit: 'WORKING_DAYS', from: 'DECISION' },
          'Regulation (EU) 2018/1805 sets no period after recognition',
        ),
      ],
    },
    PRESERVATION: {
      instrument: 'Regulation (EU) 2023/1543 (European Preservation Order)',
      acceptedFrom: ['EU_2023_1543'],
      issuingRoles: JUDICIAL_ISSUERS,
      acknowledgingRoles: CENTRAL_AUTHORITY,
      decidingRoles: JUDGES,
      executingRoles: CENTRAL_AUTHORITY,
      deadlines: [
        standard(
          { milestone: 'ACKNOWLEDGE', amount: 12, unit: 'HOURS', from: 'RECEIPT' },
          'no statutory period',
        ),
        standard(
          { milestone: 'EXECUTE', amount: 24, unit: 'HOURS', from: 'RECEIPT' },
          'Regulation (EU) 2023/1543 Art. 11(1): without undue delay',
        ),
        ...EU_REQUEST_DEADLINES.preservation,
      ],
    },
    DISCLOSURE: {
      instrument: 'Regulation (EU) 2023/1543 (European Production Order)',
      acceptedFrom: ['EU_2023_1543'],
      issuingRoles: JUDICIAL_ISSUERS,
      acknowledgingRoles: CENTRAL_AUTHORITY,
      decidingRoles: JUDGES,
      executingRoles: CENTRAL_AUTHORITY,
      deadlines: [...acknowledge('no statutory period'), ...EU_REQUEST_DEADLINES.production],
      routes: [
        {
          instrument: CONVENTION_1959,
          acceptedFrom: ['DK'],
          deadlines: [
            ...acknowledge(NO_PERIOD_1959),
            standard(
              { milestone: 'DECIDE', amount: 30, unit: 'DAYS', from: 'RECEIPT' },
              NO_PERIOD_1959,
            ),
            standard(
              { milestone: 'EXECUTE', amount: 90, unit: 'DAYS', from: 'DECISION' },
              NO_PERIOD_1959,
            ),
          ],
        },
      ],
    },
    DE_ANONYMISATION: {
      instrument: 'Directive 2014/41/EU (European Investigation Order), IRG §§ 91a ff.',
      acceptedFrom: ['EU_EIO'],
      issuingRoles: JUDICIAL_ISSUERS,
      acknowledgingRoles: CENTRAL_AUTHORITY,
      decidingRoles: JUDGES,
      executingRoles: CENTRAL_AUTHORITY,
      deadlines: EU_REQUEST_DEADLINES.investigationOrder,
      routes: [
        {
          instrument: CONVENTION_1959,
          acceptedFrom: ['DK', 'IE'],
          deadlines: EU_REQUEST_DEADLINES.investigationOrder.map((rule) => ({
            ...rule,
            legalBasis: `Germany's service standard, the period of ${rule.legalBasis.split(':')[0]} (${NO_PERIOD_1959})`,
          })),
        },
      ],
      // Five years is the maximum penalty of money laundering and fraud (StGB §§ 261, 263):
      // the offences of this federation's cases, and the least Germany de-anonymises for.
      seriousCrimeMinPenaltyYears: 5,
      seriousCrimeLegalBasis:
        "Germany's threshold, which Directive 2014/41/EU Art. 11(1)(h) lets the executing State set",
      authorisationReviewDays: 30,
      authorisationReviewLegalBasis:
        "Germany's period of review; Directive (EU) 2016/680 Art. 5 (periodic review of the need to keep personal data)",
    },
  },
  grounds: {
    ...EU_REQUEST_GROUNDS,
    FUNDAMENTAL_RIGHTS: {
      ...EU_REQUEST_GROUNDS.FUNDAMENTAL_RIGHTS,
      legalBasis: `${EU_REQUEST_GROUNDS.FUNDAMENTAL_RIGHTS.legalBasis}; IRG § 73 (ordre public)`,
    },
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
  // Public holidays in every Land, 2026 and 2027 (3 October: Einigungsvertrag Art. 2(2)).
  holidays: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-01',
    '2026-05-14',
    '2026-05-25',
    '2026-10-03',
    '2026-12-25',
    '2026-12-26',
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-01',
    '2027-05-06',
    '2027-05-17',
    '2027-10-03',
    '2027-12-25',
    '2027-12-26',
  ],
};

// Victims' claims on what Germany holds. Since the 2017 reform of asset recovery, a confiscated
// object goes back to the injured party and the proceeds of a confiscation of value are paid
// out to them (StPO § 459h(1), (2)), on a claim notified to the enforcement authority within six
// months of notice of the final order (StPO § 459j(1), § 459k(1)), before the State keeps
// anything, as Regulation (EU) 2018/1805 Art. 29 asks of an executing State. Where several
// injured parties' claims exceed what was secured, the prosecutor applies for insolvency
// proceedings, in which they share in proportion, no longer first come first served (StPO
// § 111i(2), applied to proceeds by § 459h(2)); PRO_RATA stands in for that quota. The public
// prosecutor's office enforces (Vollstreckungsbehörde) and so verifies, allocates and pays;
// objections to its enforcement decisions go to the court (StPO § 459o). A judge decides an
// innocent holder's objection; the provision of German law for it is to be confirmed.
const claims: ClaimPolicy = {
  holdsAssets: true,
  acceptedFrom: ['DOMESTIC', 'EU'],
  filingRoles: ['ASSET_RECOVERY_OFFICER', 'PROSECUTOR', 'INVESTIGATOR'],
  verifyingRoles: ['PROSECUTOR'],
  allocatingRoles: ['PROSECUTOR'],
  payingRoles: ['PROSECUTOR', 'ASSET_RECOVERY_OFFICER'],
  objectionRoles: ['PROSECUTOR', 'ASSET_RECOVERY_OFFICER'],
  objectionDecidingRoles: ['JUDGE'],
  allocation: {
    order: 'PRO_RATA',
    remainder: 'EARLIEST_LOSS',
    legalBasis:
      'StPO § 459h and § 459k (return to the injured party first); StPO § 111i (shortfall: shared in proportion); Regulation (EU) 2018/1805 Art. 29 and 30',
    remainderLegalBasis:
      "Germany's rule for units a pro-rata division leaves over: one each in the order of the losses (no statutory rule)",
  },
  rejectionGrounds: {
    LATE_NOTIFICATION: {
      label: 'The claim was notified after the six months',
      legalBasis: 'StPO § 459k(1)',
    },
    NOT_INJURED_PARTY: {
      label: 'The claimant is not the injured party of the offence',
      legalBasis: 'StPO § 459h(1)',
    },
    LOSS_NOT_TRACED: {
      label: 'The loss is not traced to the confiscated property',
      legalBasis: 'Regulation (EU) 2018/1805 Art. 29(1)',
    },
  },
  legalBasis: ['StPO § 111i, § 459h, § 459k, § 459o', 'Regulation (EU) 2018/1805 Art. 29, 30 and 33'],
};

export const policy: JurisdictionPolicy = {
  jurisdiction: 'DE',
  recognisedRoles: RECOGNISED_ROLES,
  acceptsEmergency: ACCEPTS_EMERGENCY,
  auditRetentionDays: 2 * 365,
  legalBasis: [
    'Strafprozessordnung §§ 111b ff., 161, 163',
    'Bundesdatenschutzgesetz Teil 3 (Directive (EU) 2016/680)',
    'Außenwirtschaftsgesetz; Council Regulations on restrictive measures',
    'Gesetz über die internationale Rechtshilfe in Strafsachen (IRG), §§ 91a ff.',
    'Regulation (EU) 2018/1805; Regulation (EU) 2023/1543',
  ],
  arrangements: EU_INSTRUMENT_ARRANGEMENTS,
  releasesTo: ['DOMESTIC', 'EU'],
  requests,
  claims,
  types: mergeTypePolicies(
    registryPolicies({
      assets,
      watchlist,
      disclosures,
      hit: { access: { roles: WATCHLIST_ROLES, purposes: [...CASE_WORK, ...SCREENING] } },
      recognisedRoles: RECOGNISED_ROLES,
    }),
    requestPolicies({ requests, acceptsEmergency: ACCEPTS_EMERGENCY }),
    // Matching (docs/matching.md): whoever may screen the watchlist learns hit / no-hit,
    // band and case pseudonym; scores to those who see names; records to case staff and the FIU.
    matchingPolicies({
      jurisdiction: 'DE',
      hit: { access: { roles: WATCHLIST_ROLES, purposes: [...CASE_WORK, ...SCREENING] } },
      score: { access: { roles: CLEAR_NAME_ROLES, purposes: [...CASE_WORK, ...SCREENING] } },
      record: {
        access: { roles: [...CASE_ROLES, 'FIU_OFFICER'], purposes: [...CASE_WORK, ...SCREENING] },
      },
    }),
    claimPolicies({ claims }),
    {
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
            access: {
              roles: [...CASE_ROLES, 'FIU_OFFICER'],
              purposes: [...CASE_WORK, ...SCREENING],
            },
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
  ),
};
