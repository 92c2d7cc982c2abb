import { minimize } from '../../core/policy/minimize.js';
import type { MinimizeStrategy } from '../../core/policy/policySpec.js';
import { derivePseudonymKey } from '../../core/policy/pseudonym.js';

/** A @minimize strategy as the tests name it; MASK4 is MASK keeping the last 4 characters. */
export type Strategy = Exclude<MinimizeStrategy, 'MASK' | 'EXISTS'> | 'MASK4';

/** How a source value is expected to arrive: as it is, or reduced by a strategy. */
export type ReleasedForm = 'CLEAR' | Strategy;

/**
 * The value as a subgraph releases it in `form`, computed from the seeded source value with
 * the pure minimisation functions (which have their own unit tests), never read back from
 * another answer of the system under test.
 */
export function releasedAs(
  value: unknown,
  form: ReleasedForm,
  pseudonymSecret: Uint8Array,
  caseRef: string | null,
): unknown {
  if (form === 'CLEAR') return value;
  const strategy: MinimizeStrategy = form === 'MASK4' ? 'MASK' : form;
  const pseudonymKey =
    form === 'PSEUDONYM' && caseRef !== null ? derivePseudonymKey(pseudonymSecret, caseRef) : null;
  return minimize(
    value,
    {
      strategy,
      keep: form === 'MASK4' ? 4 : null,
      buckets: null,
      unlessRoles: [],
      unlessPurposes: [],
      unlessCountries: [],
    },
    { pseudonymKey },
  );
}
