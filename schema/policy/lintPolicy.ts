import {
  Kind,
  getNamedType,
  getNullableType,
  isAbstractType,
  isListType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import type {
  ConstDirectiveNode,
  ConstValueNode,
  GraphQLFieldConfig,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLSchema,
} from 'graphql';
import {
  DEFAULT_POLICY_DIRECTIVE_NAMES,
  effectiveFieldPolicy,
  isPersonalDataType,
} from '../../core/policy/readPolicyDirectives.js';
import type { EffectiveFieldPolicy } from '../../core/policy/readPolicyDirectives.js';
import { BUILT_IN_ARRANGEMENTS, isCountryCode } from '../../core/policy/countries.js';
import type { CountryRef, JurisdictionPolicy } from '../../core/policy/JurisdictionPolicy.js';
import { PURPOSES, ROLES } from '../../core/policy/policySpec.js';
import type { MinimizeStrategy, Role } from '../../core/policy/policySpec.js';
import { REQUEST_TYPES } from '../../core/policy/RequestPolicy.js';
import type { RequestDeadlineRule } from '../../core/policy/RequestPolicy.js';

/** What `npm run check` found wrong; values equal their keys. */
export const PolicyRule = {
  /**
   * Personal data with no `@access`: the field, its object or an interface of it marked, or a
   * return type that is or can be personal data (a union member, an interface implementation).
   */
  PERSONAL_DATA_WITHOUT_POLICY: 'PERSONAL_DATA_WITHOUT_POLICY',
  /**
   * A non-null field that can be withheld or nulled: a denied or redacted non-null field
   * nulls its parent as well, taking sibling data the caller was entitled to with it.
   */
  NON_NULL_UNDER_DENY: 'NON_NULL_UNDER_DENY',
  /** A role the policy spec's `Role` enum does not have. */
  UNKNOWN_ROLE: 'UNKNOWN_ROLE',
  /** A purpose the policy spec's `Purpose` enum does not have. */
  UNKNOWN_PURPOSE: 'UNKNOWN_PURPOSE',
  /** A role the jurisdiction's `recognisedRoles` does not include. */
  ROLE_NOT_RECOGNISED: 'ROLE_NOT_RECOGNISED',
  /**
   * EMERGENCY named, or admitted by an `@access` without `purposes`, in a jurisdiction
   * whose law has no emergency release (`acceptsEmergency: false`).
   */
  EMERGENCY_NOT_ACCEPTED: 'EMERGENCY_NOT_ACCEPTED',
  /** A `@minimize` strategy that cannot read or cannot be returned as the field's type. */
  STRATEGY_TYPE_MISMATCH: 'STRATEGY_TYPE_MISMATCH',
  /** More than one `@access` for the jurisdiction on one element: which one holds? */
  AMBIGUOUS_ACCESS: 'AMBIGUOUS_ACCESS',
  /**
   * Enforcement cannot read the field's directives (a malformed argument): the subgraph
   * would fail to start. Reported only when no other problem on the element explains it.
   */
  UNREADABLE_POLICY: 'UNREADABLE_POLICY',
  /**
   * The jurisdiction's `@access` / `@minimize` on an interface field:
   * enforcement reads the policy of the concrete type a value resolves to, so a rule written
   * on the interface would protect nothing. It belongs on each implementing type.
   */
  POLICY_ON_INTERFACE: 'POLICY_ON_INTERFACE',
  /**
   * A country rule (`countries`, `unlessCountries`, an arrangement) naming a two-letter code
   * that ISO 3166-1 has not assigned: no caller's home country is ever that code.
   */
  UNKNOWN_COUNTRY: 'UNKNOWN_COUNTRY',
  /**
   * A country rule naming something that is neither an ISO code, a built-in group nor an
   * arrangement the jurisdiction defines (a misspelt name matches no caller), or `ANY` where
   * it cannot stand (an `unlessCountries` exempting everyone).
   */
  UNKNOWN_ARRANGEMENT: 'UNKNOWN_ARRANGEMENT',
  /** An arrangement named like a built-in group or a country code, which would hide it. */
  ARRANGEMENT_SHADOWED: 'ARRANGEMENT_SHADOWED',
  /**
   * Personal data whose `@access` names no countries while the jurisdiction has not said
   * `ANY` for it: release abroad must follow from a stated arrangement, never by omission.
   */
  COUNTRY_RULE_MISSING: 'COUNTRY_RULE_MISSING',
  /**
   * A request type the member accepts, or one of its routes, without an instrument, without
   * issuing countries, or without roles to issue, acknowledge, decide or execute it: a request
   * nobody may file or act on would sit there until its deadlines passed.
   */
  REQUEST_TYPE_INCOMPLETE: 'REQUEST_TYPE_INCOMPLETE',
  /** A request deadline citing no provision: a number without its law cannot be checked. */
  DEADLINE_WITHOUT_BASIS: 'DEADLINE_WITHOUT_BASIS',
  /** A request period that is not a positive whole number of its unit. */
  INVALID_PERIOD: 'INVALID_PERIOD',
  /**
   * A refusal or postponement ground whose code is not upper snake case (the code travels in
   * errors and statistics), or without its label or legal basis.
   */
  INVALID_GROUND: 'INVALID_GROUND',
  /** A holiday that is not a calendar date written `YYYY-MM-DD`: it would skip no day. */
  INVALID_HOLIDAY: 'INVALID_HOLIDAY',
  /**
   * DE_ANONYMISATION accepted without a serious-crime threshold and an authorisation review
   * period, each a positive whole number with its legal basis: the kit fails closed without
   * them, and the matrix could not say what they rest on.
   */
  DE_ANONYMISATION_LIMITS_MISSING: 'DE_ANONYMISATION_LIMITS_MISSING',
} as const;

export type PolicyRule = (typeof PolicyRule)[keyof typeof PolicyRule];

export interface PolicyProblem {
  jurisdiction: string;
  /** `Type.field`, or `Type` for a directive standing on the object itself. */
  coordinate: string;
  rule: PolicyRule;
  /** For the person fixing the policy: what is wrong and what would make it right. */
  message: string;
}

/**
 * The named types each strategy can read and return as (minimize.ts): EXISTS answers one
 * Boolean, so the field itself must be a Boolean, not a list of them.
 */
const STRATEGY_TYPES: Readonly<Record<Exclude<MinimizeStrategy, 'REDACT' | 'EXISTS'>, string[]>> = {
  MASK: ['String', 'ID'],
  INITIALS: ['String', 'ID'],
  PSEUDONYM: ['String', 'ID'],
  YEAR: ['DateTime', 'String'],
  MONTH: ['DateTime', 'String'],
  RANGE: ['Decimal', 'String'],
};

/** Problems that make `effectiveFieldPolicy` throw, so they explain an unreadable policy. */
const THROWING_RULES: ReadonlySet<PolicyRule> = new Set<PolicyRule>([
  PolicyRule.UNKNOWN_ROLE,
  PolicyRule.UNKNOWN_PURPOSE,
  PolicyRule.AMBIGUOUS_ACCESS,
]);

const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);
const KNOWN_PURPOSES: ReadonlySet<string> = new Set(PURPOSES);

