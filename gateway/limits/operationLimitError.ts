import { ErrorCode } from '../../core/errors/ErrorCode.js';
import { GraphQLError } from 'graphql';
import type { ASTNode } from 'graphql';

/** Which limit an operation broke, on `extensions.reason`. */
export type OperationLimitReason =
  | 'MAX_DEPTH'
  | 'MAX_ALIASES'
  | 'MAX_TOKENS'
  | 'MAX_DIRECTIVES'
  | 'MAX_COST'
  | 'MAX_BATCH_ITEMS'
  | 'MAX_BATCH_COST';

/** An operation refused for its size: code OPERATION_LIMIT, HTTP 400, the limit in the message. */
export function operationLimitError(
  reason: OperationLimitReason,
  message: string,
  nodes?: readonly ASTNode[],
): GraphQLError {
  return new GraphQLError(message, {
    nodes,
    extensions: { code: ErrorCode.OPERATION_LIMIT, reason, http: { status: 400 } },
  });
}
