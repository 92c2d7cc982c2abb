import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode } from '../../core/errors/ErrorCode.js';

/** Most errors a refused operation answers with, the summary line included. */
export const DEFAULT_MAX_REFUSAL_ERRORS = 5;

export interface BoundRefusalErrorsOptions {
  /** Most errors in the answer to an operation refused before execution. Default 5. */
  maxErrors?: number;
}

/**
 * A refused operation (no data: it failed to parse or validate) answers with a short error
 * list, however many mistakes it holds: a limit's refusal alone when a limit refused it, the
 * first few otherwise, then one line counting the rest. Fifty unknown directives would
 * otherwise buy fifty errors, which makes the error list itself the amplifier.
 */
export function boundRefusalErrorsPlugin(
  options: BoundRefusalErrorsOptions = {},
): ApolloServerPlugin {
  const maxErrors = Math.max(2, options.maxErrors ?? DEFAULT_MAX_REFUSAL_ERRORS);
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const errors = result.errors;
          if (!errors || result.data !== undefined) return;
          const limits = errors.filter(
            (error) => error.extensions?.code === ErrorCode.OPERATION_LIMIT,
          );
          if (limits.length > 0) {
            result.errors = limits.slice(0, 1);
            return;
          }
          if (errors.length <= maxErrors) return;
          const shown = errors.slice(0, maxErrors - 1);
          const code = shown[0]?.extensions?.code ?? ErrorCode.GRAPHQL_VALIDATION_FAILED;
          result.errors = [
            ...shown,
            {
              message: `${errors.length - shown.length} further errors not shown`,
              extensions: { code },
            },
          ];
        },
      };
    },
  };
}
