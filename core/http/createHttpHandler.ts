import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap } from '@apollo/server';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { ErrorCode } from '../errors/ErrorCode.js';
import { thrownClassAndCode } from '../errors/thrownClassAndCode.js';

/** Default largest request body, in bytes. */
export const DEFAULT_MAX_BODY_BYTES = 1_048_576;

/** An authentication failure: answered 401 with its code and reason, nothing resolved. */
export interface AuthenticationFailure {
  code: 'UNAUTHENTICATED';
  reason: string;
  message: string;
}

function isAuthenticationFailure(error: unknown): error is AuthenticationFailure {
  return (error as AuthenticationFailure | null)?.code === 'UNAUTHENTICATED';
}

/** A request turned away before GraphQL (rate limit, overload): answered with no data. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
  reason?: string;
  /** Extra response headers, e.g. `retry-after`. */
  headers?: Record<string, string>;
}

export interface HttpHandlerOptions<TContext extends BaseContext, TAuth = undefined> {
  apollo: ApolloServer<TContext>;
  /**
   * Runs before anything GraphQL: whatever it returns reaches `context`; an error whose
   * `code` is UNAUTHENTICATED is answered 401 with no data. Default: none.
   */
  authenticate?: (request: IncomingMessage) => Promise<TAuth>;
  /**
   * Runs after `authenticate`: a Refusal is answered as is (its status, headers and code),
   * nothing resolved. Default: every authenticated request is admitted.
   */
  admit?: (request: IncomingMessage, auth: TAuth) => Promise<Refusal | null>;
  /** Told of an unexpected failure (answered 500). Default: logFailureClass. */
  onError?: (error: unknown) => void;
  /**
   * Told of every error this handler answers itself, GraphQL never reached (401, 404, 413,
   * a Refusal, a body that is not JSON, 500), with its code: errors Apollo answers go through
   * its formatError instead, so the two together count every error a client is sent.
   * Default: none.
   */
  onErrorAnswered?: (code: string, status: number) => void;
  /** Builds the per-request context (loaders, caller, request id). */
  context: (request: IncomingMessage, auth: TAuth) => Promise<TContext>;
  /** Largest accepted body in bytes. Default DEFAULT_MAX_BODY_BYTES. */
  maxBodyBytes?: number;
  /** Extra plain routes (`/health`, `/ready`, `/metrics`) answered before GraphQL. */
  routes?: Record<string, (request: IncomingMessage, response: ServerResponse) => Promise<void>>;
  /** The GraphQL path. Default `/graphql`. */
  graphqlPath?: string;
}

class BodyTooLargeError extends Error {}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.reject(new BodyTooLargeError());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is drained and dropped, so the 413 can still be written.
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    request.on('end', () => {
      if (size > limit) reject(new BodyTooLargeError());
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    request.on('error', reject);
  });
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * The default report of an unexpected failure: its class and code, never its message or
 * stack, which can carry SQL, an internal address or the value of a withheld field.
 */
export function logFailureClass(failure: unknown): void {
  const { errorName, errorCode } = thrownClassAndCode(failure);
  console.error(`request failed: ${errorName}${errorCode ? ` ${errorCode}` : ''}`);
}

/**
 * A node:http request handler serving an Apollo Server through its HTTP API
 * (`executeHTTPGraphQLRequest`), plus a few plain routes. Kept by hand rather than through a
 * framework integration so that body limits and routes are the same on the gateway and on
 * every subgraph.
 */
export function createHttpHandler<TContext extends BaseContext, TAuth = undefined>(
  options: HttpHandlerOptions<TContext, TAuth>,
): (request: IncomingMessage, response: ServerResponse) => Promise<void> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const sendError = (
    response: ServerResponse,
    status: number,
    message: string,
    extensions: { code: string; reason?: string },
  ) => {
    options.onErrorAnswered?.(extensions.code, status);
    sendJson(response, status, { errors: [{ message, extensions }] });
  };
  return async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    try {
      const route = options.routes?.[url.pathname];
      if (route) {
        await route(request, response);
        return;
      }
      if (url.pathname !== graphqlPath) {
        sendError(response, 404, `No route ${url.pathname}`, { code: ErrorCode.NOT_FOUND });
        return;
      }
      let auth: TAuth;
      try {
        auth = options.authenticate ? await options.authenticate(request) : (undefined as TAuth);
      } catch (error) {
        if (!isAuthenticationFailure(error)) throw error;
        request.resume();
        sendError(response, 401, error.message, { code: error.code, reason: error.reason });
        return;
      }
      const refusal = options.admit ? await options.admit(request, auth) : null;
      if (refusal !== null) {
        request.resume();
        for (const [key, value] of Object.entries(refusal.headers ?? {}))
          response.setHeader(key, value);
        const extensions = refusal.reason
          ? { code: refusal.code, reason: refusal.reason }
          : { code: refusal.code };
        sendError(response, refusal.status, refusal.message, extensions);
        return;
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(request.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      let body: unknown = undefined;
      if (request.method === 'POST') {
        const text = await readBody(request, maxBodyBytes);
        const contentType = headers.get('content-type') ?? '';
        if (contentType.startsWith('application/json') || contentType.includes('+json')) {
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            sendError(response, 400, 'The request body is not valid JSON', {
              code: ErrorCode.BAD_REQUEST,
            });
            return;
          }
        } else {
          body = text;
        }
      }
      const result = await options.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
        context: () => options.context(request, auth),
      });
      for (const [key, value] of result.headers) response.setHeader(key, value);
      response.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') {
        response.end(result.body.string);
        return;
      }
      for await (const chunk of result.body.asyncIterator) response.write(chunk);
      response.end();
    } catch (error) {
      if (error instanceof BodyTooLargeError) {
        response.setHeader('connection', 'close');
        sendError(response, 413, `The request body exceeds ${maxBodyBytes} bytes`, {
          code: ErrorCode.PAYLOAD_TOO_LARGE,
        });
        return;
      }
      // Whatever went wrong stays in the server log; the caller gets a stable code only.
      (options.onError ?? logFailureClass)(error);
      if (!response.headersSent) {
        sendError(response, 500, 'Internal server error', {
          code: ErrorCode.INTERNAL_SERVER_ERROR,
        });
      } else {
        response.destroy();
      }
    }
  };
}
