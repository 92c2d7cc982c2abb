import { RemoteGraphQLDataSource } from '@apollo/gateway';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ErrorCode } from '../../core/errors/ErrorCode.js';
import { cacheHintOf } from './cacheHintOf.js';
import type { CacheHint } from './cacheHintOf.js';
import type { SubgraphFetcher } from './createSubgraphFetcher.js';
import { subgraphError } from './subgraphError.js';

export type SubgraphRequest = GraphQLDataSourceProcessOptions['request'];
export type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

/** The part of Apollo Server's cache policy a subgraph's Cache-Control header restricts. */
export interface RestrictableCachePolicy {
  restrict(hint: CacheHint): void;
}

export interface OperationFetch {
  subgraphName: string;
  url: string;
  fetcher: SubgraphFetcher;
  request: SubgraphRequest;
  /** Set over whatever the executor put on the request (the signed context token). */
  headers: Record<string, string>;
  /** Restricted by the answer's Cache-Control header; null leaves the policy alone. */
  cachePolicy: RestrictableCachePolicy | null;
}

/** What Apollo accepts as a response body: a non-null object that is not an array. */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * One fetch of an incoming operation, as RemoteGraphQLDataSource.process sends and reads it
 * for Comity's configuration, without the node-fetch Headers and Request it builds per fetch
 * for hooks Comity does not use. The subgraph receives the same request and headers; the
 * body is read by Apollo's own parseBody.
 */
export async function sendOperation(fetch: OperationFetch): Promise<SubgraphResponse> {
  const { request } = fetch;
  const headers: Record<string, string> = {};
  if (request.http?.headers) {
    for (const [name, value] of request.http.headers) {
      const key = name.toLowerCase();
      headers[key] = Object.hasOwn(headers, key) ? `${headers[key]}, ${value}` : value;
    }
  }
  headers['content-type'] = 'application/json';
  Object.assign(headers, fetch.headers);
  if (!request.query) throw new Error('Missing query');
  // Apollo's key order: query first, then the rest as the executor gave them, minus http.
  const { http: _http, query, ...rest } = request;
  const body = JSON.stringify({ query, ...rest });

  const response = await fetch.fetcher(fetch.url, { method: 'POST', headers, body });
  if (!response.ok) {
    throw subgraphError(
      ErrorCode.SUBGRAPH_UNAVAILABLE,
      fetch.subgraphName,
      `HTTP_${response.status}`,
    );
  }
  const parsed: unknown = await RemoteGraphQLDataSource.prototype.parseBody(response);
  // Never the body itself in the message, unlike Apollo's: it is subgraph output.
  if (!isObject(parsed)) throw new Error('Expected a JSON object as the response body');
  fetch.cachePolicy?.restrict(cacheHintOf(response.headers.get('cache-control')));
  return { ...parsed, http: response };
}