/**
 * An argument's raw values, read from the AST rather than coerced through the enum: a value
 * the enum lacks must be named in the lint, where coercion would only throw. A single value
 * stands for a one-element list, as GraphQL input coercion reads it.
 */
function rawValues(directive: ConstDirectiveNode, argumentName: string): string[] | null {
  const value = directive.arguments?.find(
    (argument) => argument.name.value === argumentName,
  )?.value;
  if (value === undefined || value.kind === Kind.NULL) return null;
  const items: readonly ConstValueNode[] = value.kind === Kind.LIST ? value.values : [value];
  return items.flatMap((item) =>
    item.kind === Kind.ENUM || item.kind === Kind.STRING ? [item.value] : [],
  );
}

interface Element {
  coordinate: string;
  directives: readonly ConstDirectiveNode[];
}

function objectElement(type: GraphQLObjectType): Element {
  return {
    coordinate: type.name,
    directives: [type.astNode, ...type.extensionASTNodes].flatMap((node) => node?.directives ?? []),
  };
}

/** The `@access` / `@minimize` applications of this jurisdiction standing on the element. */
function ownPolicyDirectives(element: Element, policy: JurisdictionPolicy): ConstDirectiveNode[] {
  const names = DEFAULT_POLICY_DIRECTIVE_NAMES;
  return element.directives.filter(
    (directive) =>
      (directive.name.value === names.access || directive.name.value === names.minimize) &&
      rawValues(directive, 'jurisdiction')?.[0] === policy.jurisdiction,
  );
}

