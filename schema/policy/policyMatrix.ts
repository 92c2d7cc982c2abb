import { isObjectType } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { decideAccess, decideDefaultDeny } from '../../core/policy/decideAccess.js';
import type { AccessDenialReason } from '../../core/policy/decideAccess.js';
import { minimizationApplies } from '../../core/policy/minimize.js';
import { effectiveFieldPolicy } from '../../core/policy/readPolicyDirectives.js';
import type { EffectiveFieldPolicy } from '../../core/policy/readPolicyDirectives.js';
import type { Caller } from '../../core/policy/types.js';
import type { JurisdictionPolicy } from '../../core/policy/JurisdictionPolicy.js';
import { MINIMIZE_STRATEGIES, PURPOSES } from '../../core/policy/policySpec.js';
import type { MinimizeStrategy, Purpose, Role } from '../../core/policy/policySpec.js';
import { countryClasses } from './countryClasses.js';
import type { CountryClass } from './countryClasses.js';
import { renderRequestMatrix } from './renderRequestMatrix.js';
import { requestMatrix } from './requestMatrix.js';
import type { RequestMatrix } from './requestMatrix.js';

/** What one caller gets from one field: the value, a reduced form of it, or an error. */
export type PolicyOutcome =
  'released' | `minimised:${MinimizeStrategy}` | `denied:${AccessDenialReason}`;

/** For every recognised role, the outcome under every purpose. */
export type RoleOutcomes = Readonly<Record<string, Readonly<Record<Purpose, PolicyOutcome>>>>;

export interface PolicedField {
  /** `Type.field`. */
  coordinate: string;
  type: string;
  field: string;
  personalData: boolean;
  /** By country class label (PolicyMatrix.countryClasses), the role × purpose outcomes. */
  outcomes: Readonly<Record<string, RoleOutcomes>>;
}

export interface PolicyMatrix {
  jurisdiction: string;
  recognisedRoles: readonly Role[];
  acceptsEmergency: boolean;
  auditRetentionDays: number;
  legalBasis: readonly string[];
  /** The jurisdiction's own callers first, then its arrangements, then everyone else. */
  countryClasses: readonly CountryClass[];
  /** Every field with personal data or a rule, in schema order. */
  fields: PolicedField[];
  /** Its rules for cross-border requests addressed to it. */
  requests: RequestMatrix;
}

/** The matrix caller's case reference: case-work purposes are denied without one. */
const MATRIX_CASE_REF = 'policy-matrix';

/**
 * What enforcement does for this field and caller (accessDirective, then minimizeDirective):
 * personal data is default-deny, and the first `@minimize` whose exemptions do not cover the
 * caller applies.
 */
export function fieldOutcome(
  policy: EffectiveFieldPolicy,
  caller: Caller,
  jurisdiction: string,
): PolicyOutcome {
  const decide = policy.personalData ? decideDefaultDeny : decideAccess;
  const decision = decide(policy.access, caller, jurisdiction);
  if (!decision.allowed) return `denied:${decision.reason}`;
  const rule = policy.minimize.find((candidate) => minimizationApplies(candidate, caller));
  return rule === undefined ? 'released' : `minimised:${rule.strategy}`;
}

/**
 * The country × role × purpose matrix of one jurisdiction, read from its subgraph schema
 * exactly as enforcement reads it: for every policed field, every class of home countries,
 * every recognised role and every purpose, the outcome for a caller of that class holding
 * that single role, stating that purpose, under a case reference. Never written by hand
 * (docs/architecture.md §5).
 */
