import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { ContextClaims } from '../core/auth/ContextClaims.js';
import { CONTEXT_HEADER, subgraphAudience } from '../core/auth/createContextVerifier.js';
import type { ContextSigner } from './auth/createContextSigner.js';
import { CIRCUIT_STATES, CircuitBreaker } from './fetch/CircuitBreaker.js';
import {
  SubgraphConnectionError,
  SubgraphDeadlineError,
  createSubgraphFetcher,
} from './fetch/createSubgraphFetcher.js';
import { subgraphError } from './fetch/subgraphError.js';
import type { GatewayContext } from './GatewayContext.js';
import type { GatewayMetrics } from './metrics/createGatewayMetrics.js';

export interface SubgraphFetchPolicy {
  /** Budget of one subgraph request, retry included, ms. */
  timeoutMs: number;
  /** Consecutive failures that open the circuit. */
  breakerFailures: number;
  /** Cool-down of an open circuit before a probe, ms. */
  breakerCooldownMs: number;
}

type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

/** The options of one fetch for an incoming operation (not a health check or schema load). */
type IncomingOperation = Extract<
  GraphQLDataSourceProcessOptions<GatewayContext>,
  { incomingRequestContext: unknown }
>;

/**
 * `GraphQLDataSourceRequestKind.INCOMING_OPERATION`: @apollo/gateway declares the enum in its
 * types but does not export it at run time.
 */
export const INCOMING_OPERATION = 'incoming operation' as IncomingOperation['kind'];

/** The cache hint a subgraph's Cache-Control header gives, read as Apollo's gateway reads it. */
interface CacheHint {
  maxAge: number;
  scope?: 'PUBLIC' | 'PRIVATE';
}

const isMutation = (query: string | undefined) => /^\s*mutation\b/.test(query ?? '');

/** What the gateway vouches for to a subgraph about one request (before minimisation). */
function contextClaims(contextValue: GatewayContext, queryHash: string): ContextClaims {
  return {
    sub: contextValue.caller.subject,
    roles: contextValue.caller.roles,
    country: contextValue.caller.homeCountry,
    agency: contextValue.caller.agency,
    purpose: contextValue.purpose,
    caseRef: contextValue.caseRef,
    requestId: contextValue.requestId,
    operationHash: queryHash,
  };
}

/**
 * Apollo's reading of a Cache-Control header (its parseCacheControlHeader and respond): a
 * valid `max-age` sets maxAge, otherwise 0; a bare `private` makes the scope PRIVATE and a bare
 * `public` PUBLIC, `public` winning when both appear. A directive given twice counts as given last.
 */
function cacheHintOf(header: string | null): CacheHint {
  const directives = new Map<string, string | true>();
  if (header) {
    for (const part of header.trim().split(/\s*,\s*/)) {
      const [name = '', value] = part.split(/\s*=\s*/, 2);
      directives.set(name, value === undefined ? true : value.replace(/^"|"$/g, ''));
    }
  }
  const hint: CacheHint = { maxAge: 0 };
  const maxAge = directives.get('max-age');
  if (typeof maxAge === 'string' && /^[0-9]+$/.test(maxAge)) hint.maxAge = Number(maxAge);
  if (directives.get('private') === true) hint.scope = 'PRIVATE';
  if (directives.get('public') === true) hint.scope = 'PUBLIC';
  return hint;
}

/** What Apollo accepts as a response body: a non-null object that is not an array. */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request's deadline, shared by its first attempt and its retry. */
const deadlineStore = new AsyncLocalStorage<number>();

/**
 * Fetches one subgraph on the caller's behalf. Nothing the client sent is forwarded: the
 * subgraph gets only the gateway's own signed context token for its audience (and the
 * request id), so a client cannot speak for itself to a jurisdiction.
 *
 * Every fetch goes through undici on a keep-alive pool with a deadline, behind a circuit
 * breaker; a query whose connection failed before any answer is tried once more (within the
 * same deadline), a mutation never. Whatever fails becomes SUBGRAPH_TIMEOUT or
 * SUBGRAPH_UNAVAILABLE naming the jurisdiction; the rest of the answer still arrives.
 */
