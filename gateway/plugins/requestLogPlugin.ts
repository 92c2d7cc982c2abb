import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { GatewayContext } from '../GatewayContext.js';

/**
 * One log line per GraphQL request: who (subject, agency), what (operation, hash), outcome.
 * The line is written just after the response, not before it: Apollo awaits this hook before
 * the answer leaves, and a write to stdout (a pipe to the log collector) would sit on every
 * request's critical path — a synchronous syscall that can also wake the reader ahead of
 * the gateway.
 */
export function requestLogPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName, queryHash, errors }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          const codes = (body?.errors ?? []).map((error) => String(error.extensions?.code));
          const line = {
            requestId: contextValue.requestId,
            subject: contextValue.caller.subject,
            agency: contextValue.caller.agency,
            purpose: contextValue.purpose,
            operationName,
            operationHash: queryHash,
            status: response.http.status ?? 200,
            errorCodes: codes,
            internalErrors: (errors ?? []).length,
            durationMs: Math.round(performance.now() - started),
          };
          setImmediate(() => logger.info(line, 'graphql request'));
        },
      };
    },
  };
}