/** The names a country rule of this jurisdiction may use besides codes. */
function arrangementNames(policy: JurisdictionPolicy): string[] {
  return [...Object.values(BUILT_IN_ARRANGEMENTS), ...Object.keys(policy.arrangements ?? {})];
}

/** The arrangements themselves: known codes, and names that hide nothing. */
function lintArrangements(policy: JurisdictionPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const [name, arrangement] of Object.entries(policy.arrangements ?? {})) {
    const coordinate = `arrangements.${name}`;
    const report = (rule: PolicyRule, message: string) =>
      problems.push({ jurisdiction: policy.jurisdiction, coordinate, rule, message });
    if (Object.hasOwn(BUILT_IN_ARRANGEMENTS, name) || /^[A-Z]{2}$/.test(name)) {
      report(
        PolicyRule.ARRANGEMENT_SHADOWED,
        `arrangement ${name} of ${policy.jurisdiction} is named like a built-in group or a ` +
          'country code, which a rule naming it would mean instead: rename it',
      );
    }
    for (const country of arrangement.countries) {
      if (!isCountryCode(country)) {
        report(
          PolicyRule.UNKNOWN_COUNTRY,
          `arrangement ${name} of ${policy.jurisdiction} lists ${country}, which is not an ` +
            'ISO 3166-1 alpha-2 code',
        );
      }
    }
  }
  return problems;
}

/** The rule a country reference of the policy breaks, if any, and why. */
function countryRefProblem(
  policy: JurisdictionPolicy,
  ref: CountryRef,
): { rule: PolicyRule; why: string } | null {
  if (Object.hasOwn(BUILT_IN_ARRANGEMENTS, ref) || Object.hasOwn(policy.arrangements ?? {}, ref)) {
    return null;
  }
  if (/^[A-Z]{2}$/.test(ref)) {
    return isCountryCode(ref)
      ? null
      : { rule: PolicyRule.UNKNOWN_COUNTRY, why: 'which ISO 3166-1 has not assigned' };
  }
  return {
    rule: PolicyRule.UNKNOWN_ARRANGEMENT,
    why: `which is neither a country code nor an arrangement of ${policy.jurisdiction} (${arrangementNames(policy).join(', ')})`,
  };
}