export class ContextSigningDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly breaker: CircuitBreaker;
  private readonly closeFetcher: () => Promise<void>;

  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly signer: ContextSigner,
    private readonly policy: SubgraphFetchPolicy,
    metrics: GatewayMetrics,
  ) {
    super({ url });
    const { fetcher, close } = createSubgraphFetcher({
      subgraphName,
      timeoutMs: policy.timeoutMs,
      deadline: () => deadlineStore.getStore(),
      metrics,
    });
    this.fetcher = fetcher;
    this.closeFetcher = close;
    metrics.breakerState.set({ subgraph: subgraphName }, 0);
    this.breaker = new CircuitBreaker({
      failureThreshold: policy.breakerFailures,
      cooldownMs: policy.breakerCooldownMs,
      onStateChange: (state) =>
        metrics.breakerState.set({ subgraph: subgraphName }, CIRCUIT_STATES.indexOf(state)),
    });
  }

  override async willSendRequest(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<void> {
    // Health checks and schema loading carry no caller: they get no token, and the subgraph
    // answers them 401 like any other anonymous request.
    if (!('incomingRequestContext' in options)) return;
    const headers = options.request.http!.headers;
    for (const [name, value] of Object.entries(await this.contextHeaders(options))) {
      headers.set(name, value);
    }
  }

  /** What a subgraph learns of the caller: the signed context token and the request id. */
  private async contextHeaders(options: IncomingOperation): Promise<Record<string, string>> {
    const { context: contextValue, queryHash } = options.incomingRequestContext;
    const token = await this.signer.sign(
      contextClaims(contextValue, queryHash),
      subgraphAudience(this.subgraphName),
    );
    return { [CONTEXT_HEADER]: token, 'x-request-id': contextValue.requestId };
  }

  /**
   * Starts signing the token this request's fetches of this subgraph will carry (see
   * presignLaterFetches); the fetch itself then takes it from the signer's cache.
   */
  presign(contextValue: GatewayContext, queryHash: string): void {
    this.signer.presign(
      contextClaims(contextValue, queryHash),
      subgraphAudience(this.subgraphName),
    );
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<SubgraphResponse> {
    if (!this.breaker.tryAcquire()) {
      throw subgraphError('SUBGRAPH_UNAVAILABLE', this.subgraphName, 'CIRCUIT_OPEN');
    }
    const deadline = Date.now() + this.policy.timeoutMs;
    const retryable = !isMutation(options.request.query);
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await deadlineStore.run(deadline, () =>
          options.kind === INCOMING_OPERATION
            ? this.fetchOperation(options)
            : super.process(options),
        );
        this.breaker.succeeded();
        return response;
      } catch (error) {
        const failure = this.classify(error);
        if (failure.connection && retryable && attempt === 1 && Date.now() < deadline) continue;
        if (failure.countsAgainstSubgraph) this.breaker.failed();
        else this.breaker.released();
        throw failure.error;
      }
    }
  }

  /**
   * One fetch of an incoming operation, as RemoteGraphQLDataSource.process does it for
   * Comity's configuration but without a node-fetch Headers and Request per fetch: Apollo
   * builds those only for hooks Comity does not use (didEncounterError, parseBody's request
   * argument). The subgraph receives the same request, headers as willSendRequest sets them.
   * With APQ on, a didReceiveResponse hook defined, or a hook of Apollo's path replaced by a
   * subclass (overridesApolloHooks), the fetch is left to Apollo.
   */
  private async fetchOperation(options: IncomingOperation): Promise<SubgraphResponse> {
    if (this.apq || typeof this.didReceiveResponse === 'function' || this.overridesApolloHooks()) {
      return super.process(options);
    }
    const { request, incomingRequestContext } = options;
    const headers: Record<string, string> = {};
    if (request.http?.headers) {
      for (const [name, value] of request.http.headers) {
        const key = name.toLowerCase();
        headers[key] = Object.hasOwn(headers, key) ? `${headers[key]}, ${value}` : value;
      }
    }
    headers['content-type'] = 'application/json';
    Object.assign(headers, await this.contextHeaders(options));
    if (!request.query) throw new Error('Missing query');
    // Apollo's key order: query first, then the rest as the executor gave them, minus http.
    const { http: _http, query, ...rest } = request;
    const body = JSON.stringify({ query, ...rest });

    const response = await this.fetcher(this.url, { method: 'POST', headers, body });
    if (!response.ok) throw await this.errorFromResponse(response);
    const contentType = response.headers.get('content-type');
    const parsed: unknown =
      contentType &&
      (contentType.startsWith('application/json') ||
        contentType.startsWith('application/graphql-response+json'))
        ? await response.json()
        : await response.text();
    // Never the body itself in the message: it is subgraph output. classify() turns this into
    // SUBGRAPH_UNAVAILABLE (BAD_RESPONSE) anyway.
    if (!isObject(parsed)) throw new Error('Expected a JSON object as the response body');

    // Typed `any` by Apollo; a GatewayCachePolicy in Apollo Server 4.
    const { overallCachePolicy } = incomingRequestContext;
    if (
      this.honorSubgraphCacheControlHeader &&
      overallCachePolicy &&
      'restrict' in overallCachePolicy
    ) {
      overallCachePolicy.restrict(cacheHintOf(response.headers.get('cache-control')));
    }
    return { ...parsed, http: response };
  }

  /**
   * Whether a subclass replaced a hook of Apollo's path that fetchOperation does not call
   * (willSendRequest, parseBody, didEncounterError): its fetches then keep Apollo's path.
   */
  private overridesApolloHooks(): boolean {
    return (
      this.willSendRequest !== ContextSigningDataSource.prototype.willSendRequest ||
      this.parseBody !== RemoteGraphQLDataSource.prototype.parseBody ||
      this.didEncounterError !== RemoteGraphQLDataSource.prototype.didEncounterError
    );
  }

  /**
   * A non-2xx answer from the subgraph. Apollo's default puts the subgraph's URL and raw body
   * on the error; this names only the jurisdiction and the status.
   */
  override async errorFromResponse(response: { status: number }): Promise<GraphQLError> {
    return subgraphError('SUBGRAPH_UNAVAILABLE', this.subgraphName, `HTTP_${response.status}`);
  }

  async close(): Promise<void> {
    await this.closeFetcher();
  }

  private classify(error: unknown): {
    error: GraphQLError;
    connection: boolean;
    countsAgainstSubgraph: boolean;
  } {
    if (error instanceof SubgraphConnectionError) {
      return {
        error: subgraphError('SUBGRAPH_UNAVAILABLE', this.subgraphName, 'CONNECTION_FAILED'),
        connection: true,
        countsAgainstSubgraph: true,
      };
    }
    const timedOut =
      error instanceof SubgraphDeadlineError ||
      (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError'));
    if (timedOut) {
      return {
        error: subgraphError(
          'SUBGRAPH_TIMEOUT',
          this.subgraphName,
          'TIMEOUT',
          this.policy.timeoutMs,
        ),
        connection: false,
        countsAgainstSubgraph: true,
      };
    }
    if (error instanceof GraphQLError && error.extensions.code === 'SUBGRAPH_UNAVAILABLE') {
      const status = Number(String(error.extensions.reason).replace('HTTP_', ''));
      return { error, connection: false, countsAgainstSubgraph: status >= 500 };
    }
    // A body that is not JSON, a connection cut mid-answer: the subgraph is not answering properly.
    return {
      error: subgraphError('SUBGRAPH_UNAVAILABLE', this.subgraphName, 'BAD_RESPONSE'),
      connection: false,
      countsAgainstSubgraph: true,
    };
  }
}
