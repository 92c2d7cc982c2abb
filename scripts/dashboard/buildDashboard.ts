import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../core/federationConfig.js';
import { generateDashboardCode } from './generateDashboardCode.js';
import { trustedDocumentManifest } from './trustedDocumentManifest.js';

export const DASHBOARD_ROOT = path.join(REPO_ROOT, 'dashboard');
export const DASHBOARD_DIST = path.join(DASHBOARD_ROOT, 'dist');
export const PERSISTED_OPERATIONS_FILE = path.join(
  REPO_ROOT,
  'gateway',
  'persisted-operations.json',
);

/**
 * What the built dashboard depends on: its sources and operations, the membership and the
 * supergraph its operations are generated against, and the locked packages.
 */
const INPUTS = [
  path.join(DASHBOARD_ROOT, 'src'),
  path.join(DASHBOARD_ROOT, 'operations'),
  path.join(DASHBOARD_ROOT, 'index.html'),
  path.join(DASHBOARD_ROOT, 'vite.config.ts'),
  path.join(REPO_ROOT, 'schema', 'subgraphs.json'),
  path.join(REPO_ROOT, 'schema', 'supergraph.graphql'),
  path.join(REPO_ROOT, 'package-lock.json'),
];

function newestMtime(file: string): number {
  if (!existsSync(file)) return 0;
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(file).map((name) => newestMtime(path.join(file, name))));
}

/** Whether dashboard/dist is missing, or older than anything it is built from. */
export function dashboardIsStale(dist = DASHBOARD_DIST): boolean {
  const built = path.join(dist, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return INPUTS.some((input) => newestMtime(input) > builtAt);
}

/** Writes `text` unless the file already holds it (so an unchanged build touches nothing). */
function writeIfChanged(file: string, text: string): boolean {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false;
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return true;
}

/**
 * Generates the typed operations for the current membership, the gateway's trusted-document
 * manifest from their persisted-documents manifest, and builds the app with Vite into
 * dashboard/dist.
 */
export async function buildDashboard(
  options: { log?: (line: string) => void; outDir?: string } = {},
): Promise<void> {
  const log = options.log ?? (() => {});
  const code = await generateDashboardCode();
  for (const [file, text] of code.files) {
    if (writeIfChanged(file, text)) log(`wrote ${path.relative(REPO_ROOT, file)}`);
  }
  const manifest = trustedDocumentManifest(code.persistedDocuments, code.operations);
  if (writeIfChanged(PERSISTED_OPERATIONS_FILE, `${JSON.stringify(manifest, null, 2)}\n`)) {
    log(`wrote ${path.relative(REPO_ROOT, PERSISTED_OPERATIONS_FILE)}`);
  }
  // Imported here: only a build pays for loading Vite.
  const { build } = await import('vite');
  // Vite and the React plugin pick React's development build and JSX transform from NODE_ENV,
  // which `npm start` sets to development and vitest to test: the app is always built for
  // production, and the caller's NODE_ENV is put back.
  const callerNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(DASHBOARD_ROOT, 'vite.config.ts'),
      root: DASHBOARD_ROOT,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: options.outDir ?? DASHBOARD_DIST, emptyOutDir: true },
    });
  } finally {
    if (callerNodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = callerNodeEnv;
  }
  log(`built ${path.relative(REPO_ROOT, options.outDir ?? DASHBOARD_DIST)}`);
}