export function policyMatrix(schema: GraphQLSchema, policy: JurisdictionPolicy): PolicyMatrix {
  const policed: { type: string; field: string; effective: EffectiveFieldPolicy }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    for (const [fieldName, field] of Object.entries(type.toConfig().fields)) {
      if (fieldName.startsWith('_')) continue;
      const effective = effectiveFieldPolicy(schema, type, field, fieldName, policy.jurisdiction);
      if (!effective.personalData && effective.access === null && effective.minimize.length === 0) {
        continue;
      }
      policed.push({ type: type.name, field: fieldName, effective });
    }
  }
  const classes = countryClasses(
    policy,
    policed.map(({ effective }) => effective),
  );
  const fields = policed.map(({ type, field, effective }): PolicedField => {
    const outcomes: Record<string, RoleOutcomes> = {};
    for (const countryClass of classes) {
      const byRole: Record<string, Record<Purpose, PolicyOutcome>> = {};
      for (const role of policy.recognisedRoles) {
        const byPurpose = {} as Record<Purpose, PolicyOutcome>;
        for (const purpose of PURPOSES) {
          byPurpose[purpose] = fieldOutcome(
            effective,
            {
              subject: 'policy-matrix',
              roles: [role],
              homeCountry: countryClass.representative,
              agency: 'policy-matrix',
              purpose,
              caseRef: MATRIX_CASE_REF,
            },
            policy.jurisdiction,
          );
        }
        byRole[role] = byPurpose;
      }
      outcomes[countryClass.label] = byRole;
    }
    return {
      coordinate: `${type}.${field}`,
      type,
      field,
      personalData: effective.personalData,
      outcomes,
    };
  });
  return {
    jurisdiction: policy.jurisdiction,
    recognisedRoles: policy.recognisedRoles,
    acceptsEmergency: policy.acceptsEmergency,
    auditRetentionDays: policy.auditRetentionDays,
    legalBasis: policy.legalBasis,
    countryClasses: classes,
    fields,
    requests: requestMatrix(policy),
  };
}

/** Column headings of the matrix tables; the legend under each jurisdiction spells them out. */
export const PURPOSE_CODES: Readonly<Record<Purpose, string>> = {
  CRIMINAL_INVESTIGATION: 'CI',
  ASSET_TRACING: 'AT',
  FREEZE_EXECUTION: 'FE',
  CONFISCATION_EXECUTION: 'CE',
  VICTIM_RESTITUTION: 'VR',
  SANCTIONS_SCREENING: 'SS',
  AML_INTELLIGENCE: 'AML',
  EMERGENCY: 'EM',
  OVERSIGHT_AUDIT: 'OA',
  STATISTICS: 'ST',
};

const isDenied = (outcome: PolicyOutcome) => outcome.startsWith('denied:');

function cell(outcome: PolicyOutcome): string {
  if (outcome === 'released') return '✓';
  if (isDenied(outcome)) return '—';
  return outcome.slice('minimised:'.length).toLowerCase();
}

const roleSeesSomething = (outcomes: RoleOutcomes, role: string) =>
  PURPOSES.some((purpose) => !isDenied(outcomes[role]![purpose]));

export interface RenderPolicyMatrixOptions {
  /** Display names by jurisdiction code (`FR` → `France`); default: the code alone. */
  names?: Readonly<Record<string, string>>;
}

function heading(matrix: PolicyMatrix, options: RenderPolicyMatrixOptions): string {
  const name = options.names?.[matrix.jurisdiction];
  return name ? `${matrix.jurisdiction} — ${name}` : matrix.jurisdiction;
}

const domesticOf = (matrix: PolicyMatrix) => matrix.countryClasses[0]!;

/** Whether callers of `label` get exactly what domestic callers get from these fields. */
function asDomestic(matrix: PolicyMatrix, label: string, fields: readonly PolicedField[]): boolean {
  const domestic = domesticOf(matrix).label;
  return fields.every(
    (field) => JSON.stringify(field.outcomes[label]) === JSON.stringify(field.outcomes[domestic]),
  );
}