const GROUND_CODE = /^[A-Z][A-Z0-9_]*$/;
const HOLIDAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
function isCalendarDate(value: string): boolean {
  const match = HOLIDAY.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

const isPositiveWhole = (value: number | undefined): value is number =>
  value !== undefined && Number.isInteger(value) && value > 0;

/**
 * The member's request policy (docs/architecture.md §11), which no directive carries: roles it
 * recognises, countries and arrangements that exist, every deadline a positive period with its
 * provision, a well-formed ground catalogue and holiday list, and the limits de-anonymisation
 * cannot run without.
 */
function lintRequests(policy: JurisdictionPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const report = (coordinate: string, rule: PolicyRule, message: string) =>
    problems.push({ jurisdiction: policy.jurisdiction, coordinate, rule, message });
  const recognised: readonly string[] = policy.recognisedRoles;
  const checkRoles = (coordinate: string, roles: readonly Role[]) => {
    for (const role of roles) {
      if (!KNOWN_ROLES.has(role)) {
        report(
          coordinate,
          PolicyRule.UNKNOWN_ROLE,
          `${coordinate} names role ${role}, which the policy spec does not define`,
        );
      } else if (!recognised.includes(role)) {
        report(
          coordinate,
          PolicyRule.ROLE_NOT_RECOGNISED,
          `${coordinate} names role ${role}, which ${policy.jurisdiction} does not recognise ` +
            `(recognisedRoles: ${policy.recognisedRoles.join(', ')})`,
        );
      }
    }
  };
  const checkCountries = (coordinate: string, refs: readonly CountryRef[]) => {
    if (refs.length === 0) {
      report(
        coordinate,
        PolicyRule.REQUEST_TYPE_INCOMPLETE,
        `${coordinate} accepts the type from no country`,
      );
    }
    for (const ref of refs) {
      const problem = countryRefProblem(policy, ref);
      if (problem) report(coordinate, problem.rule, `${coordinate} names ${ref}, ${problem.why}`);
    }
  };
  const checkDeadlines = (coordinate: string, deadlines: readonly RequestDeadlineRule[]) => {
    deadlines.forEach((deadline, index) => {
      const at = `${coordinate}[${index}]`;
      if (!deadline.legalBasis.trim()) {
        report(
          at,
          PolicyRule.DEADLINE_WITHOUT_BASIS,
          `${at} (${deadline.milestone}) cites no legal basis: name the provision, or the member's service standard`,
        );
      }
      if (!isPositiveWhole(deadline.amount)) {
        report(
          at,
          PolicyRule.INVALID_PERIOD,
          `${at} (${deadline.milestone}) runs ${deadline.amount} ${deadline.unit}: a period is a positive whole number`,
        );
      }
    });
  };
  const checkInstrument = (coordinate: string, instrument: string) => {
    if (!instrument.trim()) {
      report(coordinate, PolicyRule.REQUEST_TYPE_INCOMPLETE, `${coordinate} names no instrument`);
    }
  };

  for (const type of REQUEST_TYPES) {
    const typePolicy = policy.requests.types[type];
    if (!typePolicy) continue;
    const base = `requests.types.${type}`;
    checkInstrument(`${base}.instrument`, typePolicy.instrument);
    checkCountries(`${base}.acceptedFrom`, typePolicy.acceptedFrom);
    checkDeadlines(`${base}.deadlines`, typePolicy.deadlines);
    (typePolicy.routes ?? []).forEach((route, index) => {
      const at = `${base}.routes[${index}]`;
      checkInstrument(`${at}.instrument`, route.instrument);
      checkCountries(`${at}.acceptedFrom`, route.acceptedFrom);
      checkDeadlines(`${at}.deadlines`, route.deadlines);
    });
    const steps = {
      issuingRoles: typePolicy.issuingRoles,
      acknowledgingRoles: typePolicy.acknowledgingRoles,
      decidingRoles: typePolicy.decidingRoles,
      executingRoles: typePolicy.executingRoles,
    };
    for (const [step, roles] of Object.entries(steps)) {
      if (roles.length === 0) {
        report(
          `${base}.${step}`,
          PolicyRule.REQUEST_TYPE_INCOMPLETE,
          `${base}.${step} is empty: nobody could take that step`,
        );
      }
      checkRoles(`${base}.${step}`, roles);
    }
    checkRoles(`${base}.validationRequiredFor`, typePolicy.validationRequiredFor ?? []);
    if (type === 'DE_ANONYMISATION') {
      const missing = [
        ...(isPositiveWhole(typePolicy.seriousCrimeMinPenaltyYears)
          ? []
          : ['seriousCrimeMinPenaltyYears']),
        ...(typePolicy.seriousCrimeLegalBasis?.trim() ? [] : ['seriousCrimeLegalBasis']),
        ...(isPositiveWhole(typePolicy.authorisationReviewDays) ? [] : ['authorisationReviewDays']),
        ...(typePolicy.authorisationReviewLegalBasis?.trim()
          ? []
          : ['authorisationReviewLegalBasis']),
      ];
      if (missing.length > 0) {
        report(
          base,
          PolicyRule.DE_ANONYMISATION_LIMITS_MISSING,
          `${base} needs ${missing.join(', ')}: a de-anonymisation is accepted only above a ` +
            'penalty threshold and under a judicial review date, each resting on a stated basis',
        );
      }
    }
  }
  for (const [code, ground] of Object.entries(policy.requests.grounds)) {
    const at = `requests.grounds.${code}`;
    if (!GROUND_CODE.test(code)) {
      report(
        at,
        PolicyRule.INVALID_GROUND,
        `${at}: a ground code is upper snake case, like NE_BIS_IN_IDEM`,
      );
    }
    if (!ground.label.trim() || !ground.legalBasis.trim()) {
      report(at, PolicyRule.INVALID_GROUND, `${at} needs a label and the provision that allows it`);
    }
  }
  policy.requests.holidays.forEach((holiday, index) => {
    if (!isCalendarDate(holiday)) {
      const at = `requests.holidays[${index}]`;
      report(
        at,
        PolicyRule.INVALID_HOLIDAY,
        `${at} is ${JSON.stringify(holiday)}, not a date written YYYY-MM-DD`,
      );
    }
  });
  return problems;
}

/**
 * Whether the jurisdiction's policy says `ANY` for the element (its own rule, else its
 * object's, as enforcement picks them, else the member default): the one case in which an
 * `@access` on personal data rightly carries no `countries`.
 */
function statesAnyCountry(policy: JurisdictionPolicy, type: string, field: string): boolean {
  const typePolicy = Object.hasOwn(policy.types, type) ? policy.types[type] : undefined;
  const access = typePolicy?.fields?.[field]?.access ?? typePolicy?.object?.access;
  const refs = access?.countries ?? policy.releasesTo ?? [];
  return refs.includes(BUILT_IN_ARRANGEMENTS.ANY);
}

/** Checks the arguments of the jurisdiction's own applications standing on one element. */
function lintDirectiveArguments(element: Element, policy: JurisdictionPolicy): PolicyProblem[] {
  const names = DEFAULT_POLICY_DIRECTIVE_NAMES;
  const problems: PolicyProblem[] = [];
  const report = (rule: PolicyRule, message: string) =>
    problems.push({
      jurisdiction: policy.jurisdiction,
      coordinate: element.coordinate,
      rule,
      message,
    });
  const own = ownPolicyDirectives(element, policy);
  const accesses = own.filter((directive) => directive.name.value === names.access);
  if (accesses.length > 1) {
    report(
      PolicyRule.AMBIGUOUS_ACCESS,
      `${element.coordinate} carries ${accesses.length} @access for ${policy.jurisdiction}; ` +
        'state one, listing every role and purpose it allows',
    );
  }
  for (const directive of own) {
    const at = `@${directive.name.value} on ${element.coordinate}`;
    const isAccess = directive.name.value === names.access;
    const roles = rawValues(directive, isAccess ? 'roles' : 'unlessRoles') ?? [];
    const purposes = rawValues(directive, isAccess ? 'purposes' : 'unlessPurposes');
    for (const role of roles) {
      if (!KNOWN_ROLES.has(role)) {
        report(
          PolicyRule.UNKNOWN_ROLE,
          `${at} names role ${role}, which the policy spec does not define`,
        );
      } else if (!(policy.recognisedRoles as readonly string[]).includes(role)) {
        report(
          PolicyRule.ROLE_NOT_RECOGNISED,
          `${at} names role ${role}, which ${policy.jurisdiction} does not recognise ` +
            `(recognisedRoles: ${policy.recognisedRoles.join(', ')})`,
        );
      }
    }
    for (const purpose of purposes ?? []) {
      if (!KNOWN_PURPOSES.has(purpose)) {
        report(
          PolicyRule.UNKNOWN_PURPOSE,
          `${at} names purpose ${purpose}, which the policy spec does not define`,
        );
      }
    }
    const countriesArgument = isAccess ? 'countries' : 'unlessCountries';
    for (const country of rawValues(directive, countriesArgument) ?? []) {
      if (/^[A-Z]{2}$/.test(country)) {
        if (!isCountryCode(country) && country !== policy.jurisdiction) {
          report(
            PolicyRule.UNKNOWN_COUNTRY,
            `${at} names country ${country} in ${countriesArgument}, which ISO 3166-1 has not assigned`,
          );
        }
      } else {
        report(
          PolicyRule.UNKNOWN_ARRANGEMENT,
          country === BUILT_IN_ARRANGEMENTS.ANY
            ? `${at} exempts callers of ANY country: the rule can never apply; remove it`
            : `${at} names ${country} in ${countriesArgument}, which is neither a country code ` +
                `nor an arrangement of ${policy.jurisdiction} ` +
                `(${arrangementNames(policy).join(', ')})`,
        );
      }
    }
    if (!policy.acceptsEmergency) {
      if (purposes?.includes('EMERGENCY')) {
        report(
          PolicyRule.EMERGENCY_NOT_ACCEPTED,
          `${at} names EMERGENCY, but ${policy.jurisdiction} accepts no emergency release`,
        );
      } else if (isAccess && purposes === null) {
        report(
          PolicyRule.EMERGENCY_NOT_ACCEPTED,
          `${at} states no purposes, so it admits any purpose, EMERGENCY included, but ` +
            `${policy.jurisdiction} accepts no emergency release: list the purposes it allows`,
        );
      }
    }
  }
  return problems;
}

/**
 * The personal-data type a field can return, if any: its named type when that is personal
 * data (marked itself or through an interface it implements), else, for a union or an
 * interface, a possible type that is: a `Match` that can be a `Person` returns a person.
 */
function personalReturnType(schema: GraphQLSchema, type: GraphQLOutputType): string | null {
  const named = getNamedType(type);
  if (isPersonalDataType(schema, named)) return named.name;
  if (!isAbstractType(named)) return null;
  const personal = schema
    .getPossibleTypes(named)
    .filter((possible) => isPersonalDataType(schema, possible));
  return personal.length === 0
    ? null
    : `${named.name}: ${personal.map((possible) => possible.name).join(', ')}`;
}

/** The rules that need the field's effective policy, read as enforcement reads it. */
function lintEffectivePolicy(
  schema: GraphQLSchema,
  field: GraphQLFieldConfig<unknown, unknown>,
  coordinate: string,
  effective: EffectiveFieldPolicy,
  policy: JurisdictionPolicy,
): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const report = (rule: PolicyRule, message: string) =>
    problems.push({ jurisdiction: policy.jurisdiction, coordinate, rule, message });

  const returnsPersonalData = personalReturnType(schema, field.type);
  if ((effective.personalData || returnsPersonalData !== null) && effective.access === null) {
    const why = effective.personalData
      ? 'is personal data'
      : `returns personal data (${returnsPersonalData})`;
    report(
      PolicyRule.PERSONAL_DATA_WITHOUT_POLICY,
      `${coordinate} ${why} but ${policy.jurisdiction} states no @access for it or its object`,
    );
  }

  const [typeName = '', fieldName = ''] = coordinate.split('.');
  if (
    (effective.personalData || returnsPersonalData !== null) &&
    effective.access !== null &&
    effective.access.countries === null &&
    !statesAnyCountry(policy, typeName, fieldName)
  ) {
    report(
      PolicyRule.COUNTRY_RULE_MISSING,
      `${coordinate} is or returns personal data but its @access in ${policy.jurisdiction} names ` +
        'no countries: state the arrangements it is released under (`countries`, or the ' +
        "jurisdiction's `releasesTo`), or ANY if it is public",
    );
  }

  if (isNonNullType(field.type)) {
    const nulling = effective.minimize.find((rule) => rule.strategy !== 'EXISTS');
    if (effective.access !== null || effective.personalData) {
      report(
        PolicyRule.NON_NULL_UNDER_DENY,
        `${coordinate} is non-null but can be denied in ${policy.jurisdiction}; a denied ` +
          'non-null field nulls its parent: make it nullable',
      );
    } else if (nulling !== undefined) {
      report(
        PolicyRule.NON_NULL_UNDER_DENY,
        `${coordinate} is non-null but @minimize(${nulling.strategy}) in ` +
          `${policy.jurisdiction} can make it null: make it nullable`,
      );
    }
  }

  const nullable = getNullableType(field.type);
  const named = getNamedType(field.type).name;
  for (const rule of effective.minimize) {
    if (rule.strategy === 'REDACT') continue;
    const fits =
      rule.strategy === 'EXISTS'
        ? !isListType(nullable) && named === 'Boolean'
        : STRATEGY_TYPES[rule.strategy].includes(named);
    if (!fits) {
      const expected =
        rule.strategy === 'EXISTS' ? 'Boolean' : STRATEGY_TYPES[rule.strategy].join(' or ');
      report(
        PolicyRule.STRATEGY_TYPE_MISMATCH,
        `@minimize(${rule.strategy}) in ${policy.jurisdiction} cannot apply to ${coordinate} ` +
          `of type ${String(field.type)}: it needs ${expected}`,
      );
    }
  }
  return problems;
}

