import type { GatewayError } from '../graphql/runOperation.js';
import { minimisedForm } from './minimisedForm.js';
import type { MinimisedForm } from './minimisedForm.js';

export interface WithheldField {
  /** Path below the answer, e.g. `watchlistEntries.0.subject.name`. */
  path: string;
  reason: string;
}

export interface MinimisedField {
  path: string;
  form: MinimisedForm;
}

/** One member's decision on one part of an answer, as the member sent it. */
export type MemberDecision =
  | { kind: 'RELEASED'; records: number | null }
  | {
      kind: 'MINIMISED';
      records: number | null;
      minimised: MinimisedField[];
      withheld: WithheldField[];
    }
  | { kind: 'DENIED'; reason: string; field: string | null }
  | { kind: 'UNAVAILABLE'; code: string };

const startsWith = (path: readonly (string | number)[], prefix: readonly (string | number)[]) =>
  prefix.every((segment, index) => path[index] === segment);

function collectForms(value: unknown, path: string[], into: MinimisedField[]): void {
  if (Array.isArray(value)) {
    value.forEach((element, index) => collectForms(element, [...path, String(index)], into));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) collectForms(child, [...path, key], into);
  } else {
    const form = minimisedForm(value);
    if (form !== null) into.push({ path: path.join('.'), form });
  }
}

/**
 * What the member decided for the part of the answer at `prefix`: DENIED when it is null
 * with a FORBIDDEN error there (the member's reason code), UNAVAILABLE when null with another
 * error, MINIMISED when released with values in a minimised form or with fields inside
 * withheld, RELEASED otherwise.
 */
export function memberDecision(
  value: unknown,
  errors: readonly GatewayError[],
  prefix: readonly (string | number)[],
  /** Look for minimised forms in released values. Off for published statistics, whose "<5" is suppression. */
  options: { forms?: boolean } = {},
): MemberDecision {
  const here = errors.filter((error) => error.path && startsWith(error.path, prefix));
  if (value === null || value === undefined) {
    const own =
      here.find((error) => error.path!.length === prefix.length) ??
      errors.find((error) => error.path && startsWith(prefix, error.path)) ??
      here[0];
    if (own?.extensions?.code === 'FORBIDDEN') {
      return {
        kind: 'DENIED',
        reason: own.extensions.reason ?? 'FORBIDDEN',
        field: own.extensions.field ?? null,
      };
    }
    return { kind: 'UNAVAILABLE', code: own?.extensions?.code ?? 'NO_ANSWER' };
  }
  const records = Array.isArray(value) ? value.length : null;
  const withheld = here
    .filter((error) => error.path!.length > prefix.length && error.extensions?.code === 'FORBIDDEN')
    .map((error) => ({
      path: error.path!.slice(prefix.length).join('.'),
      reason: error.extensions?.reason ?? 'FORBIDDEN',
    }));
  const minimised: MinimisedField[] = [];
  if (options.forms !== false) collectForms(value, [], minimised);
  if (withheld.length > 0 || minimised.length > 0) {
    return { kind: 'MINIMISED', records, minimised, withheld };
  }
  return { kind: 'RELEASED', records };
}