/** One type's field × role × purpose table for callers of one country class. */
function renderTypeTable(
  matrix: PolicyMatrix,
  label: string,
  type: string,
  fields: PolicedField[],
): string[] {
  const lines = [`#### \`${type}\``, ''];
  if (label !== domesticOf(matrix).label && asDomestic(matrix, label, fields)) {
    return [...lines, 'As for domestic callers.', ''];
  }
  const seen = (field: PolicedField) =>
    matrix.recognisedRoles.filter((role) => roleSeesSomething(field.outcomes[label]!, role));
  if (fields.every((field) => seen(field).length === 0)) {
    return [...lines, 'Every field denied to every role.', ''];
  }
  lines.push(
    `| Field | Role | ${PURPOSES.map((purpose) => PURPOSE_CODES[purpose]).join(' | ')} |`,
    `| --- | --- | ${PURPOSES.map(() => ':-:').join(' | ')} |`,
  );
  for (const field of fields) {
    const roles = seen(field);
    const name = `\`${field.field}\`${field.personalData ? ' (personal data)' : ''}`;
    if (roles.length === 0) {
      lines.push(`| ${name} | every role | ${PURPOSES.map(() => '—').join(' | ')} |`);
      continue;
    }
    roles.forEach((role, index) => {
      const cells = PURPOSES.map((purpose) => cell(field.outcomes[label]![role]![purpose]));
      lines.push(`| ${index === 0 ? name : ''} | ${role} | ${cells.join(' | ')} |`);
    });
  }
  const deniedEverything = matrix.recognisedRoles.filter(
    (role) => !fields.some((field) => roleSeesSomething(field.outcomes[label]!, role)),
  );
  lines.push(
    '',
    deniedEverything.length > 0
      ? `Denied every field of \`${type}\` here, for every purpose: ${deniedEverything.join(', ')}.`
      : `Every recognised role sees some field of \`${type}\` here.`,
    '',
  );
  return lines;
}

/** `FR`, `EU`, … as a class's heading in prose. */
function classHeading(countryClass: CountryClass): string {
  switch (countryClass.kind) {
    case 'DOMESTIC':
      return `Domestic callers (${countryClass.label})`;
    case 'ARRANGEMENT':
      return `Callers from ${countryClass.label}`;
    case 'OTHER':
      return 'Callers from other countries';
  }
}

