import path from 'node:path';
import { REPO_ROOT, subgraphUrlOverrides } from '../core/federationConfig.js';
import { ROLES } from '../core/policy/policySpec.js';
import type { Role } from '../core/policy/policySpec.js';
import {
  DEFAULT_BREAKER_COOLDOWN_MS,
  DEFAULT_BREAKER_FAILURES,
} from './fetch/createSubgraphBreaker.js';
import { DEFAULT_LOG_LEVEL } from './logging/createLogger.js';
import {
  DEFAULT_LIST_SIZE,
  DEFAULT_MAX_ALIASES,
  DEFAULT_MAX_BATCH_COST,
  DEFAULT_MAX_BATCH_ITEMS,
  DEFAULT_MAX_COST,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_DIRECTIVES,
  DEFAULT_MAX_TOKENS,
} from './limits/OperationLimits.js';
import type { OperationLimits } from './limits/OperationLimits.js';
import {
  DEFAULT_RATE_LIMIT_LOCAL_FRACTION,
  DEFAULT_RATE_LIMIT_PER_AGENCY,
  DEFAULT_RATE_LIMIT_PER_SUBJECT,
  DEFAULT_RATE_LIMIT_WINDOW_MS,
} from './rateLimit/createRateLimiter.js';
import type { RateLimitOptions } from './rateLimit/createRateLimiter.js';

/** Default gateway port. */
export const DEFAULT_GATEWAY_PORT = 4000;
/**
 * Largest request body the gateway reads, bytes: operations are small, but a full screening
 * batch is not (10,000 CAIP-10 wallet ids are about 600 KB of variables).
 */
export const DEFAULT_GATEWAY_MAX_BODY_BYTES = 1_048_576;
/** Budget of one subgraph request (retry included), ms. */
export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 5_000;
/** How long SIGTERM waits for in-flight requests before closing their connections, ms. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;
/** Roles restricted to trusted documents in production. */
export const DEFAULT_TRUSTED_DOCUMENT_ROLES: readonly Role[] = ['ANALYST', 'PUBLIC'];
/** Redis key prefix of this deployment's gateway state (APQ, rate-limit windows). */
export const DEFAULT_REDIS_KEY_PREFIX = 'comity:gateway:';

