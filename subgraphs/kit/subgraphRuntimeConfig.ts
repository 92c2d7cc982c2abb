import path from 'node:path';

/** How long the public transparency statistics are reused before they are computed again, seconds. */
export const DEFAULT_TRANSPARENCY_TTL_SECONDS = 60;

/** Where a subgraph process listens and finds its data, from its environment. */
export interface SubgraphRuntimeConfig {
  port: number;
  host: string;
  /** `COMITY_DATA_DIR`, default `<data root>/<name>`. */
  dataDir: string;
  /** `DATABASE_URL` for SQL registries; unset → embedded PGlite. */
  databaseUrl: string | null;
  /**
   * `COMITY_TRANSPARENCY_TTL_SECONDS`: how long the public transparency statistics are reused
   * before they are computed again (0–3600; default 60, 0 = every request).
   */
  transparencyTtlSeconds: number;
}

/** What a subgraph falls back on when its environment is silent. */
export interface RuntimeDefaults {
  port: number;
  /** The folder whose `<name>/` subfolder holds the subgraph's data. Default: `./.data`. */
  dataRoot?: string;
}

/**
 * Reads a subgraph's settings: `PORT` (default `defaults.port`), `HOST` (default 127.0.0.1),
 * `COMITY_DATA_DIR`, `DATABASE_URL`, `COMITY_TRANSPARENCY_TTL_SECONDS`.
 */
export function subgraphRuntimeConfig(
  name: string,
  defaults: RuntimeDefaults,
  env: NodeJS.ProcessEnv = process.env,
): SubgraphRuntimeConfig {
  const port = Number(env.PORT ?? defaults.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number, got ${JSON.stringify(env.PORT)}`);
  }
  const dataRoot = defaults.dataRoot ?? path.join(process.cwd(), '.data');
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.COMITY_DATA_DIR ?? path.join(dataRoot, name)),
    databaseUrl: env.DATABASE_URL || null,
    transparencyTtlSeconds: transparencyTtl(env.COMITY_TRANSPARENCY_TTL_SECONDS),
  };
}

function transparencyTtl(text: string | undefined): number {
  if (text === undefined || text.trim() === '') return DEFAULT_TRANSPARENCY_TTL_SECONDS;
  const seconds = Number(text);
  if (!Number.isInteger(seconds) || seconds < 0 || seconds > 3_600) {
    throw new Error(
      `COMITY_TRANSPARENCY_TTL_SECONDS must be a whole number of seconds from 0 to 3600, got ${JSON.stringify(text)}`,
    );
  }
  return seconds;
}
