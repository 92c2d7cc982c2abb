import path from 'node:path';
import { REPO_ROOT } from '../core/federationConfig.js';
import { ImportRejectedError } from '../subgraphs/kit/registry/ImportRejectedError.js';
import { ensureDevKeys } from '../core/auth/devKeys.js';
import { mintDevToken } from '../gateway/auth/mintDevToken.js';
import { trustedKeysDir } from '../core/auth/trustedKeysDir.js';
import { EXAMPLE_CALLER, exampleCurl } from './exampleQuery.js';
import { DEFAULT_SEED_SCALE, seedFederation } from './seedFederation.js';
import { startFederation } from './startFederation.js';
import { buildDashboard, dashboardIsStale } from './dashboard/buildDashboard.js';
import { commandLine, parseOptions } from './commandLine.js';

// `npm start`: seeds the demo data on first run (embedded defaults: PGlite and files under
// .data/), builds the dashboard when it is missing or stale, starts the directory, every jurisdiction and the gateway as separate processes,
// and prints how to query them. Ctrl-C stops them all.
// Local runs are development: introspection and field suggestions on, trusted documents
// off. Set NODE_ENV=production to try the hardened behaviour.
commandLine(
  'start',
  'usage: npm start\n  seeds the demo data once and runs every member, the directory and the gateway\n' +
    '  (configured by environment variables: see docs/configuration.md)',
  () => parseOptions({}, process.argv.slice(2)),
);
process.env.NODE_ENV ??= 'development';
// The gateway's JSON request log would bury the banner below; raise LOG_LEVEL to see it.
process.env.LOG_LEVEL ??= 'warn';

const dataRoot = path.resolve(process.env.COMITY_DATA_ROOT ?? path.join(REPO_ROOT, '.data'));
const databaseUrl = process.env.DATABASE_URL || null;

try {
  await seedFederation({
    dataRoot,
    scale: Number(process.env.COMITY_SEED_SCALE ?? DEFAULT_SEED_SCALE),
    databaseUrl,
    progress: true,
  });
} catch (error) {
  console.error(error instanceof ImportRejectedError ? error.message : error);
  process.exit(1);
}

if (dashboardIsStale()) {
  console.error('[start] building the dashboard (dashboard/dist is missing or older than its sources)…');
  try {
    await buildDashboard({ log: (line) => console.error(`[dashboard] ${line}`) });
  } catch (error) {
    console.error(`[start] the dashboard did not build: ${(error as Error).message}`);
    process.exit(1);
  }
}

// Development keys are made once, before any process starts, so all of them read the same.
const keys = await ensureDevKeys(trustedKeysDir());
const token = await mintDevToken(keys, {
  subject: 'demo-investigator',
  roles: [EXAMPLE_CALLER.role],
  country: EXAMPLE_CALLER.country,
  agency: EXAMPLE_CALLER.agency,
  ttl: '8h',
});

console.error('[start] starting the directory, the jurisdictions and the gateway…');
let federation: Awaited<ReturnType<typeof startFederation>>;
try {
  federation = await startFederation({
    dataRoot,
    // A million records per registry take minutes to index at start; 2 minutes suit the demo.
    readyTimeoutMs: Number(process.env.COMITY_START_TIMEOUT_MS ?? 120_000),
  });
} catch (error) {
  console.error(`[start] could not start: ${(error as Error).message}`);
  process.exit(1);
}

const lines = [
  '',
  'Comity is running.',
  '',
  `  dashboard   ${federation.baseUrls.gateway}/`,
  `  gateway     ${federation.gatewayUrl}`,
  ...Object.entries(federation.baseUrls)
    .filter(([name]) => name !== 'gateway')
    .map(
      ([name, url]) =>
        `  ${name.padEnd(11)} ${url}/graphql${federation.notStarted.includes(name) ? '   (NOT RUNNING: see its lines above; restart to retry)' : ''}`,
    ),
  '',
  'Try the cross-border example (a French freezing order, its wallets in the German',
  'watchlist and the Singapore disclosures), as a French investigator (token valid 8 h):',
  '',
  exampleCurl(federation.gatewayUrl, token),
  '',
  'Other callers: npm run -s token -- --role ANALYST --country DE --agency BKA',
  '(roles, purposes and what each jurisdiction releases: README, "Policy").',
  '',
  'Ctrl-C stops everything.',
  '',
];
console.log(lines.join('\n'));

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.error('\n[start] stopping…');
  await federation.stop();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
