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

/** What one caller gets from one field: the value, a reduced form of it, or an error. */
export type PolicyOutcome =
  'released' | `minimised:${MinimizeStrategy}` | `denied:${AccessDenialReason}`;

export interface PolicedField {
  /** `Type.field`. */
  coordinate: string;
  type: string;
  field: string;
  personalData: boolean;
  /** For every recognised role, the outcome under every purpose. */
  outcomes: Readonly<Record<string, Readonly<Record<Purpose, PolicyOutcome>>>>;
}

export interface PolicyMatrix {
  jurisdiction: string;
  recognisedRoles: readonly Role[];
  acceptsEmergency: boolean;
  auditRetentionDays: number;
  legalBasis: readonly string[];
  /** Every field with personal data or a rule, in schema order. */
  fields: PolicedField[];
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
 * The role × purpose matrix of one jurisdiction, read from its subgraph schema exactly as
 * enforcement reads it: for every policed field, every recognised role and every purpose,
 * the outcome for a caller holding that single role, stating that purpose, under a case
 * reference. Never written by hand (docs/architecture.md §5).
 */
export function policyMatrix(schema: GraphQLSchema, policy: JurisdictionPolicy): PolicyMatrix {
  const fields: PolicedField[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    for (const [fieldName, field] of Object.entries(type.toConfig().fields)) {
      if (fieldName.startsWith('_')) continue;
      const effective = effectiveFieldPolicy(schema, type, field, fieldName, policy.jurisdiction);
      if (!effective.personalData && effective.access === null && effective.minimize.length === 0) {
        continue;
      }
      const outcomes: Record<string, Record<Purpose, PolicyOutcome>> = {};
      for (const role of policy.recognisedRoles) {
        const byPurpose = {} as Record<Purpose, PolicyOutcome>;
        for (const purpose of PURPOSES) {
          byPurpose[purpose] = fieldOutcome(
            effective,
            {
              subject: 'policy-matrix',
              roles: [role],
              homeCountry: policy.jurisdiction,
              agency: 'policy-matrix',
              purpose,
              caseRef: MATRIX_CASE_REF,
            },
            policy.jurisdiction,
          );
        }
        outcomes[role] = byPurpose;
      }
      fields.push({
        coordinate: `${type.name}.${fieldName}`,
        type: type.name,
        field: fieldName,
        personalData: effective.personalData,
        outcomes,
      });
    }
  }
  return {
    jurisdiction: policy.jurisdiction,
    recognisedRoles: policy.recognisedRoles,
    acceptsEmergency: policy.acceptsEmergency,
    auditRetentionDays: policy.auditRetentionDays,
    legalBasis: policy.legalBasis,
    fields,
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

const roleSeesSomething = (field: PolicedField, role: string) =>
  PURPOSES.some((purpose) => !isDenied(field.outcomes[role]![purpose]));

export interface RenderPolicyMatrixOptions {
  /** Display names by jurisdiction code (`FR` → `France`); default: the code alone. */
  names?: Readonly<Record<string, string>>;
}

function heading(matrix: PolicyMatrix, options: RenderPolicyMatrixOptions): string {
  const name = options.names?.[matrix.jurisdiction];
  return name ? `${matrix.jurisdiction} — ${name}` : matrix.jurisdiction;
}

function renderTypeTable(matrix: PolicyMatrix, type: string, fields: PolicedField[]): string[] {
  const lines = [
    `### \`${type}\``,
    '',
    `| Field | Role | ${PURPOSES.map((purpose) => PURPOSE_CODES[purpose]).join(' | ')} |`,
    `| --- | --- | ${PURPOSES.map(() => ':-:').join(' | ')} |`,
  ];
  for (const field of fields) {
    const roles = matrix.recognisedRoles.filter((role) => roleSeesSomething(field, role));
    const label = `\`${field.field}\`${field.personalData ? ' (personal data)' : ''}`;
    if (roles.length === 0) {
      lines.push(`| ${label} | every role | ${PURPOSES.map(() => '—').join(' | ')} |`);
      continue;
    }
    roles.forEach((role, index) => {
      const cells = PURPOSES.map((purpose) => cell(field.outcomes[role]![purpose]));
      lines.push(`| ${index === 0 ? label : ''} | ${role} | ${cells.join(' | ')} |`);
    });
  }
  const deniedEverything = matrix.recognisedRoles.filter(
    (role) => !fields.some((field) => roleSeesSomething(field, role)),
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

/**
 * The full matrix as Markdown, for docs/policy-matrix.md: per jurisdiction its legal basis,
 * emergency rule and audit retention, then one table per policed type, rows field × role
 * (roles denied everything on a field are left out), columns purposes.
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
    'What each jurisdiction releases, field by field, to a caller holding one role and stating',
    'one purpose under a case reference, read from its subgraph schema exactly as the subgraph',
    'enforces it. `✓` released as stored; a strategy name (`initials`, `year`, …) released',
    'in that reduced form (see `MinimizeStrategy` in core/policy/policySpec.graphql); `—`',
    'denied: the field is null and the response carries a FORBIDDEN error.',
    '',
    'Each field is also reached only through its parents: `Person.name` under a freezing order',
    'leaves only if `FreezingOrder.affectedParty` and the list that holds the order do too.',
    'Without a case reference, the case-work purposes (CI, AT, FE, CE, VR, EM) are denied',
    'everywhere. Every release under EMERGENCY becomes an item a judge must review within 48',
    "hours. The callers here are of the jurisdiction's own country: oversight is national, so",
    'OA (OVERSIGHT_AUDIT) is denied to callers from any other country (FOREIGN_OVERSIGHT).',
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
    );
    const types = [...new Set(matrix.fields.map((field) => field.type))];
    for (const type of types) {
      lines.push(
        ...renderTypeTable(
          matrix,
          type,
          matrix.fields.filter((field) => field.type === type),
        ),
      );
    }
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
function summariseField(matrix: PolicyMatrix, coordinate: string): string {
  const field = matrix.fields.find((candidate) => candidate.coordinate === coordinate);
  if (field === undefined) return 'no rule of its own: as its parent allows';
  const groups = new Map<
    string,
    { rank: number; label: string; purposes: string; roles: string[] }
  >();
  for (const role of matrix.recognisedRoles) {
    const outcomes = field.outcomes[role]!;
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

/**
 * The README's compact view of the same matrices: for the fields readers ask about first,
 * each role's outcome under its most permissive purpose, roles denied everything left out.
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
    "field, each role's outcome under its most permissive purposes (with a case reference, as",
    'a caller of that country: OVERSIGHT_AUDIT is denied to foreign callers, FOREIGN_OVERSIGHT);',
    'roles left out are denied. Purposes: ' +
      PURPOSES.map((purpose) => `${PURPOSE_CODES[purpose]} ${purpose}`).join(', ') +
      '.',
    '',
  ];
  for (const matrix of matrices) {
    lines.push(
      `**${heading(matrix, options)}** (emergency releases ` +
        `${matrix.acceptsEmergency ? 'accepted' : 'not accepted'})`,
      '',
      '| Field | Outcome by role |',
      '| --- | --- |',
      ...SUMMARY_COORDINATES.map(
        (coordinate) => `| \`${coordinate}\` | ${summariseField(matrix, coordinate)} |`,
      ),
      '',
    );
  }
  lines.push(
    `The full role × purpose matrix of every field: [${options.matrixPath}](${options.matrixPath}).`,
  );
  return lines.join('\n');
}