/** Policy written on an interface's fields, where enforcement never reads it. */
function lintInterface(type: GraphQLInterfaceType, policy: JurisdictionPolicy): PolicyProblem[] {
  // The spec puts @access / @minimize on objects and fields only: on an interface they can
  // stand on its fields alone.
  const elements: Element[] = Object.entries(type.toConfig().fields).map(([fieldName, field]) => ({
    coordinate: `${type.name}.${fieldName}`,
    directives: field.astNode?.directives ?? [],
  }));
  return elements
    .filter((element) => ownPolicyDirectives(element, policy).length > 0)
    .map(({ coordinate }) => ({
      jurisdiction: policy.jurisdiction,
      coordinate,
      rule: PolicyRule.POLICY_ON_INTERFACE,
      message: `${coordinate} is an interface field: its @access / @minimize are never enforced (a value is policed by its concrete type); write them on each implementing type`,
    }));
}

/**
 * The policy lint behind `npm run check`: what in one jurisdiction's subgraph schema would
 * let data out that should not leave, or make enforcement fail or answer wrongly. It reads
 * the policy from the schema's directives, through the same `effectiveFieldPolicy` as
 * enforcement; the `policy` object gives what the directives cannot (recognised roles,
 * whether EMERGENCY exists, its arrangements, where it said `ANY`), and its request policy,
 * which no directive carries, is checked from it directly. Federation's own types and fields
 * (`_…`) are skipped.
 */
