import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import { ErrorCode } from '../core/errors/ErrorCode.js';
import { createHttpHandler } from '../core/http/createHttpHandler.js';
import type { Refusal } from '../core/http/createHttpHandler.js';
import { anonymousCaller } from './auth/anonymousCaller.js';
import type { CallerIdentity } from './auth/createCallerVerifier.js';
import type { GatewayTrust } from './auth/gatewayTrust.js';
import { createRequestContext } from './createRequestContext.js';
import type { GatewayContext } from './GatewayContext.js';
import type { GatewayMetrics } from './metrics/createGatewayMetrics.js';
import type { RateLimiter } from './rateLimit/createRateLimiter.js';
import { requestHeader } from './requestHeader.js';

export interface GatewayHttpHandlerParts {
  apollo: ApolloServer<GatewayContext>;
  maxBodyBytes: number;
  trust: GatewayTrust;
  rateLimiter: RateLimiter;
  metrics: GatewayMetrics;
  logger: Logger;
  routes: Record<string, (request: IncomingMessage, response: ServerResponse) => Promise<void>>;
}

/**
 * The gateway's HTTP handler (docs/architecture.md §8, steps 1 to 4): the plain routes, then
 * the caller's token verified (no token: the public), the rate limits per subject and agency, and the request's
 * context, before Apollo Server takes the operation.
 */
export function createGatewayHttpHandler(
  parts: GatewayHttpHandlerParts,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const { apollo, trust, metrics, logger } = parts;
  return createHttpHandler<GatewayContext, CallerIdentity>({
    apollo,
    maxBodyBytes: parts.maxBodyBytes,
    // No Authorization header at all is the public; a header that does not verify is a 401,
    // never a fallback to PUBLIC.
    authenticate: async (request) => {
      const authorization = requestHeader(request, 'authorization');
      return authorization === null ? anonymousCaller(request) : trust.verifyCaller(authorization);
    },
    admit: admitWithinRateLimits(parts.rateLimiter, metrics),
    onErrorAnswered: (code) => metrics.errors.inc({ code }),
    onError: (error) =>
      logger.error(
        {
          errorName: (error as Error | null)?.name,
          code: (error as { code?: string } | null)?.code,
        },
        'request failed',
      ),
    context: createRequestContext,
    routes: parts.routes,
  });
}

/** A caller or agency over its rate limit is answered 429 RATE_LIMITED with Retry-After. */
function admitWithinRateLimits(
  rateLimiter: RateLimiter,
  metrics: GatewayMetrics,
): (request: IncomingMessage, caller: CallerIdentity) => Promise<Refusal | null> {
  return async (_request, caller) => {
    const decision = await rateLimiter.take(caller.subject, caller.agency);
    if (decision.allowed) return null;
    metrics.rateLimited.inc({ counter: decision.counter });
    const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
    return {
      status: 429,
      code: ErrorCode.RATE_LIMITED,
      message: `Too many requests from this caller or agency; retry in ${seconds} s`,
      headers: { 'retry-after': String(seconds) },
    };
  };
}