/** The table of a jurisdiction's country classes: who they are and under what. */
function renderCountryClasses(matrix: PolicyMatrix): string[] {
  const rows = matrix.countryClasses.map((countryClass) => {
    const under =
      countryClass.kind === 'DOMESTIC'
        ? 'its own authorities'
        : countryClass.kind === 'OTHER'
          ? 'no arrangement'
          : [
              ...countryClass.arrangements.map(({ name, basis }) => `${name}: ${basis}`),
              ...(countryClass.namedOneByOne.length > 0 ? ['countries named one by one'] : []),
            ].join('; ');
    const countries =
      countryClass.kind === 'OTHER'
        ? `the ${countryClass.countries.length} other ISO 3166-1 countries`
        : countryClass.countries.join(', ');
    return `| ${countryClass.label} | ${countries} | ${under} |`;
  });
  return [
    'Callers by home country (the country in their verified token; every country of a class meets the same rules):',
    '',
    '| Class | Countries | Released under |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ];
}

/**
 * The full matrix as Markdown, for docs/policy-matrix.md: per jurisdiction its legal basis,
 * emergency rule, audit retention and classes of home countries, then for each class one
 * table per policed type, rows field × role (roles denied everything on a field are left
 * out), columns purposes; a type a foreign class meets exactly as domestic callers do is
 * said so instead of repeated. Last, the jurisdiction's rules for cross-border requests.
 */
export function renderPolicyMatrix(
  matrices: readonly PolicyMatrix[],
  options: RenderPolicyMatrixOptions = {},
): string {
  const lines = [
    '# Policy matrix',
    '',
    "<!-- Generated by `npm run policy:matrix` from each jurisdiction's subgraph schema. Do not edit. -->",
    '',
    'What each jurisdiction releases, field by field, to a caller from one class of home',
    'countries, holding one role and stating one purpose under a case reference, read from',
    'its subgraph schema exactly as the subgraph enforces it. `✓` released as stored; a',
    'strategy name (`initials`, `year`, …) released in that reduced form (see',
    '`MinimizeStrategy` in core/policy/policySpec.graphql); `—` denied: the field is null and',
    'the response carries a FORBIDDEN error.',
    '',
    'Each field is also reached only through its parents: `Person.name` under a freezing order',
    'leaves only if `FreezingOrder.affectedParty` and the list that holds the order do too.',
    'Without a case reference, the case-work purposes (CI, AT, FE, CE, VR, EM) are denied',
    'everywhere, and so is every value a pseudonym stands for. Every release under EMERGENCY',
    'becomes an item a judge must review within 48 hours. Oversight is national: OA',
    '(OVERSIGHT_AUDIT) is denied to callers from any other country (FOREIGN_OVERSIGHT). A',
    "caller from a country none of a jurisdiction's arrangements names is denied what its",
    'rules keep to those arrangements (COUNTRY_NOT_ALLOWED).',
    '',
    `Purposes: ${PURPOSES.map((purpose) => `${PURPOSE_CODES[purpose]} ${purpose}`).join(', ')}.`,
    '',
  ];
  for (const matrix of matrices) {
    lines.push(
      `## ${heading(matrix, options)}`,
      '',
      'Legal basis:',
      '',
      ...matrix.legalBasis.map((source) => `- ${source}`),
      '',
      `Emergency releases: ${matrix.acceptsEmergency ? 'accepted' : 'not accepted'}. ` +
        `Audit events kept ${matrix.auditRetentionDays} days. ` +
        `Recognised roles: ${matrix.recognisedRoles.join(', ')}.`,
      '',
      ...renderCountryClasses(matrix),
    );
    const types = [...new Set(matrix.fields.map((field) => field.type))];
    for (const countryClass of matrix.countryClasses) {
      lines.push(`### ${classHeading(countryClass)}`, '');
      for (const type of types) {
        lines.push(
          ...renderTypeTable(
            matrix,
            countryClass.label,
            type,
            matrix.fields.filter((field) => field.type === type),
          ),
        );
      }
    }
    lines.push(...renderRequestMatrix(matrix.requests));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The coordinates the README summary shows: what a reader asks about first. */
export const SUMMARY_COORDINATES = [
  'Person.name',
  'Person.birthDate',
  'Person.idNumber',
  'Ivms101Person.primaryIdentifier',
  'Transaction.amount',
  'WalletRecords.hit',
  'WalletRecords.watchlistEntries',
  'WalletRecords.freezingOrders',
  'WalletRecords.exchangeDisclosures',
] as const;

/**
 * How much of a value an outcome lets through, to pick a role's most permissive purpose:
 * the whole value, then reduced forms from the most to the least telling, then nothing.
 */
const PERMISSIVENESS: Readonly<Record<MinimizeStrategy, number>> = {
  MONTH: 8,
  YEAR: 7,
  MASK: 6,
  INITIALS: 5,
  RANGE: 4,
  PSEUDONYM: 3,
  EXISTS: 2,
  REDACT: 1,
};

function permissiveness(outcome: PolicyOutcome): number {
  if (outcome === 'released') return MINIMIZE_STRATEGIES.length + 1;
  if (isDenied(outcome)) return 0;
  return PERMISSIVENESS[outcome.slice('minimised:'.length) as MinimizeStrategy];
}

function purposeList(purposes: readonly Purpose[]): string {
  if (purposes.length === PURPOSES.length) return 'any purpose';
  return purposes.map((purpose) => PURPOSE_CODES[purpose]).join(', ');
}

/** `released: PROSECUTOR, JUDGE (any purpose); initials: INVESTIGATOR (CI, AT)`. */
function summariseOutcomes(matrix: PolicyMatrix, outcomesByRole: RoleOutcomes): string {
  const groups = new Map<
    string,
    { rank: number; label: string; purposes: string; roles: string[] }
  >();
  for (const role of matrix.recognisedRoles) {
    const outcomes = outcomesByRole[role]!;
    const best = Math.max(...PURPOSES.map((purpose) => permissiveness(outcomes[purpose])));
    if (best === 0) continue;
    const purposes = PURPOSES.filter((purpose) => permissiveness(outcomes[purpose]) === best);
    const outcome = outcomes[purposes[0]!];
    const label = outcome === 'released' ? 'released' : cell(outcome);
    const key = `${label} ${purposeList(purposes)}`;
    const group = groups.get(key) ?? {
      rank: best,
      label,
      purposes: purposeList(purposes),
      roles: [],
    };
    group.roles.push(role);
    groups.set(key, group);
  }
  if (groups.size === 0) return 'denied to every role';
  return [...groups.values()]
    .sort((a, b) => b.rank - a.rank)
    .map(({ label, purposes, roles }) => `${label}: ${roles.join(', ')} (${purposes})`)
    .join('; ');
}

/** One summary row: the domestic outcome, then each foreign class's where it differs. */
function summaryRow(matrix: PolicyMatrix, coordinate: string): string[] {
  const field = matrix.fields.find((candidate) => candidate.coordinate === coordinate);
  if (field === undefined) {
    return matrix.countryClasses.map((_, index) =>
      index === 0 ? 'no rule of its own: as its parent allows' : 'as its parent allows',
    );
  }
  const domestic = summariseOutcomes(matrix, field.outcomes[domesticOf(matrix).label]!);
  return matrix.countryClasses.map((countryClass, index) => {
    if (index === 0) return domestic;
    const summary = summariseOutcomes(matrix, field.outcomes[countryClass.label]!);
    return summary === domestic ? 'as domestic' : summary;
  });
}

/**
 * The README's compact view of the same matrices: for the fields readers ask about first,
 * each role's outcome under its most permissive purpose, roles denied everything left out,
 * one column per class of home countries.
 */
export function renderPolicyMatrixSummary(
  matrices: readonly PolicyMatrix[],
  options: RenderPolicyMatrixOptions & {
    /** Where the full matrix lives, relative to the README. */
    matrixPath: string;
  },
): string {
  const lines = [
    "Generated by `npm run policy:matrix` from each jurisdiction's subgraph schema. For each",
    "field, each role's outcome under its most permissive purposes (with a case reference),",
    "by the caller's home country: the jurisdiction's own, each class of countries its",
    'arrangements name (EU member states, treaty partners), and every other country. Roles',
    'left out are denied. Purposes: ' +
      PURPOSES.map((purpose) => `${PURPOSE_CODES[purpose]} ${purpose}`).join(', ') +
      '.',
    '',
  ];
  for (const matrix of matrices) {
    const classes = matrix.countryClasses;
    const arrangements = classes.flatMap((countryClass) =>
      countryClass.arrangements.map(({ name, basis }) => `${name}: ${basis}`),
    );
    lines.push(
      `**${heading(matrix, options)}** (emergency releases ` +
        `${matrix.acceptsEmergency ? 'accepted' : 'not accepted'}` +
        `${arrangements.length > 0 ? `; ${arrangements.join('; ')}` : ''})`,
      '',
      `| Field | ${classes.map((countryClass) => (countryClass.kind === 'DOMESTIC' ? `${countryClass.label} (domestic)` : countryClass.label)).join(' | ')} |`,
      `| --- | ${classes.map(() => '---').join(' | ')} |`,
      ...SUMMARY_COORDINATES.map(
        (coordinate) => `| \`${coordinate}\` | ${summaryRow(matrix, coordinate).join(' | ')} |`,
      ),
      '',
    );
  }
  lines.push(
    `The full country × role × purpose matrix of every field: [${options.matrixPath}](${options.matrixPath}).`,
  );
  return lines.join('\n');
}
