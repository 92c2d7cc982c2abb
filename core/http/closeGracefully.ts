import type http from 'node:http';

/** Default longest wait for requests in flight when a server stops. */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** How often connections that went idle while draining are closed. */
const IDLE_SWEEP_MS = 100;

/**
 * Stops accepting, lets requests in flight finish, and resolves when the server is closed.
 * `server.close()` closes the connections idle at that moment only; a keep-alive connection
 * whose request finishes later would hold the server open until its keep-alive timeout, so
 * idle connections are swept until none is left. Past `graceMs` every connection is cut.
 */
export function closeGracefully(
  server: http.Server,
  graceMs: number = DEFAULT_SHUTDOWN_GRACE_MS,
): Promise<void> {
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
