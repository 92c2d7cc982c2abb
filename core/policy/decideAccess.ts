import type { Purpose, Role } from './policySpec.js';
import type { AccessRule, Caller } from './types.js';

/** Why a field was withheld; goes on the FORBIDDEN error as `extensions.reason`. */
export const AccessDenialReason = {
  /** None of the caller's roles is among the rule's roles. */
  ROLE_NOT_ALLOWED: 'ROLE_NOT_ALLOWED',
  /** The caller's stated purpose is not among the rule's purposes. */
  PURPOSE_NOT_ALLOWED: 'PURPOSE_NOT_ALLOWED',
  /** The field has a rule and the request stated no purpose. */
  PURPOSE_REQUIRED: 'PURPOSE_REQUIRED',
  /** Personal data with no policy at all: default-deny. */
  NO_POLICY: 'NO_POLICY',
  /** A case-work purpose (see CASE_REF_PURPOSES) was stated without a case reference. */
  CASE_REF_REQUIRED: 'CASE_REF_REQUIRED',
  /** OVERSIGHT_AUDIT stated by a caller from another country (see decideAccess). */
  FOREIGN_OVERSIGHT: 'FOREIGN_OVERSIGHT',
  /** The caller's home country is not among those the rule releases to (its treaties). */
  COUNTRY_NOT_ALLOWED: 'COUNTRY_NOT_ALLOWED',
} as const;

export type AccessDenialReason = (typeof AccessDenialReason)[keyof typeof AccessDenialReason];

export type AccessDecision = { allowed: true } | { allowed: false; reason: AccessDenialReason };

/**
 * Purposes that exist only within a case, so a request stating one of them must name its case
 * or legal-basis reference. Criminal investigation and asset tracing are case work by nature
 * (Directive (EU) 2016/680 art. 4(1)(b): data used for specified, explicit purposes only);
 * freezing, confiscation and restitution execute an order that has a file number (the
 * EU 2018/1805 certificates carry the issuing authority's reference); an EMERGENCY release
 * must be reviewable by a judge within 48 hours, which needs something to review it against.
 * Screening, FIU analysis, oversight and statistics are not case-bound and stay exempt.
 */
export const CASE_REF_PURPOSES: ReadonlySet<Purpose> = new Set<Purpose>([
  'CRIMINAL_INVESTIGATION',
  'ASSET_TRACING',
  'FREEZE_EXECUTION',
  'CONFISCATION_EXECUTION',
  'VICTIM_RESTITUTION',
  'EMERGENCY',
]);

/**
 * ADMIN operates the federation and sees no data (docs/architecture.md §5), so it is dropped before
 * matching: a policy that lists ADMIN by mistake still releases nothing to it.
 */
function holdsAllowedRole(callerRoles: readonly Role[], allowed: readonly Role[]): boolean {
  return callerRoles.some((role) => role !== 'ADMIN' && allowed.includes(role));
}

const ALLOWED: AccessDecision = { allowed: true };

function denied(reason: AccessDenialReason): AccessDecision {
  return { allowed: false, reason };
}

/**
 * Whether the caller may see a field under one jurisdiction's `@access` rule. No rule means
 * the field is not restricted (personal-data fields go through `decideDefaultDeny` instead).
 * Checks run in this order and the first failure is the reason: role, stated purpose, allowed
 * purpose, case reference, home country for oversight, home country among the rule's
 * countries.
 *
 * Oversight is national: a data-protection auditor or a reviewing judge has authority over
 * their own country's registries only, so OVERSIGHT_AUDIT opens a jurisdiction's fields only
 * to callers whose home country is that jurisdiction. A French auditor reads the French audit
 * log, never the German one, and a French judge cannot confirm a German emergency release.
 *
 * Beyond that, a jurisdiction releases to another country's authorities only under an
 * arrangement with it (mutual recognition within the EU, an MLA treaty), so a rule naming
 * countries admits callers whose verified home country is one of them; a caller whose home
 * country was withheld from the subgraph (`''`) is admitted only by a rule without countries.
 */
export function decideAccess(
  rule: AccessRule | null,
  caller: Caller,
  jurisdiction: string,
): AccessDecision {
  if (rule === null) return ALLOWED;
  if (!holdsAllowedRole(caller.roles, rule.roles)) return denied('ROLE_NOT_ALLOWED');
  if (caller.purpose === null) return denied('PURPOSE_REQUIRED');
  if (rule.purposes !== null && !rule.purposes.includes(caller.purpose)) {
    return denied('PURPOSE_NOT_ALLOWED');
  }
  if (CASE_REF_PURPOSES.has(caller.purpose) && !caller.caseRef?.trim()) {
    return denied('CASE_REF_REQUIRED');
  }
  if (caller.purpose === 'OVERSIGHT_AUDIT' && caller.homeCountry !== jurisdiction) {
    return denied('FOREIGN_OVERSIGHT');
  }
  if (rule.countries !== null && !rule.countries.includes(caller.homeCountry)) {
    return denied('COUNTRY_NOT_ALLOWED');
  }
  return ALLOWED;
}

/**
 * `decideAccess` for personal data, which is default-deny (docs/architecture.md §5): a field without a
 * rule is withheld with NO_POLICY instead of released.
 */
export function decideDefaultDeny(
  rule: AccessRule | null,
  caller: Caller,
  jurisdiction: string,
): AccessDecision {
  if (rule === null) return denied('NO_POLICY');
  return decideAccess(rule, caller, jurisdiction);
}
