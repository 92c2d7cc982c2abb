import type { MemberDecision } from '../decisions/memberDecision.js';

const STRATEGY_WORDS: Record<string, string> = {
  PSEUDONYM: 'pseudonym',
  MASK: 'masked',
  RANGE: 'range',
  INITIALS: 'initials',
};

/** A member's decision in words: released, minimised (how), denied (why) or unavailable. */
export function DecisionBadge({ decision }: { decision: MemberDecision }) {
  switch (decision.kind) {
    case 'RELEASED':
      return <span className="badge released">released</span>;
    case 'MINIMISED': {
      const forms = [...new Set(decision.minimised.map((field) => STRATEGY_WORDS[field.form]))];
      const withheld = [...new Set(decision.withheld.map((field) => field.reason))];
      return (
        <span className="badge minimised">
          minimised
          {forms.length > 0 ? `: ${forms.join(', ')}` : ''}
          {withheld.length > 0 ? `; fields withheld (${withheld.join(', ')})` : ''}
        </span>
      );
    }
    case 'DENIED':
      return (
        <span className="badge denied">
          denied: <code>{decision.reason}</code>
        </span>
      );
    case 'UNAVAILABLE':
      return (
        <span className="badge unavailable">
          no answer: <code>{decision.code}</code>
        </span>
      );
  }
}
