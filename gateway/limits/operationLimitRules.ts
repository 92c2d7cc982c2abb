import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { OperationLimits } from './OperationLimits.js';
import { operationLimitError } from './operationLimitError.js';
import type { OperationLimitReason } from './operationLimitError.js';

/**
 * Reports graphql-armor's refusal as an OPERATION_LIMIT error with a reason instead of its
 * generic validation error, so clients can tell a limit from a schema mistake.
 */
function reportAs(reason: OperationLimitReason) {
  return {
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null, error: GraphQLError) => {
        context?.reportError(
          operationLimitError(reason, error.message.replace(/^Syntax Error: /, ''), error.nodes),
        );
      },
    ],
  };
}

/**
 * graphql-armor's depth, alias and directive limits as validation rules. They run with
 * graphql-js's own rules, after the token limit has bounded the document at parse time
 * (`parseOptions.maxTokens`), so no rule ever walks an unbounded document.
 */
export function operationLimitRules(limits: OperationLimits): ValidationRule[] {
  return [
    maxDepthRule({
      n: limits.maxDepth,
      ignoreIntrospection: true,
      flattenFragments: true,
      ...reportAs('MAX_DEPTH'),
    }) as unknown as ValidationRule,
    maxAliasesRule({
      n: limits.maxAliases,
      ...reportAs('MAX_ALIASES'),
    }) as unknown as ValidationRule,
    maxDirectivesRule({
      n: limits.maxDirectives,
      ...reportAs('MAX_DIRECTIVES'),
    }) as unknown as ValidationRule,
  ];
}
