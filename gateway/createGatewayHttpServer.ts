import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayMetrics } from './metrics/createGatewayMetrics.js';

/**
 * The node:http server around the gateway's handler: every response counted by route and
 * status, and, while draining, each connection closed after its response so that clients
 * reconnect elsewhere.
 */
export function createGatewayHttpServer(
  handler: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  metrics: GatewayMetrics,
  draining: () => boolean,
): http.Server {
  const httpServer = http.createServer((request, response) => {
    const route = (request.url ?? '/').split('?')[0]!;
    response.once('finish', () =>
      metrics.requests.inc({
        route: ['/graphql', '/health', '/ready', '/metrics'].includes(route) ? route : 'other',
        status: String(response.statusCode),
      }),
    );
    if (draining()) response.setHeader('connection', 'close');
    void handler(request, response);
  });
  httpServer.keepAliveTimeout = 65_000;
  return httpServer;
}