export interface GatewayConfig {
  /** `PORT`, default 4000. */
  port: number;
  /** `HOST`, default 127.0.0.1 (0.0.0.0 in containers). */
  host: string;
  /** `COMITY_SUPERGRAPH`, default schema/supergraph.graphql. */
  supergraphFile: string;
  /** `COMITY_SUBGRAPH_URL_<NAME>` overrides of the URLs in the supergraph. */
  subgraphUrls: Record<string, string>;
  /**
   * `NODE_ENV=development`: field suggestions in errors and introspection for every caller.
   * Anything else (unset, test, production) hides both. Default false.
   */
  development: boolean;
  /** `NODE_ENV=production`: trusted-document roles are enforced. Default false. */
  production: boolean;
  /** Operation limits (`COMITY_MAX_*`, `COMITY_DEFAULT_LIST_SIZE`); see OperationLimits. */
  limits: OperationLimits;
  /** `COMITY_MAX_BODY_BYTES`, default 1048576. */
  maxBodyBytes: number;
  /** `COMITY_SUBGRAPH_TIMEOUT_MS`, default 5000: the budget of a subgraph with no override. */
  subgraphTimeoutMs: number;
  /** `COMITY_SUBGRAPH_TIMEOUT_MS_<NAME>` budgets of single subgraphs, ms. Default none. */
  subgraphTimeoutsMs: Record<string, number>;
  /** `COMITY_BREAKER_FAILURES`, default 5. */
  breakerFailures: number;
  /** `COMITY_BREAKER_COOLDOWN_MS`, default 10000. */
  breakerCooldownMs: number;
  /** `REDIS_URL`; null (default) keeps APQ and rate limits in process. */
  redisUrl: string | null;
  /** `COMITY_REDIS_PREFIX`, default `comity:gateway:`. */
  redisKeyPrefix: string;
  /** Rate limits (`COMITY_RATE_LIMIT_*`); see RateLimitOptions. */
  rateLimit: RateLimitOptions;
  /**
   * `COMITY_TRUSTED_DOCUMENT_ROLES` (comma-separated), default ANALYST,PUBLIC: in production, a
   * caller all of whose roles are listed may run manifest operations only. Empty disables.
   */
  trustedDocumentRoles: Role[];
  /** `COMITY_PERSISTED_OPERATIONS`, default gateway/persisted-operations.json. */
  persistedOperationsFile: string;
  /**
   * `COMITY_DASHBOARD_DIR`, default dashboard/dist: the built dashboard, served at `/` when it
   * holds an index.html.
   */
  dashboardDir: string;
  /** `COMITY_SHUTDOWN_GRACE_MS`, default 10000. */
  shutdownGraceMs: number;
  /** `LOG_LEVEL`, default info. */
  logLevel: string;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function roles(raw: string | undefined): Role[] {
  if (raw === undefined) return [...DEFAULT_TRUSTED_DOCUMENT_ROLES];
  const known: ReadonlySet<string> = new Set(ROLES);
  const listed = raw
    .split(',')
    .map((role) => role.trim())
    .filter((role) => role !== '');
  for (const role of listed) {
    if (!known.has(role))
      throw new Error(`COMITY_TRUSTED_DOCUMENT_ROLES names an unknown role: ${role}`);
  }
  return listed as Role[];
}

export function gatewayConfig(env = process.env): GatewayConfig {
  const port = Number(env.PORT ?? DEFAULT_GATEWAY_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number, got ${JSON.stringify(env.PORT)}`);
  }
  const subgraphUrls = subgraphUrlOverrides(env);
  const subgraphTimeoutsMs: Record<string, number> = {};
  for (const [key, value] of Object.entries(env)) {
    const timeout = /^COMITY_SUBGRAPH_TIMEOUT_MS_([A-Z0-9_]+)$/.exec(key);
    if (timeout && value) {
      subgraphTimeoutsMs[timeout[1]!.toLowerCase()] = positiveNumber(
        env,
        key,
        DEFAULT_SUBGRAPH_TIMEOUT_MS,
      );
    }
  }
  const fraction = positiveNumber(
    env,
    'COMITY_RATE_LIMIT_LOCAL_FRACTION',
    DEFAULT_RATE_LIMIT_LOCAL_FRACTION,
  );
  if (fraction > 1) throw new Error('COMITY_RATE_LIMIT_LOCAL_FRACTION must be at most 1');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    supergraphFile: path.resolve(
      env.COMITY_SUPERGRAPH ?? path.join(REPO_ROOT, 'schema', 'supergraph.graphql'),
    ),
    subgraphUrls,
    development: env.NODE_ENV === 'development',
    production: env.NODE_ENV === 'production',
    limits: {
      maxDepth: positiveNumber(env, 'COMITY_MAX_DEPTH', DEFAULT_MAX_DEPTH),
      maxAliases: positiveNumber(env, 'COMITY_MAX_ALIASES', DEFAULT_MAX_ALIASES),
      maxTokens: positiveNumber(env, 'COMITY_MAX_TOKENS', DEFAULT_MAX_TOKENS),
      maxDirectives: positiveNumber(env, 'COMITY_MAX_DIRECTIVES', DEFAULT_MAX_DIRECTIVES),
      maxCost: positiveNumber(env, 'COMITY_MAX_COST', DEFAULT_MAX_COST),
      defaultListSize: positiveNumber(env, 'COMITY_DEFAULT_LIST_SIZE', DEFAULT_LIST_SIZE),
      maxBatchItems: positiveNumber(env, 'COMITY_MAX_BATCH_ITEMS', DEFAULT_MAX_BATCH_ITEMS),
      maxBatchCost: positiveNumber(env, 'COMITY_MAX_BATCH_COST', DEFAULT_MAX_BATCH_COST),
    },
    maxBodyBytes: positiveNumber(env, 'COMITY_MAX_BODY_BYTES', DEFAULT_GATEWAY_MAX_BODY_BYTES),
    subgraphTimeoutMs: positiveNumber(
      env,
      'COMITY_SUBGRAPH_TIMEOUT_MS',
      DEFAULT_SUBGRAPH_TIMEOUT_MS,
    ),
    subgraphTimeoutsMs,
    breakerFailures: positiveNumber(env, 'COMITY_BREAKER_FAILURES', DEFAULT_BREAKER_FAILURES),
    breakerCooldownMs: positiveNumber(
      env,
      'COMITY_BREAKER_COOLDOWN_MS',
      DEFAULT_BREAKER_COOLDOWN_MS,
    ),
    redisUrl: env.REDIS_URL ? env.REDIS_URL : null,
    redisKeyPrefix: env.COMITY_REDIS_PREFIX ?? DEFAULT_REDIS_KEY_PREFIX,
    rateLimit: {
      windowMs: positiveNumber(env, 'COMITY_RATE_LIMIT_WINDOW_MS', DEFAULT_RATE_LIMIT_WINDOW_MS),
      perSubject: positiveNumber(
        env,
        'COMITY_RATE_LIMIT_PER_SUBJECT',
        DEFAULT_RATE_LIMIT_PER_SUBJECT,
      ),
      perAgency: positiveNumber(env, 'COMITY_RATE_LIMIT_PER_AGENCY', DEFAULT_RATE_LIMIT_PER_AGENCY),
      localFraction: fraction,
    },
    trustedDocumentRoles: roles(env.COMITY_TRUSTED_DOCUMENT_ROLES),
    persistedOperationsFile: path.resolve(
      env.COMITY_PERSISTED_OPERATIONS ??
        path.join(REPO_ROOT, 'gateway', 'persisted-operations.json'),
    ),
    dashboardDir: path.resolve(
      env.COMITY_DASHBOARD_DIR ?? path.join(REPO_ROOT, 'dashboard', 'dist'),
    ),
    shutdownGraceMs: positiveNumber(env, 'COMITY_SHUTDOWN_GRACE_MS', DEFAULT_SHUTDOWN_GRACE_MS),
    logLevel: env.LOG_LEVEL ?? DEFAULT_LOG_LEVEL,
  };
}
