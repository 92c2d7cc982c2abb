import { existsSync, readFileSync, readdirSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

type Route = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The dashboard's page may load only its own scripts and styles and talk only to this origin;
 * no framing (clickjacking of the request board's buttons). Styles may be inline: React and
 * the chart library set element styles.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The built dashboard (`npm run dashboard:build` → dashboard/dist) served from the gateway's
 * origin: one exact route per file found at start, so no request path ever reaches the file
 * system. `/` is its index.html; the app routes by URL fragment, so no other path is needed.
 * Hashed assets are cached for a year, the page never. No folder: no routes.
 */
export function createDashboardRoutes(dir: string): Record<string, Route> {
  if (!existsSync(path.join(dir, 'index.html'))) return {};
  const routes: Record<string, Route> = {};
  for (const file of filesUnder(dir)) {
    const urlPath = `/${path.relative(dir, file).split(path.sep).join('/')}`;
    const body = readFileSync(file);
    const type = CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
    const immutable = urlPath.startsWith('/assets/');
    routes[urlPath] = async (request, response) => {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.writeHead(405, { allow: 'GET, HEAD' });
        response.end();
        return;
      }
      response.writeHead(200, {
        'content-type': type,
        'content-length': body.length,
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        'content-security-policy': DASHBOARD_CSP,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'x-frame-options': 'DENY',
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
  }
  routes['/'] = routes['/index.html']!;
  return routes;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(full);
    return entry.isFile() ? [full] : [];
  });
}
