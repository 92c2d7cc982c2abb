import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GraphQLError } from 'graphql';
import type { ContextClaims } from '../core/auth/ContextClaims.js';
import { CONTEXT_HEADER, subgraphAudience } from '../core/auth/createContextVerifier.js';
import { ErrorCode } from '../core/errors/ErrorCode.js';
import { INCOMING_OPERATION } from './apolloInternals/index.js';
import type { Presigning } from './apolloInternals/index.js';
import type { ContextSigner } from './auth/createContextSigner.js';
import { createSubgraphClient } from './fetch/createSubgraphClient.js';
import type { SubgraphClient, SubgraphFetchPolicy } from './fetch/createSubgraphClient.js';
import type { SubgraphBreaker } from './fetch/createSubgraphBreaker.js';
import { sendOperation } from './fetch/sendOperation.js';
import type { RestrictableCachePolicy, SubgraphResponse } from './fetch/sendOperation.js';
import { subgraphError } from './fetch/subgraphError.js';
import type { GatewayContext } from './GatewayContext.js';
import type { GatewayMetrics } from './metrics/createGatewayMetrics.js';

/** The options of one fetch for an incoming operation (not a health check or schema load). */
type IncomingOperation = Extract<
  GraphQLDataSourceProcessOptions<GatewayContext>,
  { incomingRequestContext: unknown }
>;

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
 * The data source of one subgraph. Nothing the client sent is forwarded: the subgraph gets
 * only the gateway's own signed context token for its audience (and the request id), so a
 * client cannot speak for itself to a jurisdiction. Reaching the subgraph (pool, deadline,
 * retry, circuit breaker, reading the answer) is the fetch layer's (gateway/fetch/).
 */
export class ContextSigningDataSource
  extends RemoteGraphQLDataSource<GatewayContext>
  implements Presigning
{
  readonly breaker: SubgraphBreaker;
  private readonly client: SubgraphClient;

  constructor(
    private readonly subgraphName: string,
    url: string,
    private readonly signer: ContextSigner,
    policy: SubgraphFetchPolicy,
    metrics: GatewayMetrics,
  ) {
    super({ url });
    this.client = createSubgraphClient({ subgraphName, policy, metrics });
    this.fetcher = this.client.fetcher;
    this.breaker = this.client.breaker;
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
   * presignLaterFetches); the fetch itself then takes it from the signer, once.
   */
  presign(contextValue: GatewayContext, queryHash: string): void {
    this.signer.presign(
      contextClaims(contextValue, queryHash),
      subgraphAudience(this.subgraphName),
    );
  }

  override process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<SubgraphResponse> {
    return this.client.call(options.request.query, () =>
      options.kind === INCOMING_OPERATION && !this.needsApollosPath()
        ? this.sendSigned(options)
        : super.process(options),
    );
  }

  /** An incoming operation, sent by the fetch layer with this subgraph's signed headers. */
  private async sendSigned(options: IncomingOperation): Promise<SubgraphResponse> {
    // Typed `any` by Apollo; a GatewayCachePolicy in Apollo Server 4 and 5.
    const { overallCachePolicy } = options.incomingRequestContext;
    const restrictable =
      this.honorSubgraphCacheControlHeader &&
      overallCachePolicy &&
      'restrict' in overallCachePolicy;
    return sendOperation({
      subgraphName: this.subgraphName,
      url: this.url,
      fetcher: this.fetcher,
      request: options.request,
      headers: await this.contextHeaders(options),
      cachePolicy: restrictable ? (overallCachePolicy as RestrictableCachePolicy) : null,
    });
  }

  /**
   * Whether a fetch must take RemoteGraphQLDataSource.process, so that what is configured
   * on this data source takes effect: APQ, a didReceiveResponse hook, or a hook of Apollo's
   * path replaced (willSendRequest, parseBody, didEncounterError).
   */
  private needsApollosPath(): boolean {
    return (
      this.apq ||
      typeof this.didReceiveResponse === 'function' ||
      this.willSendRequest !== ContextSigningDataSource.prototype.willSendRequest ||
      this.parseBody !== RemoteGraphQLDataSource.prototype.parseBody ||
      this.didEncounterError !== RemoteGraphQLDataSource.prototype.didEncounterError
    );
  }

  /**
   * A non-2xx answer on Apollo's path. Apollo's default puts the subgraph's URL and raw body
   * on the error; this names only the jurisdiction and the status.
   */
  override async errorFromResponse(response: { status: number }): Promise<GraphQLError> {
    return subgraphError(
      ErrorCode.SUBGRAPH_UNAVAILABLE,
      this.subgraphName,
      `HTTP_${response.status}`,
    );
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
