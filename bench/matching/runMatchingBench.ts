import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDevKeys } from '../../core/auth/devKeys.js';
import { REPO_ROOT, memberCodes } from '../../core/federationConfig.js';
import { parseMatchQuery } from '../../core/matching/parseMatchQuery.js';
import { mintDevToken } from '../../gateway/auth/mintDevToken.js';
import { CASE_REF_HEADER, PURPOSE_HEADER } from '../../gateway/GatewayContext.js';
import { seedFederation } from '../../scripts/seedFederation.js';
import { startFederation } from '../../scripts/startFederation.js';
import { loadMember } from '../../subgraphs/membership.js';
import { PartyIndex } from '../../subgraphs/kit/matching/PartyIndex.js';
import { everyParty } from '../../subgraphs/kit/registry/everyParty.js';
import { createRng } from '../../subgraphs/kit/seed/createRng.js';
import { crossBorderWallets } from '../../subgraphs/kit/seed/crossBorderWallets.js';
import { matchingParties } from '../../subgraphs/kit/seed/matchingParties.js';
import { syntheticWallet } from '../../subgraphs/kit/seed/syntheticWallet.js';
import { postJson } from '../postJson.js';
import { partyQueries } from './partyQueries.js';

// `npm run bench:matching [-- --scale 10000 --port-offset 12000 --naive-ids 10000]`: seeds a
// federation, builds each member's party index in this process (time, memory, match latency
// on the index alone), then starts the federation and measures screening and matching through
// the gateway, beside the naive loop of one `wallet(id)` query per id (`--naive-ids 0` leaves
// it out: minutes of requests). Loopback only; prints Markdown.

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '10000' },
    'port-offset': { type: 'string', default: '12000' },
    runs: { type: 'string', default: '3' },
    'naive-ids': { type: 'string', default: '10000' },
    // A folder for the members' CPU profiles (node --cpu-prof), written when they stop.
    'profile-dir': { type: 'string' },
  },
});
const SCALE = Number(values.scale);
const PORT_OFFSET = Number(values['port-offset']);
const RUNS = Number(values.runs);
const NAIVE_IDS = Number(values['naive-ids']);
const WALLET_BATCH = 10_000;
const PARTY_BATCH = 500;
const LATENCY_QUERIES = 500;

const log = (message: string) => console.error(`[bench:matching] ${message}`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);
const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const median = (samples: readonly number[]) =>
  percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** One POST, with no client deadline short of ten minutes: a batch is timed, not cut off. */
const postBatch = (url: string, body: unknown, headers: Record<string, string>) =>
  postJson(url, body, headers, 600_000);

/** A seized device's list: every seeded shared wallet (hits), fresh ones, a few typos. */
function walletBatch(count: number): string[] {
  const ids = [...crossBorderWallets(), ...matchingParties().map((party) => party.walletId)];
  const rng = createRng('bench-matching-wallets');
  for (let i = 0; ids.length < count; i++) {
    ids.push(i % 1000 === 999 ? `eth:0xnot-a-wallet-${i}` : syntheticWallet(rng));
  }
  return ids.slice(0, count);
}

interface IndexFigures {
  member: string;
  parties: number;
  buildMs: number;
  heapMb: number;
  p50Ms: number;
  p99Ms: number;
}

/** Builds a member's party index from its seeded storage as the subgraph does, and times it. */
async function measureIndex(member: string, dataRoot: string): Promise<IndexFigures> {
  const open = (await loadMember(member)).openRegistries;
  const registries = await open({
    dataDir: path.join(dataRoot, member.toLowerCase()),
    databaseUrl: null,
    countQuery: () => {},
  });
  try {
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    const index = new PartyIndex();
    for await (const named of everyParty(registries)) index.add(named);
    const buildMs = performance.now() - started;
    gc();
    const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    const latencies = partyQueries(LATENCY_QUERIES).map((input) => {
      const query = parseMatchQuery(input);
      const at = performance.now();
      index.match(query, 0.8, 10);
      return performance.now() - at;
    });
    latencies.sort((a, b) => a - b);
    return {
      member,
      parties: index.size,
      buildMs,
      heapMb,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
    };
  } finally {
    await registries.close();
  }
}

/** One selection per member, from the membership: a new member is measured with no edit here. */
const eachMember = (selection: string) =>
  memberCodes()
    .map((code) => `${code} { ${selection} }`)
    .join('\n');
const HIT = 'hit';
const CANDIDATES = 'hit candidates { scoreBand pseudonym }';

