import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';

type IncomingOperationKind = Extract<
  GraphQLDataSourceProcessOptions,
  { incomingRequestContext: unknown }
>['kind'];

/**
 * `GraphQLDataSourceRequestKind.INCOMING_OPERATION`: @apollo/gateway declares the enum in its
 * types but does not export it at run time.
 */
export const INCOMING_OPERATION = 'incoming operation' as IncomingOperationKind;
