import { pino } from 'pino';
import type { Logger } from 'pino';

/** Default log level (`LOG_LEVEL`). */
export const DEFAULT_LOG_LEVEL = 'info';

/**
 * Paths pino censors wherever a log object carries them. Tokens (the caller's bearer token,
 * the gateway's signed context), the case reference (it names an investigation) and GraphQL
 * variables (they carry the wallet ids and names being searched) never reach a log line;
 * the request id is what joins a log line to the subgraphs' audit events.
 */
export const REDACTED_LOG_PATHS: readonly string[] = [
  'authorization',
  'token',
  'variables',
  'caseRef',
  'headers.authorization',
  'headers.cookie',
  'headers["x-comity-context"]',
  'headers["x-comity-case-ref"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-comity-context"]',
  'req.headers["x-comity-case-ref"]',
  'request.variables',
  '*.authorization',
  '*.token',
  '*.variables',
  '*.caseRef',
];

export interface CreateLoggerOptions {
  /** `LOG_LEVEL`, default 'info'. */
  level?: string;
  /** Where lines go. Default stdout. */
  destination?: NodeJS.WritableStream;
}

/** The gateway's structured (JSON lines) logger, with redaction. */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  return pino(
    {
      name: 'gateway',
      level: options.level ?? DEFAULT_LOG_LEVEL,
      redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' },
      base: { service: 'comity-gateway' },
    },
    options.destination ?? process.stdout,
  );
}