const SCREEN_WALLETS = /* GraphQL */ `
  query ($ids: [String!]!) {
    screenWallets(ids: $ids) {
      input
      error { reason }
      wallet { id ${eachMember(HIT)} }
    }
  }
`;
const SCREEN_PARTIES = /* GraphQL */ `
  query ($queries: [PartyMatchQuery!]!) {
    screenParties(queries: $queries) {
      index
      error { reason }
      search { ${eachMember(CANDIDATES)} }
    }
  }
`;
const PARTY_MATCHES = /* GraphQL */ `
  query ($query: PartyMatchQuery!) {
    partyMatches(query: $query) { ${eachMember(CANDIDATES)} }
  }
`;
const WALLET = /* GraphQL */ `
  query ($id: WalletId!) {
    wallet(id: $id) { ${eachMember(HIT)} }
  }
`;

async function main() {
  const dataRoot = mkdtempSync(path.join(os.tmpdir(), 'comity-bench-matching-'));
  let stop: (() => Promise<void>) | null = null;
  try {
    const keysDir = path.join(dataRoot, 'keys');
    const supergraphFile = path.join(dataRoot, 'supergraph.graphql');
    copyFileSync(path.join(REPO_ROOT, 'schema', 'supergraph.graphql'), supergraphFile);
    const keys = await ensureDevKeys(keysDir);
    log(`seeding ${SCALE} records per registry into ${dataRoot}`);
    let started = performance.now();
    await seedFederation({
      dataRoot,
      scale: SCALE,
      databaseUrl: null,
      auditDatabaseUrl: null,
      keysDir,
      log: () => {},
    });
    log(`seeded in ${seconds(performance.now() - started)} s`);

    const indexes: IndexFigures[] = [];
    for (const member of memberCodes()) {
      log(`building ${member}'s party index in this process`);
      const figures = await measureIndex(member, dataRoot);
      log(JSON.stringify(figures));
      indexes.push(figures);
    }

    log('starting the federation');
    const federation = await startFederation({
      dataRoot,
      portOffset: PORT_OFFSET,
      env: {
        COMITY_SUPERGRAPH: supergraphFile,
        COMITY_KEYS_DIR: keysDir,
        DATABASE_URL: '',
        AUDIT_DATABASE_URL: '',
        REDIS_URL: '',
        // The naive loop sends ten thousand requests as one caller.
        COMITY_RATE_LIMIT_PER_SUBJECT: '1000000',
        COMITY_RATE_LIMIT_PER_AGENCY: '1000000',
        LOG_LEVEL: 'warn',
        // A 500-query screen can take a member longer than the default 5 s budget on a busy
        // machine: the bench measures how long it takes instead of timing it out.
        COMITY_SUBGRAPH_TIMEOUT_MS: '120000',
      },
      ...(values['profile-dir']
        ? {
            subgraphEnv: {
              NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${path.resolve(values['profile-dir'])}`,
            },
          }
        : {}),
      maxRestarts: 0,
      onLine: () => {},
      readyTimeoutMs: 180_000,
    });
    stop = () => federation.stop();
    const token = await mintDevToken(keys, {
      subject: 'bench-matching',
      roles: ['INVESTIGATOR'],
      country: 'FR',
      agency: 'OFAC-bench',
      ttl: '2h',
    });
    const headers = {
      authorization: `Bearer ${token}`,
      [PURPOSE_HEADER]: 'CRIMINAL_INVESTIGATION',
      [CASE_REF_HEADER]: 'FR-BENCH-MATCHING-1',
    };
    const ask = async (query: string, variables: Record<string, unknown>) => {
      const at = performance.now();
      const answer = await postBatch(federation.gatewayUrl, { query, variables }, headers);
      const ms = performance.now() - at;
      if (answer.status !== 200 || !answer.json?.data) {
        throw new Error(
          `the gateway answered ${answer.status}: ${JSON.stringify(answer.json).slice(0, 500)}`,
        );
      }
      const errors = (answer.json.errors ?? []) as { extensions?: { code?: string } }[];
      return { ms, json: answer.json, errors, bytes: answer.bytes };
    };

    // Every member builds its index at start, in the background: the first match waits for it.
    started = performance.now();
    await ask(PARTY_MATCHES, { query: partyQueries(1)[0] });
    log(`first match answered ${seconds(performance.now() - started)} s after start`);

    const ids = walletBatch(WALLET_BATCH);
    await ask(SCREEN_WALLETS, { ids: ids.slice(0, 100) });
    const walletRuns: number[] = [];
    let walletHits = 0;
    let walletErrors = 0;
    for (let run = 0; run < RUNS; run++) {
      const answer = await ask(SCREEN_WALLETS, { ids });
      if (answer.errors.length > 0) {
        throw new Error(`screenWallets answered errors: ${JSON.stringify(answer.errors[0])}`);
      }
      walletRuns.push(answer.ms);
      log(`screenWallets run ${run + 1}: ${answer.ms.toFixed(0)} ms`);
      const items = answer.json.data.screenWallets as {
        error: unknown;
        wallet: Record<string, { hit: boolean } | null> | null;
      }[];
      walletHits = items.filter(
        (item) => item.wallet && memberCodes().some((m) => item.wallet![m]?.hit),
      ).length;
      walletErrors = items.filter((item) => item.error).length;
    }
    log(`screenWallets: median ${median(walletRuns).toFixed(0)} ms`);

    const queries = partyQueries(PARTY_BATCH);
    const partyRuns: number[] = [];
    let partyHits = 0;
    for (let run = 0; run < RUNS; run++) {
      const answer = await ask(SCREEN_PARTIES, { queries });
      if (answer.errors.length > 0) {
        throw new Error(`screenParties answered errors: ${JSON.stringify(answer.errors[0])}`);
      }
      partyRuns.push(answer.ms);
      log(`screenParties run ${run + 1}: ${answer.ms.toFixed(0)} ms`);
      const items = answer.json.data.screenParties as {
        search: Record<string, { hit: boolean } | null> | null;
      }[];
      partyHits = items.filter(
        (item) => item.search && memberCodes().some((m) => item.search![m]?.hit),
      ).length;
    }
    log(`screenParties: median ${median(partyRuns).toFixed(0)} ms`);

    const latencies: number[] = [];
    for (const query of partyQueries(LATENCY_QUERIES)) {
      latencies.push((await ask(PARTY_MATCHES, { query })).ms);
    }
    latencies.sort((a, b) => a - b);

    const naiveIds = ids.slice(0, NAIVE_IDS);
    log(`naive loop: ${naiveIds.length} single wallet(id) queries, one after another`);
    started = performance.now();
    let refused = 0;
    for (const id of naiveIds) {
      const answer = await postBatch(
        federation.gatewayUrl,
        { query: WALLET, variables: { id } },
        headers,
      );
      if (answer.status !== 200 || answer.json?.errors) refused += 1;
    }
    const naiveMs = performance.now() - started;

    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const lines = [
      `Machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}; load average at the end ${os
        .loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')}`,
      `Scale: ${SCALE} records per registry (plus the seeded cross-member parties); ${RUNS} timed runs per batch, the median shown.`,
      '',
      '| member index | parties | build | heap | match p50 | match p99 |',
      '| --- | ---: | ---: | ---: | ---: | ---: |',
      ...indexes.map(
        (figures) =>
          `| ${figures.member} | ${figures.parties} | ${figures.buildMs.toFixed(0)} ms | ${figures.heapMb.toFixed(1)} MB | ${figures.p50Ms.toFixed(3)} ms | ${figures.p99Ms.toFixed(3)} ms |`,
      ),
      '',
      '| through the gateway | figure |',
      '| --- | ---: |',
      `| screenWallets, ${ids.length} ids, hit in each of 3 members (${walletHits} hits, ${walletErrors} bad ids) | ${median(walletRuns).toFixed(0)} ms, ${Math.round(ids.length / (median(walletRuns) / 1000))} wallets/s |`,
      `| screenParties, ${queries.length} queries, candidates in each of 3 members (${partyHits} hits) | ${median(partyRuns).toFixed(0)} ms, ${Math.round(queries.length / (median(partyRuns) / 1000))} parties/s |`,
      `| partyMatches, one query at a time (${LATENCY_QUERIES} queries) | p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms |`,
      ...(naiveIds.length === 0
        ? []
        : [
            `| naive loop: ${naiveIds.length} single wallet(id) queries, one after another (${refused} answered with errors) | ${seconds(naiveMs)} s, ${Math.round(naiveIds.length / (naiveMs / 1000))} wallets/s |`,
            `| screenWallets against the naive loop (per id) | ${(naiveMs / naiveIds.length / (median(walletRuns) / ids.length)).toFixed(1)}× faster |`,
          ]),
    ];
    console.log(lines.join('\n'));
  } finally {
    await stop?.();
    rmSync(dataRoot, { recursive: true, force: true });
  }
}

await main();