export function lintPolicy(schema: GraphQLSchema, policy: JurisdictionPolicy): PolicyProblem[] {
  const problems: PolicyProblem[] = [...lintArrangements(policy), ...lintRequests(policy)];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isInterfaceType(type) && !type.name.startsWith('_')) {
      problems.push(...lintInterface(type, policy));
      continue;
    }
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    const typeProblems = lintDirectiveArguments(objectElement(type), policy);
    problems.push(...typeProblems);
    const fields = type.toConfig().fields;
    for (const [fieldName, field] of Object.entries(fields)) {
      if (fieldName.startsWith('_')) continue;
      const coordinate = `${type.name}.${fieldName}`;
      const fieldProblems = lintDirectiveArguments(
        { coordinate, directives: field.astNode?.directives ?? [] },
        policy,
      );
      problems.push(...fieldProblems);
      let effective: EffectiveFieldPolicy;
      try {
        effective = effectiveFieldPolicy(schema, type, field, fieldName, policy.jurisdiction);
      } catch (error) {
        if (
          ![...typeProblems, ...fieldProblems].some((problem) => THROWING_RULES.has(problem.rule))
        ) {
          problems.push({
            jurisdiction: policy.jurisdiction,
            coordinate,
            rule: PolicyRule.UNREADABLE_POLICY,
            message: `${coordinate}: enforcement cannot read its policy: ${(error as Error).message}`,
          });
        }
        continue;
      }
      problems.push(...lintEffectivePolicy(schema, field, coordinate, effective, policy));
    }
  }
  return problems;
}
