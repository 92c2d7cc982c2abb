import { readFileSync } from 'node:fs';
import { federationConfig } from '../../core/federationConfig.js';
import { DEFAULT_MAX_COST } from '../../gateway/limits/OperationLimits.js';
import { NODE_FLAGS } from '../../scripts/startFederation.js';
import { connectionsFor } from '../scenarios.js';
import type { BenchReport } from './BenchReport.js';

/** The composition's subgraphs as the report names them: `directory, FR, DE, …`. */
function subgraphNames(): string {
  return federationConfig()
    .subgraphs.map((subgraph) => subgraph.member?.code ?? subgraph.name)
    .join(', ');
}

/** The version the project's or the bench's comparison manifest pins `name` at, so the report names what ran. */
function pinnedVersion(name: string): string {
  for (const file of ['../../package.json', '../comparison/package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8'));
      const version = manifest.dependencies?.[name] ?? manifest.devDependencies?.[name];
      if (version) return version;
    } catch {
      // A manifest that cannot be read pins nothing.
    }
  }
  return '(not pinned)';
}

/** The command, the data, the load, the clients, the processes and the systems of the run. */
export function renderHowItWasRun(report: BenchReport): string[] {
  const out: string[] = [];
  const argv = report.argv.length ? ` -- ${report.argv.join(' ')}` : '';
  // Scenarios that run at fewer connections than the others (Scenario.maxConnections).
  const capped = report.scenarios.filter(
    (scenario) => connectionsFor(scenario, report.connections).join() !== report.connections.join(),
  );
  out.push('### How it was run');
  out.push('');
  out.push('```sh');
  out.push(`npm run bench${argv}`);
  out.push('```');
  out.push('');
  out.push(
    `- Data: ${report.scale.toLocaleString('en')} records per registry, seeded into a temporary data root by \`seedFederation\` in ${report.seedSeconds.toFixed(0)} s (PGlite and files, no PostgreSQL server). ${report.registryCache ? `Registry cache on: France's SQL registries behind Redis at ${report.registryCache} (\`REGISTRY_CACHE_REDIS_URL\`; DE and SG are in memory and not cached), for every system alike, since they share the subgraphs; \`--no-registry-cache\` turns it off.` : 'Registry cache off (no Redis answered, or `--no-registry-cache`).'} The gateway's own Redis (\`REDIS_URL\`: rate limits, APQ) is off: in-process defaults. Audit logs: ${report.auditStore === 'postgresql' ? "on the local PostgreSQL server (`AUDIT_DATABASE_URL`, a database of the run's own, synchronous commit, into which the seed's cross-border requests are written before the federation starts), as docker-compose deploys them; `--audit-store pglite` keeps `npm start`'s embedded PGlite, which runs its writes, fsync included, on the subgraph's own thread" : 'embedded PGlite, as `npm start` runs them (`--audit-store postgres` puts them on the local PostgreSQL server, as docker-compose deploys them)'}.`,
  );
  if (report.phases.length > 0) {
    const total = (report.finishedAt.getTime() - report.startedAt.getTime()) / 1000;
    out.push(
      `- Time: ${report.phases.map((phase) => `${phase.name} ${phase.seconds.toFixed(0)} s`).join(', ')}; ${total.toFixed(0)} s in all, report included.`,
    );
  }
  out.push(
    `- Load: ${report.rounds} interleaved round(s); in each round every system runs every scenario for ${report.durationSec} s at each of ${report.connections.join(' and ')} connection(s), the order of systems rotated per round; a 1 s warm-up precedes each system's first run; before every measurement the harness waits (at most 15 s) until the federation's processes are idle, so that no run pays for the queue the one before left.${capped.length > 0 ? ` ${capped.map((scenario) => `Scenario ${scenario.id} runs at ${connectionsFor(scenario, report.connections).join(' and ')} connection(s)`).join('; ')}: ${capped.length > 1 ? 'they serve' : 'it serves'} a few requests per second here, and more connections would queue each request for longer than the window.` : ''} Tables give the median over rounds; ratios are medians of per-round ratios.`,
  );
  out.push(
    `- Clients: autocannon ${pinnedVersion('autocannon')} (keep-alive, no pipelining) drives the gateways; it records latency in whole milliseconds. The direct critical path is driven by bench/replayDriver.ts (undici keep-alive pools, one connection per worker, fractional ms), and Comity is also driven by that same client at one connection so that the overhead figure compares like with like. Both count the requests finished inside the window, over the window. A request fails (column "Failed", not counted in RPS) when its status is not 2xx, it errs or times out, or its body carries GraphQL \`errors\`.`,
  );
  out.push(
    '- Gateway CPU: (utime + stime) delta of the gateway process over wall time, from `/proc/<pid>/stat` (1.0 = one core busy); CPU ms / request: that share ÷ RPS, the median over rounds. Max RSS: largest `VmRSS` sampled every 100 ms during the window, which includes whatever the process kept from the runs before it (resident memory seldom shrinks); the peak `VmHWM` of every process at the end of the run (\"Memory\") is the figure to compare systems by.',
  );
  out.push(
    `- Processes: the subgraphs (${subgraphNames()}), shared by every system, run as docker-compose runs them: \`NODE_ENV=production\` (graphql-js skips its development-only checks) and Comity's node flags (\`${NODE_FLAGS.join(' ')}\`, \`NODE_FLAGS\` in scripts/startFederation.ts). Every gateway runs with those node flags too (Comity's as \`npm start\` and docker-compose start it; stock Apollo's and Hive's because a runtime setting is not a Comity feature), and with NODE_ENV unset.`,
  );
  out.push(...systemsRun());
  out.push('');
  return out;
}

/** What each of the four systems is, as the bench runs it. */
function systemsRun(): string[] {
  const out: string[] = [];
  out.push('- Systems:');
  out.push(
    "  - (a) **direct critical path**: the subgraph calls Comity's query plan makes, captured once per scenario by a recording proxy in front of the subgraphs (bench/recordSubgraphCalls.ts), then replayed straight to the subgraphs as dependent stages (calls of one stage in parallel, stages in sequence), each call with a context token of its own signed by `contextTokenSigner` with the dev keys (`context.current`, ttl 60 s; a subgraph accepts a token once). The lower bound: no gateway at all.",
  );
  out.push(
    `  - (b) **stock @apollo/gateway ${pinnedVersion('@apollo/gateway')} + @apollo/server ${pinnedVersion('@apollo/server')}** with default settings, no auth, no limits, no policy plugins (bench/systems/stockApolloGateway.ts). The only change: a \`RemoteGraphQLDataSource\` subclass that adds the pre-signed context token of the bench caller named in \`x-bench-caller\` (the subgraphs refuse requests without one), and the subgraph URLs of the harness's ports.`,
  );
  out.push(
    `  - (c) **Hive Gateway** (\`@graphql-hive/gateway\` ${pinnedVersion('@graphql-hive/gateway')}, \`createGatewayRuntime\`, bench/comparison/hiveGateway.ts) serving the same supergraph file, with in-flight request deduplication off both ways (\`inboundInflightRequestDeduplication: false\`, transport \`deduplicateInflightRequests: false\`), the context token added by \`propagateHeaders.fromClientToSubgraphs\`, and logging at \`error\`.`,
  );
  out.push(
    `  - (d) **Comity** as \`npm start\` runs it (\`gateway/index.ts\`, NODE_ENV unset = hardened defaults, pino request logging at info to a pipe): caller JWT verification, purpose and case headers, operation limits, per-subgraph signed context, policy and audit in every subgraph. The only settings changed: \`COMITY_RATE_LIMIT_PER_SUBJECT\` and \`COMITY_RATE_LIMIT_PER_AGENCY\` = 1000000000 so that the rate limiter never throttles the bench (it still runs on every request); and \`REDIS_URL\` empty (in-process defaults). The default operation limits stay on (depth, aliases, cost up to ${DEFAULT_MAX_COST.toLocaleString('en')}): an operation they refused would show as an error in the answers below.`,
  );
  return out;
}
