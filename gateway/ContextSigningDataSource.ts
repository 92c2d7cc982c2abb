import { AsyncLocalStorage } from 'node:async_hooks';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import type { ContextClaims } from '../subgraphs/kit/auth/ContextClaims.js';
import { CONTEXT_HEADER, subgraphAudience } from '../subgraphs/kit/auth/createContextVerifier.js';
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
    const { context: contextValue, queryHash } = options.incomingRequestContext;
    const token = await this.signer.sign(
      contextClaims(contextValue, queryHash),
      subgraphAudience(this.subgraphName),
    );
    const headers = options.request.http!.headers;
    headers.set(CONTEXT_HEADER, token);
    headers.set('x-request-id', contextValue.requestId);
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
        const response = await deadlineStore.run(deadline, () => super.process(options));
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
