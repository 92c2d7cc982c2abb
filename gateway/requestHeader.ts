import type { IncomingMessage } from 'node:http';

/** A request header's first value, trimmed; null when absent or blank. */
export function requestHeader(request: IncomingMessage, name: string): string | null {
  const value = request.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? null : text.trim();
}
